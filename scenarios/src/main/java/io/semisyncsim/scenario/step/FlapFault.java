package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * {@code fault: flap, between: [A, B], every: D, for: D, times: N}: a link that keeps failing: cut now
 * and every {@code every}, healed {@code for} after each cut, {@code times} times; it goes on in the
 * background while the next steps run, as a flapping link does. {@code from/to} and {@code cut} as for
 * a partition.
 */
public record FlapFault(Pos pos, FaultStep.Link link, boolean drop, long every, long down, int times)
        implements Step {

    public static final FaultKind KIND = new FaultKind("flap", List.of("fault", "between", "from", "to", "cut",
            "every", "for", "times"), FlapFault::read);

    static Step read(StepReader r, YNode.Map m) {
        FaultStep.Link link = FaultStep.link(r, m, "flap", true);
        boolean drop = PartitionFault.drop(r, m);
        for (String key : List.of("every", "for", "times")) {
            if (!m.entries().containsKey(key)) {
                r.problem(m.pos(), "flap needs every, for and times, e.g. every: 2s, for: 500ms, times: 5");
                return null;
            }
        }
        long every = r.optionalDuration(m, "every", -1);
        long down = r.optionalDuration(m, "for", -1);
        long times = r.wholeNumber(m, "times", -1, 1, 1_000_000);
        if (every < 0 || down < 0 || times < 0) {
            return null;
        }
        if (down == 0 || down >= every) {
            r.problem(m.entries().get("for").value().pos(), "a flap's cut lasts more than 0 and less than every ("
                    + Durations.format(every) + "), got " + Durations.format(down));
            return null;
        }
        if ((double) every * times > Durations.MAX) {
            r.problem(m.entries().get("times").value().pos(), "a flap of " + times + " times every "
                    + Durations.format(every) + " lasts longer than a year of virtual time");
            return null;
        }
        return link == null ? null : new FlapFault(m.pos(), link, drop, every, down, (int) times);
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault flap " + link.describe() + ": cut for " + Durations.format(down) + " every "
                + Durations.format(every) + ", " + times + " time" + (times == 1 ? "" : "s")
                + (drop ? " (packets dropped)" : " (packets held)") + " (background)");
        p.target().flap(link.a(), link.b(), link.bothWays(), drop, every, down, times);
    }
}
