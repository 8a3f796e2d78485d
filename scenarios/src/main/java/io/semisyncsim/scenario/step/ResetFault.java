package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/** {@code fault: reset, between: [A, B]}: the connections between two nodes are reset; both ends see it. */
public record ResetFault(Pos pos, String a, String b) implements Step {

    public static final FaultKind KIND = new FaultKind("reset", List.of("fault", "between"), ResetFault::read);

    static Step read(StepReader r, YNode.Map m) {
        if (!m.entries().containsKey("between")) {
            r.problem(m.pos(), "reset needs between: [A, B]");
            return null;
        }
        String[] ends = FaultStep.between(r, m, "reset");
        return ends == null ? null : new ResetFault(m.pos(), ends[0], ends[1]);
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault reset " + a + " <-> " + b);
        p.target().reset(a, b);
    }
}
