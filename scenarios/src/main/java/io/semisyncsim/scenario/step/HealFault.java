package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * {@code fault: heal}: every partition heals; with {@code between: [A, B]} (or {@code from: A, to: B})
 * only that link's cut, the others stay. Held packets go on their way.
 *
 * @param link the link to heal, or null for every partition
 */
public record HealFault(Pos pos, FaultStep.Link link) implements Step {

    public static final FaultKind KIND = new FaultKind("heal", List.of("fault", "between", "from", "to"),
            HealFault::read);

    static Step read(StepReader r, YNode.Map m) {
        boolean some = m.entries().containsKey("between") || m.entries().containsKey("from")
                || m.entries().containsKey("to");
        FaultStep.Link link = FaultStep.link(r, m, "heal", false);
        return some && link == null ? null : new HealFault(m.pos(), link);
    }

    @Override
    public void play(Play p) {
        if (link == null) {
            p.listener().step(p.now(), "fault heal (all partitions)");
            p.target().heal();
            return;
        }
        p.listener().step(p.now(), "fault heal " + link.describe());
        p.target().heal(link.a(), link.b(), link.bothWays());
    }
}
