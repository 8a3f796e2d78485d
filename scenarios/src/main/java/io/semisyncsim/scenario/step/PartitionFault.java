package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * {@code fault: partition}: a silent cut of the link between two nodes ({@code between: [A, B]}), or
 * one way ({@code from: A, to: B}); packets meeting it are held for the heal ({@code cut: hold}, the
 * default) or lost ({@code cut: drop}). Nobody is told: the peers notice only by their own timeouts.
 */
public record PartitionFault(Pos pos, String a, String b, boolean bothWays, boolean drop) implements Step {

    public static final FaultKind KIND = new FaultKind("partition", List.of("fault", "between", "from", "to", "cut"),
            PartitionFault::read);

    static Step read(StepReader r, YNode.Map m) {
        FaultStep.Link link = FaultStep.link(r, m, "partition", true);
        boolean drop = drop(r, m);
        return link == null ? null : new PartitionFault(m.pos(), link.a(), link.b(), link.bothWays(), drop);
    }

    /** {@code cut: hold} (the default: packets wait for the heal) or {@code cut: drop}. */
    static boolean drop(StepReader r, YNode.Map m) {
        if (!m.entries().containsKey("cut")) {
            return false;
        }
        String cut = r.optionalText(m, "cut", "hold");
        if (!cut.equals("hold") && !cut.equals("drop")) {
            r.problem(m.entries().get("cut").value().pos(), "cut is hold (packets wait for the heal) or drop, got '"
                    + cut + "'");
        }
        return cut.equals("drop");
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault partition " + a + (bothWays ? " <-> " : " -> ") + b
                + (drop ? " (packets dropped)" : " (packets held)"));
        p.target().partition(a, b, bothWays, drop);
    }
}
