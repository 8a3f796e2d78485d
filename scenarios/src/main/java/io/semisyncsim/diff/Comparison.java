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
        out = markSettling(out, simulated);
        for (String node : simulated.logs().keySet()) {
            List<String> rl = normaliser.log(real.logs().getOrDefault(node, List.of()), settings.ignoredLogLines(), true);
            List<String> sl = normaliser.log(simulated.logs().get(node), settings.ignoredLogLines(), false);
            out.addAll(align(node + ".log", rl, sl));
        }
        return out;
    }

    /**
     * Marks the differences of instantaneous steps that are gone after the next step: the simulation
     * shows the state at the step's virtual instant, the real servers the state a few milliseconds of
     * loopback later, so a heal's catch-up has already begun on one side only.
     */
    private static List<Field> markSettling(List<Field> fields, Recording simulated) {
        Map<String, Field> byStepAndName = new java.util.HashMap<>();
        for (Field f : fields) {
            byStepAndName.put(f.step() + "\u0000" + f.name(), f);
        }
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            Field next = byStepAndName.get((f.step() + 1) + "\u0000" + f.name());
            boolean instant = Long.valueOf(0).equals(simulated.records().get(f.step() - 1).timings().get("step duration"));
            if (!f.same() && instant && next != null && next.same() && !f.name().endsWith("(time)")
                    && !f.name().startsWith("check ")) {
                out.add(new Field(f.step(), f.stepLabel(), f.name(), f.real(), f.simulated(), false, true));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** The two logs aligned on their longest common subsequence: each line the same, or on one side only. */
    static List<Field> align(String name, List<String> real, List<String> simulated) {
        int n = real.size();
        int m = simulated.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = real.get(i).equals(simulated.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Field> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && real.get(i).equals(simulated.get(j))) {
                out.add(new Field(0, "error log", name, real.get(i), simulated.get(j), true));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Field(0, "error log", name, null, simulated.get(j++), false));
            } else {
                out.add(new Field(0, "error log", name, real.get(i++), null, false));
            }
        }
        return out;
    }

    static Map<Boolean, Long> counts(List<Field> fields) {
        return Map.of(true, fields.stream().filter(Field::same).count(),
                false, fields.stream().filter(f -> !f.same()).count());
    }
}
