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
                String rv = r == null ? null : normaliser.value(r.fields().get(name));
                String sv = s == null ? null : s.fields().get(name);
                out.add(new Field(i + 1, label, name, rv, sv, Objects.equals(rv, sv)));
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
                    normaliser.log(real.logs().getOrDefault(node, List.of()), settings.ignoredLogLines(), true),
                    normaliser.log(simulated.logs().get(node), settings.ignoredLogLines(), false)));
        }
        return out;
    }

    /**
     * Marks the differences that are gone a little later because the two sides did not take a step in
     * the same time: one that took no virtual time (the simulation shows its virtual instant, the real
     * servers the state a few milliseconds of loopback later, a heal's catch-up already begun), or one
     * whose duration differs (ten real commits that fsync take 100 ms, the simulated ones 150 µs, so
     * the replicas were read at different points of their catch-up). The difference may last while the
     * simulation takes more steps without advancing its clock; it settles when the two agree at the
     * first step after those. Durations themselves stay differences: the cause, told once.
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

    /**
     * Whether the difference began at an uneven step, and the two agree at a later step reached while
     * the simulation's clock was still behind the real one counted from there (so the simulation had
     * not yet had the time the real servers had).
     */
    private static boolean settles(Field f, Map<String, Field> byStepAndName, Recording real, Recording simulated,
                                   DiffSettings settings) {
        int start = f.step();
        while (start > 1 && differs(byStepAndName.get((start - 1) + "\u0000" + f.name()))) {
            start--; // the difference began earlier
        }
        if (!uneven(start, real, simulated, settings)) {
            return false;
        }
        long realSince = 0;
        long simSince = 0;
        for (int step = start; step <= simulated.records().size() && step <= real.records().size(); step++) {
            Field at = byStepAndName.get(step + "\u0000" + f.name());
            if (at == null) {
                return false;
            }
            if (at.same()) {
                return step > f.step();
            }
            realSince += duration(real, step);
            simSince += duration(simulated, step);
            if (simSince + settings.settleMicros() >= realSince) {
                return false; // the simulation had as much time as the real servers and still disagrees
            }
        }
        return false;
    }

    private static long duration(Recording r, int step) {
        return r.records().get(step - 1).duration();
    }

    private static boolean differs(Field f) {
        return f != null && !f.same();
    }

    private static boolean instant(int step, Recording simulated) {
        return step <= simulated.records().size() && simulated.records().get(step - 1).duration() == 0;
    }

    /** A step the two sides took in visibly different times: instant in the simulation, or not alike. */
    private static boolean uneven(int step, Recording real, Recording simulated, DiffSettings settings) {
        if (step > real.records().size() || step > simulated.records().size()) {
            return false;
        }
        long sim = simulated.records().get(step - 1).duration();
        long wall = real.records().get(step - 1).duration();
        return sim == 0 || Math.abs(wall - sim) > settings.settleMicros();
    }

    static Map<Boolean, Long> counts(List<Field> fields) {
        return Map.of(true, fields.stream().filter(Field::same).count(),
                false, fields.stream().filter(f -> !f.same()).count());
    }
}
