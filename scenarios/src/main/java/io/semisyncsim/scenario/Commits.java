package io.semisyncsim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What clients saw of their commits in a run: counts and latencies, for the {@code commits.*} paths. */
final class Commits {
    private final List<Long> latencies = new ArrayList<>();
    private final List<Boolean> semisync = new ArrayList<>();
    /** Rows whose commit a client got OK for, by the node it was written on. */
    private final Map<String, java.util.TreeSet<Long>> acknowledged = new TreeMap<>();
    private String lostAcknowledged;
    private String lostVisible;
    private final Map<String, Long> nextKey = new TreeMap<>();

    /** The next row key of the default table: one sequence for every node, as an auto-increment column. */
    long nextKey() {
        return nextKey.merge("t1", 1L, Long::sum);
    }

    /** A block of a billion keys for a workload, so its rows never collide with other writers'. */
    long nextKeyBlock() {
        return nextKey.merge("t1#blocks", 1L, Long::sum) * 1_000_000_000L;
    }

    void record(String node, long key, long latencyMicros, boolean replicaAcked) {
        latencies.add(latencyMicros);
        semisync.add(replicaAcked);
        acknowledged.computeIfAbsent(node, n -> new java.util.TreeSet<>()).add(key);
    }

    /** Rows a client was told were committed on {@code node}. */
    java.util.SortedSet<Long> acknowledgedOn(String node) {
        return acknowledged.getOrDefault(node, new java.util.TreeSet<>());
    }

    /** The loss figures of the last failover. */
    void losses(long acknowledgedLost, long visibleLost) {
        lostAcknowledged = Long.toString(acknowledgedLost);
        lostVisible = Long.toString(visibleLost);
    }

    /** {@code lost.NAME}: null (absent) before any failover. */
    String lost(String name) {
        return name.equals("acknowledged") ? lostAcknowledged : lostVisible;
    }

    long last() {
        return latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1);
    }

    /** The value of {@code commits.NAME}; latencies print as durations ({@code 215us}). */
    String read(String name) {
        switch (name) {
            case "count" -> {
                return Long.toString(latencies.size());
            }
            case "yes" -> {
                return Long.toString(semisync.stream().filter(b -> b).count());
            }
            case "no" -> {
                return Long.toString(semisync.stream().filter(b -> !b).count());
            }
            default -> {
            }
        }
        if (latencies.isEmpty()) {
            return null;
        }
        return switch (name) {
            case "last.latency" -> Durations.format(last());
            case "last.semisync" -> Boolean.toString(semisync.get(semisync.size() - 1));
            case "latency.max" -> Durations.format(Collections.max(latencies));
            case "latency.p50" -> Durations.format(percentile(50));
            default -> Durations.format(percentile(99));
        };
    }

    /** Nearest-rank percentile. */
    private long percentile(int p) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
