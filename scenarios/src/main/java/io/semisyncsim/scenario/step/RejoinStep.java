package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.ValuePath;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * {@code rejoin: {node: OLD, source: NEW}}: a former source, restarted after a failover, becomes a replica
 * of {@code source} as an operator makes it (CHANGE MASTER TO ... START SLAVE): by GTID when it has
 * GTIDs, so it asks for what it lacks and keeps what only it has, its errant transactions, which the
 * narrative names (and {@code OLD.gtid.errant} reads); else from the source's binlog end.
 */
public record RejoinStep(Pos pos, String node, String source) implements Step {

    public static final StepKind KIND = new StepKind("rejoin", List.of("rejoin"), RejoinStep::read);

    static Step read(StepReader r, YNode.Map m) {
        YNode.Map f = r.asMap(m.entries().get("rejoin").value(), "rejoin");
        if (f == null) {
            return null;
        }
        r.unknownKeys(f, List.of("node", "source"), "rejoin");
        for (String key : List.of("node", "source")) {
            if (!f.entries().containsKey(key)) {
                r.problem(f.pos(), "rejoin needs '" + Printable.clip(key) + "' (rejoin: {node: OLD_SOURCE, source: NEW_SOURCE})");
                return null;
            }
        }
        String node = r.knownNode(f, "node");
        String source = r.knownNode(f, "source");
        if (node == null || source == null) {
            return null;
        }
        Pos at = f.entries().get("node").value().pos();
        if (node.equals(source)) {
            r.problem(at, "rejoin of " + node + " to itself");
            return null;
        }
        if (node.equals(r.source())) {
            r.problem(at, "rejoin of " + node + ", which is the source at this point");
            return null;
        }
        if (r.formerSourceAt(node) == null) {
            r.problem(at, "rejoin of " + node + ", which replicates already at this point (rejoin is for a former"
                    + " source, after a failover)");
            return null;
        }
        for (String n : List.of(node, source)) {
            if (r.downAt(n) != null) {
                r.problem(f.entries().get(n.equals(node) ? "node" : "source").value().pos(), "rejoin: " + n
                        + " is down at this point (it went down " + r.at(r.downAt(n)) + "; restart it first)");
                return null;
            }
        }
        r.rejoined(node);
        return new RejoinStep(m.pos(), node, source);
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), "rejoin: " + node + " replicates from " + source);
        try {
            p.target().rejoin(node, source);
        } catch (io.semisyncsim.cluster.Cluster.OperatorFailed e) {
            p.outcome(pos, "rejoin: the operator's statements on " + node + " succeed", false, e.getMessage());
            return;
        }
        p.target().settle();
        String errant = p.target().read(new ValuePath(node, ValuePath.Kind.GTID, "errant"));
        if (errant != null && !errant.isEmpty()) {
            p.listener().note(p.now(), node + " has transactions " + source + " never had (errant): "
                    + errant.replace(",\n", ", "));
        }
    }
}
