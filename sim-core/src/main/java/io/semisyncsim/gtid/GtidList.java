package io.semisyncsim.gtid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MariaDB's GTID position: at most one GTID per replication domain (gtid_slave_pos, gtid_binlog_pos,
 * gtid_current_pos, the position a replica asks a dump from; rpl_gtid.h slave_connection_state), in
 * domain order; its text is the GTIDs joined by commas ({@code 0-1-54,1-2-3}), the empty position the
 * empty string.
 */
public final class GtidList {
    private final TreeMap<Long, Gtid.Domain> byDomain = new TreeMap<>();

    public GtidList() {
    }

    public GtidList copy() {
        GtidList c = new GtidList();
        c.byDomain.putAll(byDomain);
        return c;
    }

    /** Sets the domain's GTID (replacing what it had). */
    public void put(Gtid.Domain gtid) {
        byDomain.put(gtid.domain(), gtid);
    }

    public Gtid.Domain get(long domain) {
        return byDomain.get(domain);
    }

    public void remove(long domain) {
        byDomain.remove(domain);
    }

    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    public int size() {
        return byDomain.size();
    }

    public Collection<Gtid.Domain> gtids() {
        return byDomain.values();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Gtid.Domain g : byDomain.values()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(g);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidList other && byDomain.equals(other.byDomain);
    }

    @Override
    public int hashCode() {
        return byDomain.hashCode();
    }

    /** The outcome of reading a position's text: the position, or what is wrong with it. */
    public record Parsed(GtidList list, String malformed, List<Gtid.Domain> conflict) {
    }

    /**
     * Parses a position as SET GLOBAL gtid_slave_pos and MASTER_GTID_WAIT read it (rpl_gtid.cc
     * gtid_parse_string_to_list): GTIDs separated by commas, spaces ignored; two GTIDs of one domain
     * conflict (MariaDB's 1943).
     */
    public static Parsed parse(String text) {
        GtidList out = new GtidList();
        String t = text.strip();
        if (t.isEmpty()) {
            return new Parsed(out, null, null);
        }
        Map<Long, Gtid.Domain> seen = new TreeMap<>();
        for (String part : t.split(",", -1)) {
            Gtid.Domain g = Gtid.Domain.parse(part);
            if (g == null) {
                return new Parsed(null, text, null);
            }
            Gtid.Domain before = seen.put(g.domain(), g);
            if (before != null) {
                return new Parsed(null, null, List.of(before, g));
            }
            out.put(g);
        }
        return new Parsed(out, null, null);
    }

    /** The GTIDs as a list, in domain order. */
    public List<Gtid.Domain> asList() {
        return new ArrayList<>(byDomain.values());
    }
}
