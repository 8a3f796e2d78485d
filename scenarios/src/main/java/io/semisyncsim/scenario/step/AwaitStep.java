package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Expectation;
import io.semisyncsim.scenario.lang.Matcher;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/** {@code await: PATH OP VALUE, within: D}: let time pass until the check holds; failing that, it fails. */
public record AwaitStep(Pos pos, Expectation expectation, long within) implements Step {

    public static final StepKind KIND = new StepKind("await", List.of("await", "within"), AwaitStep::read);

    static Step read(StepReader r, YNode.Map m) {
        YNode v = m.entries().get("await").value();
        String text = r.text(v, "await");
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split("\\s+", 2);
        Expectation e = r.expectation(v.pos(), parts[0], parts.length > 1 ? parts[1] : "");
        if (!m.entries().containsKey("within")) {
            r.problem(m.pos(), "await needs a 'within' budget of virtual time, e.g. within: 30s");
            return null;
        }
        long within = r.optionalDuration(m, "within", 0);
        return e == null ? null : new AwaitStep(m.pos(), e, within);
    }

    @Override
    public void play(Play p) {
        long start = p.now();
        String[] error = new String[1];
        Matcher m = expectation.matcher(p.vars(), error);
        p.listener().step(start, "await " + expectation.describe(m) + " within " + Durations.format(within));
        if (m == null) {
            p.outcome(expectation.pos(), "await " + expectation.describe(), false, "the expected value: " + error[0]);
            return;
        }
        boolean held = p.target().runUntil(() -> m.test(p.read(expectation.path())), start + within);
        p.outcome(expectation.pos(), "await " + expectation.describe(m), held, p.read(expectation.path()));
    }
}
