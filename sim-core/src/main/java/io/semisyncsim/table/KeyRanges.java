package io.semisyncsim.table;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of row keys kept as disjoint closed ranges: a table filled by a workload's increasing keys
 * is a handful of ranges however many rows it holds, so ten million commits fit in a few bytes.
 */
public final class KeyRanges {
    /** Every range but the highest, first key -> last key. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long size;
    /**
     * The highest range, kept out of the map: increasing keys (a workload's inserts, one per commit on
     * every node) only ever extend it, with no boxing and no tree walk.
     */
    private boolean hasHighest;
    private long highestFirst;
    private long highestLast;

    public boolean contains(long key) {
        if (hasHighest && key >= highestFirst) {
            return key <= highestLast;
        }
        Map.Entry<Long, Long> r = ranges.floorEntry(key);
        return r != null && r.getValue() >= key;
    }

    public void add(long key) {
        if (hasHighest && key - 1 == highestLast && key != Long.MIN_VALUE) {
            highestLast = key; // nothing lies above the highest range: just extend it
            size++;
            return;
        }
        if (contains(key)) {
            return;
        }
        putBackHighest();
        Map.Entry<Long, Long> below = key == Long.MIN_VALUE ? null : ranges.floorEntry(key - 1);
        boolean joinsBelow = below != null && below.getValue() == key - 1;
        Long aboveEnd = key == Long.MAX_VALUE ? null : ranges.get(key + 1);
        if (aboveEnd != null) {
            ranges.remove(key + 1);
        }
        long last = aboveEnd != null ? aboveEnd : key;
        ranges.put(joinsBelow ? below.getKey() : key, last);
        size++;
        takeOutHighest();
    }

    public void remove(long key) {
        if (!contains(key)) {
            return;
        }
        putBackHighest();
        Map.Entry<Long, Long> r = ranges.floorEntry(key);
        long first = r.getKey();
        long last = r.getValue();
        ranges.remove(first);
        if (first < key) {
            ranges.put(first, key - 1);
        }
        if (key < last) {
            ranges.put(key + 1, last);
        }
        size--;
        takeOutHighest();
    }

    private void putBackHighest() {
        if (hasHighest) {
            ranges.put(highestFirst, highestLast);
            hasHighest = false;
        }
    }

    private void takeOutHighest() {
        Map.Entry<Long, Long> last = ranges.pollLastEntry();
        hasHighest = last != null;
        if (hasHighest) {
            highestFirst = last.getKey();
            highestLast = last.getValue();
        }
    }

    /** Every range, in order, the highest included (for the scans below, not the commit path). */
    private TreeMap<Long, Long> all() {
        TreeMap<Long, Long> all = new TreeMap<>(ranges);
        if (hasHighest) {
            all.put(highestFirst, highestLast);
        }
        return all;
    }

    public long size() {
        return size;
    }

    /** Calls {@code action} with every key, in order, without building a set (a SELECT's scan). */
    public void forEachKey(java.util.function.LongConsumer action) {
        for (Map.Entry<Long, Long> r : all().entrySet()) {
            for (long k = r.getKey(); ; k++) {
                action.accept(k);
                if (k == r.getValue()) {
                    break;
                }
            }
        }
    }

    /** An independent copy (a session's view of a table with its own uncommitted changes). */
    public KeyRanges copy() {
        KeyRanges c = new KeyRanges();
        c.ranges.putAll(ranges);
        c.size = size;
        c.hasHighest = hasHighest;
        c.highestFirst = highestFirst;
        c.highestLast = highestLast;
        return c;
    }

    /** TRUNCATE: no keys. */
    public void clear() {
        ranges.clear();
        size = 0;
        hasHighest = false;
    }

    /** Every key, in order (built on demand: a failover comparison or a SELECT, not the commit path). */
    public SortedSet<Long> toSortedSet() {
        TreeSet<Long> keys = new TreeSet<>();
        forEachKey(keys::add);
        return keys;
    }
}
