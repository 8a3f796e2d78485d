package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.server.Mysqld;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the semisync status variables of every node at each instant and reports the ones that changed. */
final class StatusSampler {
    /** The variables the report charts, by suffix of Rpl_semi_sync_(master|source|slave|replica)_. */
    private static final List<String> SUFFIXES = List.of("_status", "_clients", "_yes_tx", "_no_tx", "_wait_sessions");

    private final Cluster cluster;
    private final RunListener listener;
    private final Map<String, String> last = new TreeMap<>();

    StatusSampler(Cluster cluster, RunListener listener) {
        this.cluster = cluster;
        this.listener = listener;
    }

    void sample() {
        long now = cluster.kernel().now();
        for (String name : cluster.nodeNames()) {
            Mysqld node = cluster.node(name);
            for (Map.Entry<String, String> v : node.status().entrySet()) {
                if (!v.getKey().startsWith("Rpl_semi_sync_") || SUFFIXES.stream().noneMatch(v.getKey()::endsWith)) {
                    continue;
                }
                String key = name + " " + v.getKey();
                if (!v.getValue().equals(last.put(key, v.getValue()))) {
                    listener.statusSample(now, name, v.getKey(), v.getValue());
                }
            }
        }
    }
}
