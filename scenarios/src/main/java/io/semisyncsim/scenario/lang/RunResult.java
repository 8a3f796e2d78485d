package io.semisyncsim.scenario.lang;

import io.semisyncsim.scenario.lang.Outcome;
import java.util.List;

/** What a run leaves: every outcome, the virtual end time and the trace digest (the determinism check). */
public record RunResult(Scenario scenario, List<Outcome> outcomes, long endTime, String traceDigest, long traceEvents) {

    public boolean passed() {
        return outcomes.stream().allMatch(Outcome::held);
    }

    public long failures() {
        return outcomes.stream().filter(o -> !o.held()).count();
    }
}
