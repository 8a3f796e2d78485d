package io.semisyncsim.diff;

import io.semisyncsim.scenario.lang.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A diff of one scenario: every field compared, the server it ran on, and each side's verdict. */
public record DiffResult(Scenario scenario, String server, List<Field> fields, boolean realPassed,
                         boolean simulatedPassed) {

    /**
     * A difference as a person reads it: one field showing the same two values after one or more steps
     * ({@code steps} says which, e.g. "steps 1-9"); each error-log line that differs is one.
     */
    public record Difference(String steps, String name, String real, String simulated, int fields) {
    }

    public long same() {
        return fields.stream().filter(Field::same).count();
    }

    /** Differences of the model: fields neither the same nor settling. */
    public long different() {
        return fields.stream().filter(Field::different).count();
    }

    /** Fields that differed after an instantaneous step only, and agreed after the next. */
    public long settling() {
        return fields.stream().filter(Field::settling).count();
    }

    /** The differing fields, those that repeat the same two values across steps told once. */
    public List<Difference> differences() {
        Map<String, int[]> firstLastCount = new LinkedHashMap<>();
        Map<String, Field> example = new LinkedHashMap<>();
        List<Difference> logLines = new ArrayList<>();
        for (Field f : fields) {
            if (!f.different()) {
                continue;
            }
            if (f.step() == 0) {
                logLines.add(new Difference("error log", f.name(), f.real(), f.simulated(), 1));
                continue;
            }
            String key = f.name() + "\u0000" + f.real() + "\u0000" + f.simulated();
            int[] seen = firstLastCount.computeIfAbsent(key, k -> new int[] {f.step(), f.step(), 0});
            seen[1] = f.step();
            seen[2]++;
            example.putIfAbsent(key, f);
        }
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : firstLastCount.entrySet()) {
            Field f = example.get(e.getKey());
            int[] s = e.getValue();
            String steps = s[0] == s[1] ? f.stepLabel() : "steps " + s[0] + "-" + s[1];
            out.add(new Difference(steps, f.name(), f.real(), f.simulated(), s[2]));
        }
        out.addAll(logLines);
        return out;
    }
}
