package io.semisyncsim.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Lines two recordings up, step by step and field by field, and the error logs line by line. */
final class Comparison {
    private Comparison() {
    }

    static List<Field> compare(Recording real, Recording simulated, Normaliser normaliser, DiffSettings settings) {
        List<Field> out = new ArrayList<>();
        int steps = Math.max(real.records().size(), simulated.records().size());
        for (int i = 0; i < steps; i++) {
            Recording.StepRecord r = i < real.records().size() ? real.records().get(i) : null;
            Recording.StepRecord s = i < simulated.records().size() ? simulated.records().get(i) : null;
            String label = (s != null ? s : r).label();
            Set<String> names = new LinkedHashSet<>();
            if (s != null) {
                names.addAll(s.fields().keySet());
            }
            if (r != null) {
                names.addAll(r.fields().keySet());
            }
            for (String name : names) {
                String rv = r == null ? null : Normaliser.serverCounters(normaliser.value(r.fields().get(name)));
                String sv = s == null ? null : Normaliser.serverCounters(s.fields().get(name));
                out.add(new Field(i + 1, label, name, rv, sv, Objects.equals(rv, sv) || settings.sameSecond(name, rv, sv)));
            }
            Set<String> timed = new LinkedHashSet<>();
            if (s != null) {
                timed.addAll(s.timings().keySet());
            }
            if (r != null) {
                timed.addAll(r.timings().keySet());
            }
            for (String name : timed) {
                Long rt = r == null ? null : r.timings().get(name);
                Long st = s == null ? null : s.timings().get(name);
                boolean same = rt != null && st != null ? settings.sameTiming(rt, st) : rt == null && st == null;
                out.add(new Field(i + 1, label, name, Recording.duration(rt), Recording.duration(st), same));
            }
        }
        out = markSettling(out, real, simulated, settings);
        for (String node : simulated.logs().keySet()) {
            out.addAll(ErrorLogs.compare(node + ".log",
                    settings.ownThreads(normaliser.log(real.logs().getOrDefault(node, List.of()),
                            settings.ignoredLogLines(), true)),
                    settings.ownThreads(normaliser.log(simulated.logs().get(node), settings.ignoredLogLines(), false))));
        }
        return out;
    }

    /**
     * Marks the differences that are gone a little later because the two sides do not run in step: the
     * simulation reads the servers at a step's virtual instant, the real servers are read some
     * milliseconds later (reading every node takes a while, and they go on meanwhile; ten real commits
     * that fsync take 100 ms, the simulated ones 150 µs). A difference is settling when the two agree
     * again at a later step, and until then the simulation never had a quiet stretch of the settle
     * window in which it should have caught up: the step where it shows and every step before the
     * agreement took less than the window in the simulation (or the real step took the window longer).
     * Durations themselves stay differences: the cause, told once.
     */
    private static List<Field> markSettling(List<Field> fields, Recording real, Recording simulated,
                                            DiffSettings settings) {
        Map<String, Field> byStepAndName = new java.util.HashMap<>();
        for (Field f : fields) {
            byStepAndName.put(f.step() + "\u0000" + f.name(), f);
        }
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(!f.same() && !timed(f.name()) && settles(f, byStepAndName, real, simulated, settings)
                    ? new Field(f.step(), f.stepLabel(), f.name(), f.real(), f.simulated(), false, true) : f);
        }
        return out;
    }

    private static boolean timed(String name) {
        return name.endsWith("(time)") || name.endsWith("(actual)") || name.equals("await duration")
                || name.startsWith("check ");
    }

    private static boolean settles(Field f, Map<String, Field> byStepAndName, Recording real, Recording simulated,
                                   DiffSettings settings) {
        int steps = Math.min(real.records().size(), simulated.records().size());
        if (f.step() > steps || !tooShortToCatchUp(f.step(), real, simulated, settings)) {
            return false;
        }
        for (int next = f.step() + 1; next <= steps; next++) {
            Field later = byStepAndName.get(next + "\u0000" + f.name());
            if (later == null) {
                return false;
            }
            if (later.same()) {
                return true;
            }
            if (!tooShortToCatchUp(next, real, simulated, settings)) {
                return false; // the simulation had a quiet stretch to catch up in, and still disagrees
            }
        }
        return false;
    }

    /**
     * A step too short in the simulation to have caught up with the real servers, or far shorter than the
     * real one. An await counts as instant: it ends the moment its condition came true, when what follows
     * from that (a registration, the next file) is still on its way on both sides.
     */
    private static boolean tooShortToCatchUp(int step, Recording real, Recording simulated, DiffSettings settings) {
        long sim = simulated.records().get(step - 1).quiet();
        long wall = real.records().get(step - 1).duration();
        return sim < settings.settleMicros() || wall > sim + settings.settleMicros();
    }

    static Map<Boolean, Long> counts(List<Field> fields) {
        return Map.of(true, fields.stream().filter(Field::same).count(),
                false, fields.stream().filter(f -> !f.same()).count());
    }
}
