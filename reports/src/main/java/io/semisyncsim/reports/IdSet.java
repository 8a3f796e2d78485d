package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Transaction ids as disjoint closed ranges: a run's commits are mostly consecutive, so millions of
 * them take a few entries. Enough set arithmetic for a failover's "what did the new source miss".
 */
final class IdSet {
    private static final int LISTED = 8;
    private final TreeMap<Long, Long> ranges = new TreeMap<>(); // first -> last

    void add(long id) {
        Map.Entry<Long, Long> below = ranges.floorEntry(id);
        if (below != null && below.getValue() >= id) {
            return;
        }
        long first = id;
        long last = id;
        if (below != null && below.getValue() == id - 1) {
            first = below.getKey();
        }
        Long aboveLast = ranges.remove(id + 1);
        if (aboveLast != null) {
            last = aboveLast;
        }
        ranges.put(first, last);
    }

    boolean contains(long id) {
        Map.Entry<Long, Long> r = ranges.floorEntry(id);
        return r != null && r.getValue() >= id;
    }

    /** The ids here that {@code other} lacks: how many, and the first few. */
    Difference minus(IdSet other) {
        long count = 0;
        List<Long> first = new ArrayList<>();
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            long from = r.getKey();
            long to = r.getValue();
            while (from <= to) {
                Map.Entry<Long, Long> cover = other.ranges.floorEntry(from);
                if (cover != null && cover.getValue() >= from) {
                    from = cover.getValue() + 1; // covered up to there
                    continue;
                }
                Long next = other.ranges.higherKey(from);
                long gapEnd = next == null ? to : Math.min(to, next - 1);
                count += gapEnd - from + 1;
                for (long id = from; id <= gapEnd && first.size() < LISTED; id++) {
                    first.add(id);
                }
                from = gapEnd + 1;
            }
        }
        return new Difference(count, first);
    }

    /** Ids missing elsewhere: their number and the first {@value #LISTED}. */
    record Difference(long count, List<Long> first) {
        /** {@code trx 6}, {@code trx 6, 7, 9 …}, or {@code none}. */
        String listed() {
            if (count == 0) {
                return "none";
            }
            StringBuilder out = new StringBuilder("trx ");
            for (int i = 0; i < first.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(first.get(i));
            }
            return out.append(count > first.size() ? " …" : "").toString();
        }

        String describe() {
            return count == 0 ? "none" : count + " (" + listed() + ")";
        }
    }
}
