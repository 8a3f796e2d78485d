package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Expectation;
import io.semisyncsim.scenario.lang.Matcher;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code expect: {PATH: VALUE, ...}}: every check, now. */
public record ExpectStep(Pos pos, List<Expectation> expectations) implements Step {

    public static final StepKind KIND = new StepKind("expect", List.of("expect"), ExpectStep::read);

    static Step read(StepReader r, YNode.Map m) {
        YNode.Map checks = r.asMap(m.entries().get("expect").value(), "expect");
        if (checks == null) {
            return null;
        }
        List<Expectation> out = new ArrayList<>();
        for (Map.Entry<String, YNode.Entry> e : checks.entries().entrySet()) {
            String value = r.text(e.getValue().value(), "the expected value of " + e.getKey());
            if (value != null) {
                Expectation x = r.expectation(e.getValue().keyPos(), e.getKey(), value);
                if (x != null) {
                    out.add(x);
                }
            }
        }
        return new ExpectStep(m.pos(), out);
    }

    @Override
    public void play(Play p) {
        for (Expectation e : expectations) {
            String[] error = new String[1];
            Matcher m = e.matcher(p.vars(), error);
            String actual = p.read(e.path());
            if (m == null) {
                p.outcome(e.pos(), e.describe(), false, actual + " (the expected value: " + error[0] + ")");
                continue;
            }
            p.outcome(e.pos(), e.describe(m), m.test(actual), actual);
        }
    }
}
