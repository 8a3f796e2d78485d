package io.semisyncsim.gtid;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MySQL GTID set (rpl_gtid_set.cc Gtid_set): for each server_uuid (SID), the numbers it holds as
 * sorted, disjoint, non-adjacent closed intervals. Its text is MySQL's
 * ({@code Gtid_set::default_string_format}): SIDs in order, each {@code SID:1-5:7}, joined by
 * {@code ",\n"}; the empty set is the empty string. Mutable; {@link #copy} for a snapshot.
 *
 * <p>Adding the next number of a SID extends its last interval in place, so a server's own
 * gtid_executed grows in constant time per commit.
 */
public final class GtidSet {
    /** Per SID: intervals as pairs {@code [start0, end0, start1, end1, ...]} in the first {@code 2*n} slots. */
    private static final class Intervals {
        long[] bounds = new long[4];
        int n;

        Intervals copy() {
            Intervals c = new Intervals();
            c.bounds = Arrays.copyOf(bounds, Math.max(4, 2 * n));
            c.n = n;
            return c;
        }

        long start(int i) {
            return bounds[2 * i];
        }

        long end(int i) {
            return bounds[2 * i + 1];
        }

        /** The index of the interval holding {@code gno}, or -(insertion point) - 1. */
        int find(long gno) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (end(mid) < gno) {
                    lo = mid + 1;
                } else if (start(mid) > gno) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -lo - 1;
        }

        boolean contains(long gno) {
            return find(gno) >= 0;
        }

        void add(long from, long to) {
            if (n > 0 && from == end(n - 1) + 1) { // the common case: the next number of this SID
                bounds[2 * n - 1] = to;
                return;
            }
            if (n > 0 && from > end(n - 1) + 1) {
                append(from, to);
                return;
            }
            // General case: merge into a fresh list.
            long[] out = new long[Math.max(4, 2 * (n + 1))];
            int m = 0;
            boolean placed = false;
            for (int i = 0; i < n; i++) {
                long s = start(i);
                long e = end(i);
                if (!placed && to + 1 < s) {
                    out[2 * m] = from;
                    out[2 * m + 1] = to;
                    m++;
                    placed = true;
                }
                if (placed || e + 1 < from) {
                    out[2 * m] = s;
                    out[2 * m + 1] = e;
                    m++;
                } else { // overlaps or touches: widen the new interval
                    from = Math.min(from, s);
                    to = Math.max(to, e);
                }
            }
            if (!placed) {
                out[2 * m] = from;
                out[2 * m + 1] = to;
                m++;
            }
            bounds = out;
            n = m;
        }

        private void append(long from, long to) {
            if (2 * n + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * n] = from;
            bounds[2 * n + 1] = to;
            n++;
        }

        /** The smallest number from 1 up that is not held. */
        long firstFree() {
            return n > 0 && start(0) == 1 ? end(0) + 1 : 1;
        }
    }

    private final TreeMap<String, Intervals> sids = new TreeMap<>();

    public GtidSet() {
    }

    /** A set of the given GTIDs. */
    public static GtidSet of(Gtid.Uuid... gtids) {
        GtidSet s = new GtidSet();
        for (Gtid.Uuid g : gtids) {
            s.add(g);
        }
        return s;
    }

    public GtidSet copy() {
        GtidSet c = new GtidSet();
        for (Map.Entry<String, Intervals> e : sids.entrySet()) {
            c.sids.put(e.getKey(), e.getValue().copy());
        }
        return c;
    }

    public boolean isEmpty() {
        return sids.isEmpty();
    }

    public void clear() {
        sids.clear();
    }

    /** How many server_uuids the set has GTIDs of. */
    public int sidCount() {
        return sids.size();
    }

    /** How many intervals the set holds, over every server_uuid. */
    public int intervalCount() {
        int n = 0;
        for (Intervals iv : sids.values()) {
            n += iv.n;
        }
        return n;
    }

    public void add(Gtid.Uuid gtid) {
        addRange(gtid.sid(), gtid.gno(), gtid.gno());
    }

    /** Adds {@code sid:from-to}. */
    public void addRange(String sid, long from, long to) {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("not an interval: " + from + "-" + to);
        }
        sids.computeIfAbsent(sid.toLowerCase(Locale.ROOT), k -> new Intervals()).add(from, to);
    }

    public void addAll(GtidSet other) {
        for (Map.Entry<String, Intervals> e : other.sids.entrySet()) {
            Intervals iv = e.getValue();
            for (int i = 0; i < iv.n; i++) {
                addRange(e.getKey(), iv.start(i), iv.end(i));
            }
        }
    }

    public boolean contains(Gtid.Uuid gtid) {
        Intervals iv = sids.get(gtid.sid());
        return iv != null && iv.contains(gtid.gno());
    }

    /** Whether every GTID here is in {@code other} (Gtid_set::is_subset; GTID_SUBSET). */
    public boolean isSubsetOf(GtidSet other) {
        return subtract(other).isEmpty();
    }

    /** Whether this set holds a GTID of {@code sid} that {@code other} lacks (is_subset_for_sid, negated). */
    public boolean hasMoreFor(String sid, GtidSet other) {
        Intervals mine = sids.get(sid);
        if (mine == null) {
            return false;
        }
        GtidSet only = new GtidSet();
        only.sids.put(sid, mine.copy());
        return !only.isSubsetOf(other);
    }

    /** The GTIDs here that {@code other} lacks, as a new set (GTID_SUBTRACT). */
    public GtidSet subtract(GtidSet other) {
        GtidSet out = new GtidSet();
        for (Map.Entry<String, Intervals> e : sids.entrySet()) {
            Intervals mine = e.getValue();
            Intervals theirs = other.sids.get(e.getKey());
            for (int i = 0; i < mine.n; i++) {
                long from = mine.start(i);
                long to = mine.end(i);
                if (theirs != null) {
                    for (int j = 0; j < theirs.n && from <= to; j++) {
                        long s = theirs.start(j);
                        long t = theirs.end(j);
                        if (t < from || s > to) {
                            continue;
                        }
                        if (s > from) {
                            out.addRange(e.getKey(), from, s - 1);
                        }
                        from = t + 1;
                    }
                }
                if (from <= to) {
                    out.addRange(e.getKey(), from, to);
                }
            }
        }
        return out;
    }

    /** The smallest number of {@code sid} from 1 up not in the set: MySQL's next automatic GTID. */
    public long nextGno(String sid) {
        Intervals iv = sids.get(sid);
        return iv == null ? 1 : iv.firstFree();
    }

    /**
     * The size of this set in a Previous_gtids event's body (Gtid_set::get_encoded_length): the SID
     * count, then per SID its 16 bytes, its interval count and 16 bytes per interval.
     */
    public int encodedLength() {
        int length = 8;
        for (Intervals iv : sids.values()) {
            length += 16 + 8 + 16 * iv.n;
        }
        return length;
    }

    /** How many GTIDs the set holds. */
    public long count() {
        long total = 0;
        for (Intervals iv : sids.values()) {
            for (int i = 0; i < iv.n; i++) {
                total += iv.end(i) - iv.start(i) + 1;
            }
        }
        return total;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Intervals> e : sids.entrySet()) {
            if (out.length() > 0) {
                out.append(",\n");
            }
            out.append(e.getKey());
            Intervals iv = e.getValue();
            for (int i = 0; i < iv.n; i++) {
                out.append(':').append(iv.start(i));
                if (iv.end(i) != iv.start(i)) {
                    out.append('-').append(iv.end(i));
                }
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidSet other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /**
     * Parses MySQL's text of a GTID set (Gtid_set::add_gtid_text): SIDs separated by commas, each
     * followed by one or more {@code :N} or {@code :N-M}; spaces and newlines around the parts are
     * ignored; the empty text is the empty set. Null when the text is malformed (MySQL's 1772).
     */
    public static GtidSet parse(String text) {
        GtidSet out = new GtidSet();
        String t = text.strip();
        if (t.isEmpty()) {
            return out;
        }
        for (String part : t.split(",", -1)) {
            String[] pieces = part.strip().split(":", -1);
            String sid = sid(pieces[0].strip());
            if (sid == null || pieces.length < 2) {
                return null;
            }
            for (int i = 1; i < pieces.length; i++) {
                String interval = pieces[i].strip();
                String[] ends = interval.split("-", -1);
                try {
                    long from = Long.parseLong(ends[0].strip());
                    long to = ends.length == 1 ? from : Long.parseLong(ends[1].strip());
                    if (ends.length > 2 || from < 1 || to < from) {
                        return null;
                    }
                    out.addRange(sid, from, to);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return out;
    }

    /** A server_uuid in its 8-4-4-4-12 form (or 32 hex digits), lower case; null if it is not one. */
    static String sid(String text) {
        String hex = text.replace("-", "");
        if (hex.length() != 32 || !hex.matches("[0-9a-fA-F]{32}")) {
            return null;
        }
        if (text.length() == 36 && !text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return null;
        }
        if (text.length() != 36 && text.length() != 32) {
            return null;
        }
        String h = hex.toLowerCase(Locale.ROOT);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
