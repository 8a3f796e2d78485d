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
        String[] ends;
        boolean bothWays;
        if (m.entries().containsKey("between")) {
            ends = FaultStep.between(r, m, "partition");
            bothWays = true;
        } else if (m.entries().containsKey("from") && m.entries().containsKey("to")) {
            ends = FaultStep.known(r, m, "partition", r.text(m.entries().get("from").value(), "from"),
                    r.text(m.entries().get("to").value(), "to"));
            bothWays = false;
        } else {
            r.problem(m.pos(), "partition needs between: [A, B] (or from: A and to: B for one direction)");
            return null;
        }
        boolean drop = false;
        if (m.entries().containsKey("cut")) {
            String cut = r.optionalText(m, "cut", "hold");
            if (!cut.equals("hold") && !cut.equals("drop")) {
                r.problem(m.entries().get("cut").value().pos(), "cut is hold (packets wait for the heal) or drop, got '"
                        + cut + "'");
            }
            drop = cut.equals("drop");
        }
        return ends == null ? null : new PartitionFault(m.pos(), ends[0], ends[1], bothWays, drop);
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "fault partition " + a + (bothWays ? " <-> " : " -> ") + b
                + (drop ? " (packets dropped)" : " (packets held)"));
        p.target().partition(a, b, bothWays, drop);
    }
}
