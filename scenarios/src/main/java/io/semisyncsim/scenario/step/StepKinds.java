package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.StepKind;
import java.util.List;

/** Every kind of step a scenario file can hold: the one list the reader, the schema test and docs use. */
public final class StepKinds {
    private StepKinds() {
    }

    public static final List<StepKind> ALL = List.of(SqlStep.KIND, SendStep.KIND, ReapStep.KIND, KillStep.KIND, LetStep.KIND,
            SleepStep.KIND, AwaitStep.KIND, ExpectStep.KIND, FaultStep.KIND, CommitStep.KIND, WorkloadStep.KIND,
            FailoverStep.KIND, RejoinStep.KIND, RepeatStep.KIND);
}
