package io.semisyncsim.scenario.lang;

import io.semisyncsim.table.KeyRanges;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What clients saw of their commits in a run: counts and latencies, for the {@code commits.*} paths.
 * Latencies are kept as a count per distinct value (a simulation produces few), so percentiles stay
 * exact while memory does not grow with the number of commits.
 */
public final class Commits {
    private final TreeMap<Long, long[]> latencyCounts = new TreeMap<>();
    private long count;
    private long acked;
    /** Commits whose acknowledgement is not known (workloads on real servers). */
    private long unknown;
    private long lastLatency;
    private Boolean lastSemisync;
    /** Rows whose commit a client got OK for, by the node it was written on. */
    private final Map<String, KeyRanges> acknowledged = new TreeMap<>();
    private String lostAcknowledged;
    private String lostVisible;
    private final Map<String, Long> nextKey = new TreeMap<>();

    /** The next row key of the default table: one sequence for every node, as an auto-increment column. */
    public long nextKey() {
        return nextKey.merge("t1", 1L, Long::sum);
    }

    /** A block of a billion keys for a workload, so its rows never collide with other writers'. */
    public long nextKeyBlock() {
        return nextKey.merge("t1#blocks", 1L, Long::sum) * 1_000_000_000L;
    }

    /** A commit a client got OK for; {@code replicaAcked} null when nobody can tell. */
    public void record(String node, long key, long latencyMicros, Boolean replicaAcked) {
        latencyCounts.computeIfAbsent(latencyMicros, l -> new long[1])[0]++;
        count++;
        if (replicaAcked == null) {
            unknown++;
        } else if (replicaAcked) {
            acked++;
        }
        lastLatency = latencyMicros;
        lastSemisync = replicaAcked;
        acknowledged.computeIfAbsent(node, n -> new KeyRanges()).add(key);
    }

    /** Rows a client was told were committed on {@code node}. */
    public SortedSet<Long> acknowledgedOn(String node) {
        KeyRanges keys = acknowledged.get(node);
        return keys == null ? new TreeSet<>() : keys.toSortedSet();
    }

    /** The loss figures of the last failover. */
    public void losses(long acknowledgedLost, Long visibleLost) {
        lostAcknowledged = Long.toString(acknowledgedLost);
        lostVisible = visibleLost == null ? null : visibleLost.toString();
    }

    /** {@code lost.NAME}: null (absent) before any failover. */
    public String lost(String name) {
        return name.equals("acknowledged") ? lostAcknowledged : lostVisible;
    }

    public long last() {
        return lastLatency;
    }

    /** The value of {@code commits.NAME}; latencies print as durations ({@code 215us}). */
    public String read(String name) {
        switch (name) {
            case "count" -> {
                return Long.toString(count);
            }
            case "yes" -> {
                return unknown > 0 ? null : Long.toString(acked);
            }
            case "no" -> {
                return unknown > 0 ? null : Long.toString(count - acked);
            }
            default -> {
            }
        }
        if (count == 0) {
            return null;
        }
        return switch (name) {
            case "last.latency" -> Durations.format(lastLatency);
            case "last.semisync" -> lastSemisync == null ? null : lastSemisync.toString();
            case "latency.max" -> Durations.format(latencyCounts.lastKey());
            case "latency.p50" -> Durations.format(percentile(50));
            default -> Durations.format(percentile(99));
        };
    }

    /** Nearest-rank percentile. */
    private long percentile(int p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (Map.Entry<Long, long[]> e : latencyCounts.entrySet()) {
            seen += e.getValue()[0];
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return latencyCounts.lastKey();
    }
}
