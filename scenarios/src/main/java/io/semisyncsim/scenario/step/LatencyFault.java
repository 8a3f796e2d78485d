package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/** {@code fault: latency, between: [A, B], latency: D, jitter: D}: both directions get a new latency. */
public record LatencyFault(Pos pos, String a, String b, long latency, long jitter) implements Step {

    public static final FaultKind KIND = new FaultKind("latency", List.of("fault", "between", "latency", "jitter"),
            LatencyFault::read);

    static Step read(StepReader r, YNode.Map m) {
        if (!m.entries().containsKey("between")) {
            r.problem(m.pos(), "latency needs between: [A, B]");
            return null;
        }
        String[] ends = FaultStep.between(r, m, "latency");
        if (!m.entries().containsKey("latency")) {
            r.problem(m.pos(), "a latency fault needs latency, e.g. latency: 200ms");
            return null;
        }
        long latency = r.optionalDuration(m, "latency", 0);
        long jitter = r.optionalDuration(m, "jitter", 0);
        if (jitter > latency) {
            r.problem(m.entries().get("jitter").value().pos(), "jitter cannot exceed latency");
        }
        return ends == null ? null : new LatencyFault(m.pos(), ends[0], ends[1], latency, jitter);
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault latency " + a + " <-> " + b + " " + Durations.format(latency)
                + (jitter > 0 ? " ± " + Durations.format(jitter) : ""));
        p.target().latency(a, b, latency, jitter);
    }
}
