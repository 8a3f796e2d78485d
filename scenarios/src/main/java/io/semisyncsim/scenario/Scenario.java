package io.semisyncsim.scenario;

import java.util.List;
import java.util.Map;

/** A parsed, validated scenario file. */
public record Scenario(String file, String name, String description, String flavor, long seed, Topology topology,
                       Network network, Map<String, Map<String, String>> config, List<Step> steps) {

    /** The nodes; replication between them is simulated from the replication issue on. */
    public record Topology(String source, List<String> replicas, boolean replicationRunning) {
        public List<String> nodes() {
            java.util.ArrayList<String> all = new java.util.ArrayList<>();
            all.add(source);
            all.addAll(replicas);
            return all;
        }
    }

    /** One-way latency and jitter for every link, in µs, and per-link overrides. */
    public record Network(long latency, long jitter, Map<String, Link> links) {
    }

    public record Link(String from, String to, boolean bothWays, Long latency, Long jitter) {
    }
}
