package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.FaultKind;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Suggest;
import io.semisyncsim.scenario.lang.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code fault: KIND} and the keys of that kind: reads the kind and hands the step to it. The kinds
 * are {@link Faults#KINDS}; each is one class.
 */
public final class FaultStep {
    private FaultStep() {
    }

    public static final StepKind KIND = new StepKind("fault", allKeys(), FaultStep::read);

    private static List<String> allKeys() {
        TreeSet<String> keys = new TreeSet<>();
        for (FaultKind k : Faults.KINDS) {
            keys.addAll(k.keys());
        }
        return List.copyOf(keys);
    }

    static Step read(StepReader r, YNode.Map m) {
        YNode v = m.entries().get("fault").value();
        String name = r.text(v, "fault");
        if (name == null) {
            return null;
        }
        for (FaultKind k : Faults.KINDS) {
            if (k.name().equals(name)) {
                for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
                    if (KIND.keys().contains(e.getKey()) && !k.keys().contains(e.getKey())) {
                        r.problem(e.getValue().keyPos(), "unknown key '" + Printable.clip(e.getKey()) + "' in a" + (name.equals("heal")
                                ? " heal" : " " + name + " fault") + Suggest.didYouMean(e.getKey(), k.keys()));
                    }
                }
                return k.reader().read(r, m);
            }
        }
        List<String> names = new ArrayList<>();
        Faults.KINDS.forEach(k -> names.add(k.name()));
        r.problem(v.pos(), "unknown fault '" + Printable.clip(name) + "'" + Suggest.didYouMean(name, names)
                + " (faults: " + String.join(", ", names) + ")");
        return null;
    }

    /** The {@code node:} of a node fault, required and in the topology; null when not (reported). */
    static String node(StepReader r, YNode.Map m, String kind) {
        if (!m.entries().containsKey("node")) {
            r.problem(m.pos(), "fault " + kind + " needs a node, e.g. node: source");
            return null;
        }
        return r.knownNode(m, "node");
    }

    /** The two nodes of {@code between: [A, B]}, both in the topology; null when not (reported). */
    static String[] between(StepReader r, YNode.Map m, String kind) {
        YNode v = m.entries().get("between").value();
        List<String> pair = v instanceof YNode.Seq ? r.texts(v, "a node in between") : List.of();
        if (pair.size() != 2) {
            r.problem(v.pos(), kind + " between takes two nodes, e.g. between: [source, replica1]");
            return null;
        }
        List<YNode> items = ((YNode.Seq) v).items();
        return known(r, kind, pair.get(0), items.get(0).pos(), pair.get(1), items.get(1).pos());
    }

    /** The link a fault acts on: {@code a} to {@code b}, and back when {@code bothWays}. */
    record Link(String a, String b, boolean bothWays) {
        String describe() {
            return a + (bothWays ? " <-> " : " -> ") + b;
        }
    }

    /**
     * {@code between: [A, B]} (both ways) or {@code from: A} and {@code to: B} (one way); null when
     * neither is given (and {@code required}: reported), or a node is unknown (reported).
     */
    static Link link(StepReader r, YNode.Map m, String kind, boolean required) {
        if (m.entries().containsKey("between")) {
            String[] ends = between(r, m, kind);
            return ends == null ? null : new Link(ends[0], ends[1], true);
        }
        if (m.entries().containsKey("from") && m.entries().containsKey("to")) {
            YNode from = m.entries().get("from").value();
            YNode to = m.entries().get("to").value();
            String[] ends = known(r, kind, r.text(from, "from"), from.pos(), r.text(to, "to"), to.pos());
            return ends == null ? null : new Link(ends[0], ends[1], false);
        }
        if (required || m.entries().containsKey("from") || m.entries().containsKey("to")) {
            r.problem(m.pos(), kind + " needs between: [A, B] (or from: A and to: B for one direction)");
        }
        return null;
    }

    /** Both nodes in the topology; null when one is not (reported where the file names it). */
    static String[] known(StepReader r, String kind, String a, Pos aPos, String b, Pos bPos) {
        for (int i = 0; i < 2; i++) {
            String n = i == 0 ? a : b;
            if (n != null && !r.nodes().contains(n)) {
                r.problem(i == 0 ? aPos : bPos, "unknown node '" + Printable.clip(n) + "' in " + kind
                        + Suggest.didYouMean(n, r.nodes()) + " (nodes: " + String.join(", ", r.nodes()) + ")");
                return null;
            }
        }
        if (a != null && a.equals(b)) {
            r.problem(bPos, kind + " takes two different nodes, got " + Printable.clip(a) + " twice");
            return null;
        }
        return a == null || b == null ? null : new String[] {a, b};
    }
}
