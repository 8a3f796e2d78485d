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
    private final Map<String, Long> nextKey = new TreeMap<>();

    long nextKey(String node) {
        return nextKey.merge(node, 1L, Long::sum);
    }

    /** A block of a billion keys for a workload, so its rows never collide with other writers'. */
    long nextKeyBlock(String node) {
        return nextKey.merge(node + "#blocks", 1L, Long::sum) * 1_000_000_000L;
    }

    void record(long latencyMicros, boolean acknowledged) {
        latencies.add(latencyMicros);
        semisync.add(acknowledged);
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
