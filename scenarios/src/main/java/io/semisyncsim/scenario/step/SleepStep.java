package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/** {@code sleep: 2s}: let time pass. */
public record SleepStep(Pos pos, long micros) implements Step {

    public static final StepKind KIND = new StepKind("sleep", List.of("sleep"), SleepStep::read);

    static Step read(StepReader r, YNode.Map m) {
        return new SleepStep(m.pos(), r.optionalDuration(m, "sleep", 0));
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "sleep " + Durations.format(micros));
        p.target().runFor(micros);
    }
}
