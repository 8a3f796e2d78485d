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
    /** Rows whose commit a client got OK for, by the node and table they were written to. */
    private final Map<String, Map<String, KeyRanges>> acknowledged = new TreeMap<>();
    private String lostAcknowledged;
    private String lostVisible;
    private final Map<String, Long> nextKey = new TreeMap<>();

    /** The next row key of {@code table}: one sequence for every node, as an auto-increment column. */
    public long nextKey(String table) {
        return nextKey.merge(table, 1L, Long::sum);
    }

    /** Reserves the next {@code n} keys of {@code table}; they are the returned base + 1 to base + n. */
    public long reserve(String table, long n) {
        long base = nextKey.getOrDefault(table, 0L);
        nextKey.put(table, base + n);
        return base;
    }

    /** A block of a billion keys for a workload, so its rows never collide with other writers'. */
    public long nextKeyBlock() {
        return nextKey.merge("t1#blocks", 1L, Long::sum) * 1_000_000_000L;
    }

    /** A commit of row {@code key} a client got OK for; {@code replicaAcked} null when nobody can tell. */
    public void record(String node, String table, long key, long latencyMicros, Boolean replicaAcked) {
        record(node, latencyMicros, replicaAcked);
        acknowledged.computeIfAbsent(node, n -> new TreeMap<>()).computeIfAbsent(table, t -> new KeyRanges()).add(key);
    }

    /** A commit a client got OK for whose rows are not followed (a statement's, in a sql step). */
    public void record(String node, long latencyMicros, Boolean replicaAcked) {
        latencyCounts.computeIfAbsent(latencyMicros, l -> new long[1])[0]++;
        count++;
        if (replicaAcked == null) {
            unknown++;
        } else if (replicaAcked) {
            acked++;
        }
        lastLatency = latencyMicros;
        lastSemisync = replicaAcked;
    }

    /** The tables whose rows clients were told were committed, on any node. */
    public java.util.SortedSet<String> tables() {
        java.util.SortedSet<String> out = new TreeSet<>();
        acknowledged.values().forEach(t -> out.addAll(t.keySet()));
        return out;
    }

    /** Rows of {@code table} a client was told were committed on {@code node}. */
    public SortedSet<Long> acknowledgedOn(String node, String table) {
        KeyRanges keys = acknowledged.getOrDefault(node, Map.of()).get(table);
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

    /** Commits clients got OK for. */
    public long count() {
        return count;
    }

    /** Of those, the ones a replica acknowledged first (semisync); the rest were asynchronous. */
    public long acknowledged() {
        return acked;
    }

    /** The nearest-rank latency percentile in µs (0 with no commits), e.g. 95 for p95. */
    public long latencyPercentile(int p) {
        return count == 0 ? 0 : percentile(p);
    }

    /** The largest latency in µs (0 with no commits). */
    public long latencyMax() {
        return count == 0 ? 0 : latencyCounts.lastKey();
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
