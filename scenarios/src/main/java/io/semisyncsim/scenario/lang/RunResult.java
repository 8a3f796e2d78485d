package io.semisyncsim.scenario.lang;

import io.semisyncsim.invariant.Violation;
import io.semisyncsim.scenario.lang.Outcome;
import java.util.List;

/**
 * What a run leaves: every outcome, the virtual end time, the trace digest (the determinism check) and
 * the broken invariant that stopped it, if one did, and what clients saw of their commits.
 */
public record RunResult(Scenario scenario, List<Outcome> outcomes, long endTime, String traceDigest, long traceEvents,
                        Violation violation, Commits commits) {

    public RunResult(Scenario scenario, List<Outcome> outcomes, long endTime, String traceDigest, long traceEvents) {
        this(scenario, outcomes, endTime, traceDigest, traceEvents, null, new Commits());
    }

    public boolean passed() {
        return outcomes.stream().allMatch(Outcome::held);
    }

    public long failures() {
        return outcomes.stream().filter(o -> !o.held()).count();
    }
}
