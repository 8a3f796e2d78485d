package io.semisyncsim.sweep;

import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Sets a value at a path in a scenario's YAML tree, as if the file said it there: the tree is then read
 * as any file is, so a sweep refuses what run would. Paths are keys joined by dots
 * ({@code config.source.rpl_semi_sync_source_timeout}, {@code network.links.source<->replica3.latency});
 * a number picks a list item, counting from 1 ({@code steps.3.workload.rate}); {@code workload.KEY} sets
 * KEY in every workload step (a repeat's too). Missing mappings on the way are made. The nodes
 * ({@code topology.source}, {@code topology.replicas}) cannot be set: the rest of the file names them. The tree is not
 * changed: the nodes on the path are copied (aliases may share the rest).
 *
 * <p>A value set here stands at {@code marker}, a position no file has (line 0), so a problem with it can
 * be told as the option's, not as a place in the file.
 */
public final class Overrides {
    private Overrides() {
    }

    public static YNode apply(YNode root, String path, String value, Pos marker) throws SweepException {
        List<String> keys = List.of(path.split("\\.", -1));
        if (keys.stream().anyMatch(String::isEmpty)) {
            throw new SweepException("--set " + path + ": a path is keys joined by single dots");
        }
        if (keys.get(0).equals("seed")) {
            throw new SweepException("--set seed: give the seeds with --seeds");
        }
        if (keys.get(0).equals("topology") && (keys.size() == 1 || List.of("source", "replicas").contains(keys.get(1)))) {
            // Read as a file, another set of nodes leaves the file's config, links and steps naming nodes that
            // are not there: an error for each, none of them the point.
            throw new SweepException("--set " + path + ": a sweep keeps the scenario's nodes, which its config, network"
                    + " links and steps name; to compare topologies, write a scenario file for each and sweep each"
                    + " (topology.replication and topology.positioning can be set)");
        }
        if (keys.get(0).equals("workload") && keys.size() == 2) {
            return everyWorkload(root, keys.get(1), value, marker, path);
        }
        YNode out = set(root, keys, 0, value, marker, path);
        if (keys.size() == 1 && keys.get(0).equals("flavor") && out instanceof YNode.Map m) {
            LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(m.entries());
            entries.remove("flavors"); // the one flavour set replaces the list the file gave
            out = new YNode.Map(m.pos(), entries);
        }
        return out;
    }

    private static YNode set(YNode node, List<String> keys, int i, String value, Pos marker, String path)
            throws SweepException {
        if (i == keys.size()) {
            return new YNode.Scalar(marker, value);
        }
        String key = keys.get(i);
        if (node instanceof YNode.Seq seq) {
            int n = index(key, seq.items().size(), keys, i, path);
            List<YNode> items = new ArrayList<>(seq.items());
            items.set(n - 1, set(items.get(n - 1), keys, i + 1, value, marker, path));
            return new YNode.Seq(seq.pos(), items);
        }
        if (node instanceof YNode.Scalar s && !s.isNull()) {
            throw new SweepException("--set " + path + ": " + String.join(".", keys.subList(0, i)) + " is a single value ("
                    + s.describe() + "), not a mapping with '" + key + "'");
        }
        YNode.Map map = node instanceof YNode.Map m ? m : new YNode.Map(marker, new LinkedHashMap<>());
        YNode.Entry entry = map.entries().get(key);
        LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(map.entries());
        // The key whose value is set stands at the marker too: the reader tells some problems of a value at
        // its key (a config variable's), and this value is the option's, not the file's.
        boolean last = i == keys.size() - 1;
        entries.put(key, new YNode.Entry(entry == null || last ? marker : entry.keyPos(),
                set(entry == null ? null : entry.value(), keys, i + 1, value, marker, path)));
        return new YNode.Map(map.pos(), entries);
    }

    private static int index(String key, int size, List<String> keys, int i, String path) throws SweepException {
        String where = i == 0 ? "the scenario" : String.join(".", keys.subList(0, i));
        if (!key.matches("\\d{1,6}") || Integer.parseInt(key) < 1 || Integer.parseInt(key) > size) {
            throw new SweepException("--set " + path + ": " + where + " is a list of " + size + "; pick an item by"
                    + " its number, 1 to " + size + ", not '" + key + "'");
        }
        return Integer.parseInt(key);
    }

    /** {@code workload.KEY}: KEY in every workload step, nested repeats included; at least one must exist. */
    private static YNode everyWorkload(YNode root, String key, String value, Pos marker, String path)
            throws SweepException {
        if (!(root instanceof YNode.Map top) || !top.entries().containsKey("steps")) {
            throw new SweepException("--set " + path + ": the scenario has no steps");
        }
        int[] found = {0};
        YNode steps = workloads(top.entries().get("steps").value(), key, value, marker, found);
        if (found[0] == 0) {
            throw new SweepException("--set " + path + ": the scenario has no workload step");
        }
        LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(top.entries());
        entries.put("steps", new YNode.Entry(top.entries().get("steps").keyPos(), steps));
        return new YNode.Map(top.pos(), entries);
    }

    private static YNode workloads(YNode steps, String key, String value, Pos marker, int[] found)
            throws SweepException {
        if (!(steps instanceof YNode.Seq seq)) {
            return steps;
        }
        List<YNode> items = new ArrayList<>();
        for (YNode step : seq.items()) {
            if (step instanceof YNode.Map m && m.entries().containsKey("workload")) {
                found[0]++;
                step = set(step, List.of("workload", key), 0, value, marker, "workload." + key);
            } else if (step instanceof YNode.Map m && m.entries().containsKey("steps")) {
                LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(m.entries());
                YNode.Entry inner = m.entries().get("steps");
                entries.put("steps", new YNode.Entry(inner.keyPos(), workloads(inner.value(), key, value, marker, found)));
                step = new YNode.Map(m.pos(), entries);
            }
            items.add(step);
        }
        return new YNode.Seq(seq.pos(), items);
    }
}
