package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every commit's latency as its client saw it, by how it was acknowledged: a count per distinct
 * latency, so percentiles stay exact over millions of commits, and a bounded sample of points
 * (time, latency) for the chart: every commit up to {@link #POINTS}, then every second, fourth, ...
 */
public final class LatencyStats {
    /** Points the chart draws at most. */
    public static final int POINTS = 5_000;

    /** How a commit was acknowledged: by a replica, not at all, or nobody can tell (real servers). */
    public enum Ack { SEMISYNC, ASYNC, UNKNOWN }

    /** One drawn commit. */
    public record Point(long time, long latency, Ack ack) {
    }

    private final TreeMap<Long, long[]> counts = new TreeMap<>(); // latency -> count per Ack
    private final long[] totals = new long[3];
    private final List<Point> points = new ArrayList<>();
    private long seen;
    private long stride = 1;

    /** A commit answered at {@code time} after {@code latency} µs; {@code semisync} null when unknown. */
    public void record(long time, long latency, Boolean semisync) {
        Ack ack = semisync == null ? Ack.UNKNOWN : semisync ? Ack.SEMISYNC : Ack.ASYNC;
        counts.computeIfAbsent(latency, l -> new long[3])[ack.ordinal()]++;
        totals[ack.ordinal()]++;
        if (seen++ % stride == 0) {
            points.add(new Point(time, latency, ack));
            if (points.size() >= POINTS) { // keep every other point, and from now on every 2k-th commit
                List<Point> thinned = new ArrayList<>();
                for (int i = 0; i < points.size(); i += 2) {
                    thinned.add(points.get(i));
                }
                points.clear();
                points.addAll(thinned);
                stride *= 2;
            }
        }
    }

    public long count() {
        return seen;
    }

    public long count(Ack ack) {
        return totals[ack.ordinal()];
    }

    /** The drawn commits, in order. */
    public List<Point> points() {
        return Collections.unmodifiableList(points);
    }

    /** 1 while every commit is drawn, else draws one commit in this many. */
    public long stride() {
        return stride;
    }

    /** Nearest-rank percentile over every commit, 0 when there is none. */
    public long percentile(double p) {
        if (seen == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * seen));
        long sum = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            sum += c[0] + c[1] + c[2];
            if (sum >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }

    public long min() {
        return seen == 0 ? 0 : counts.firstKey();
    }

    public long max() {
        return seen == 0 ? 0 : counts.lastKey();
    }

    /** Commits per latency, and per kind of acknowledgement: {@code [semisync, async, unknown]}. */
    public Map<Long, long[]> counts() {
        return Collections.unmodifiableMap(counts);
    }
}
