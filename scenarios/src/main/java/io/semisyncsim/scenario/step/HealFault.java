package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import java.util.List;

/** {@code fault: heal}: every partition heals; held packets go on their way. */
public record HealFault(Pos pos) implements Step {

    public static final FaultKind KIND = new FaultKind("heal", List.of("fault"), (r, m) -> new HealFault(m.pos()));

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault heal (all partitions)");
        p.target().heal();
    }
}
