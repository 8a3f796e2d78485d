package io.semisyncsim.scenario.lang;

import io.semisyncsim.scenario.lang.Step;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated scenario file. {@code flavors} lists every flavour it runs on ({@code flavor: F}
 * is a list of one); {@link #on} picks one for a run.
 */
public record Scenario(String file, String name, String description, List<String> flavors, long seed,
                       Topology topology, Network network, Map<String, Map<String, String>> config, List<Step> steps,
                       List<Expectation> invariants) {

    /** A scenario that declares no invariants of its own (the built-in ones still hold in every run). */
    public Scenario(String file, String name, String description, List<String> flavors, long seed, Topology topology,
                    Network network, Map<String, Map<String, String>> config, List<Step> steps) {
        this(file, name, description, flavors, seed, topology, network, config, steps, List.of());
    }

    /** The flavour of a single-flavour scenario, or of a scenario narrowed by {@link #on}. */
    public String flavor() {
        return flavors.get(0);
    }

    /** This scenario on one flavour, named {@code name@flavor} when it runs on several. */
    public Scenario on(String flavor) {
        String label = flavors.size() > 1 ? name + "@" + flavor : name;
        return new Scenario(file, label, description, List.of(flavor), seed, topology, network, config, steps, invariants);
    }

    /** One scenario per flavour it lists. */
    public List<Scenario> perFlavor() {
        List<Scenario> out = new java.util.ArrayList<>();
        for (String f : flavors) {
            out.add(on(f));
        }
        return out;
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(file, name, description, flavors, newSeed, topology, network, config, steps, invariants);
    }

    /** The nodes; replication between them is simulated from the replication issue on. */
    /**
     * The nodes; {@code replicationRunning}: replicas replicate at time zero; {@code byGtid}: they were
     * pointed at the source by GTID ({@code positioning: gtid}) rather than file and position.
     */
    public record Topology(String source, List<String> replicas, boolean replicationRunning, boolean byGtid) {
        public Topology(String source, List<String> replicas, boolean replicationRunning) {
            this(source, replicas, replicationRunning, false);
        }

        public List<String> nodes() {
            java.util.ArrayList<String> all = new java.util.ArrayList<>();
            all.add(source);
            all.addAll(replicas);
            return all;
        }
    }

    /**
     * One-way latency and jitter for every link, in µs, and per-link overrides; {@code clientLatency}, one
     * way between every client and its server.
     */
    public record Network(long latency, long jitter, Map<String, Link> links, long clientLatency) {
        /** The client latency a scenario gets when it names none. */
        public static final long DEFAULT_CLIENT_LATENCY = 0;
    }

    public record Link(String from, String to, boolean bothWays, Long latency, Long jitter) {
    }
}
