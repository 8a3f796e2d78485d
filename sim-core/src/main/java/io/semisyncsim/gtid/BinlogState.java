package io.semisyncsim.gtid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MariaDB's binlog state (rpl_gtid.cc rpl_binlog_state): per replication domain, the last GTID each
 * server_id logged, which of them was logged last, and the domain's sequence counter, which the
 * replica's SQL thread bumps even when it does not log (bump_seq_no_if_needed), so a promoted replica
 * goes on numbering after what it applied. Its text is gtid_binlog_state; the last GTID of each domain
 * makes gtid_binlog_pos; a new file's Gtid_list event records it.
 */
public final class BinlogState {
    private static final class Domain {
        /** server_id -> its last GTID in the domain; the last one logged is {@link #last}. */
        final TreeMap<Long, Gtid.Domain> byServer = new TreeMap<>();
        Gtid.Domain last;
        long counter;
    }

    private final TreeMap<Long, Domain> domains = new TreeMap<>();

    public BinlogState copy() {
        BinlogState c = new BinlogState();
        for (Map.Entry<Long, Domain> e : domains.entrySet()) {
            Domain d = new Domain();
            d.byServer.putAll(e.getValue().byServer);
            d.last = e.getValue().last;
            d.counter = e.getValue().counter;
            c.domains.put(e.getKey(), d);
        }
        return c;
    }

    /** The next GTID a local transaction of {@code server} gets in {@code domain}. */
    public Gtid.Domain next(long domain, long server) {
        Domain d = domains.get(domain);
        return new Gtid.Domain(domain, server, (d == null ? 0 : d.counter) + 1);
    }

    /**
     * gtid_strict_mode's check before logging {@code gtid} (rpl_binlog_state::check_strict_sequence):
     * the domain's last logged GTID when {@code gtid} would not come after it, else null.
     */
    public Gtid.Domain outOfOrder(Gtid.Domain gtid) {
        Domain d = domains.get(gtid.domain());
        return d != null && d.last != null && d.last.seq() >= gtid.seq() ? d.last : null;
    }

    /** {@code gtid} was logged (rpl_binlog_state::update_nolock). */
    public void logged(Gtid.Domain gtid) {
        Domain d = domains.computeIfAbsent(gtid.domain(), k -> new Domain());
        d.byServer.put(gtid.server(), gtid);
        d.last = gtid;
        d.counter = Math.max(d.counter, gtid.seq());
    }

    /** A replicated transaction applied without logging still moves the domain's counter. */
    public void bump(long domain, long seq) {
        domains.computeIfAbsent(domain, k -> new Domain()).counter = Math.max(
                domains.get(domain).counter, seq);
    }

    /** Whether {@code gtid} or a later GTID of its server in its domain was logged (find_in_binlog_state). */
    public boolean holds(Gtid.Domain gtid) {
        Domain d = domains.get(gtid.domain());
        Gtid.Domain mine = d == null ? null : d.byServer.get(gtid.server());
        return mine != null && mine.seq() >= gtid.seq();
    }

    /** The last GTID {@code server} logged in {@code domain}, or null (find_in_binlog_state). */
    public Gtid.Domain ofServer(long domain, long server) {
        Domain d = domains.get(domain);
        return d == null ? null : d.byServer.get(server);
    }

    /** The domain's last logged GTID, or null when it logged none. */
    public Gtid.Domain last(long domain) {
        Domain d = domains.get(domain);
        return d == null ? null : d.last;
    }

    /** The highest sequence number logged in the domain (0: none). */
    public long highestSeq(long domain) {
        Domain d = domains.get(domain);
        long max = 0;
        if (d != null) {
            for (Gtid.Domain g : d.byServer.values()) {
                max = Math.max(max, g.seq());
            }
        }
        return max;
    }

    /** Every GTID the state holds, domain by domain, each domain's last logged one last. */
    public List<Gtid.Domain> entries() {
        List<Gtid.Domain> out = new ArrayList<>();
        for (Domain d : domains.values()) {
            if (d.last == null) {
                continue;
            }
            for (Gtid.Domain g : d.byServer.values()) {
                if (!g.equals(d.last)) {
                    out.add(g);
                }
            }
            out.add(d.last);
        }
        return out;
    }

    /** gtid_binlog_pos: the last GTID logged in each domain. */
    public GtidList pos() {
        GtidList out = new GtidList();
        for (Domain d : domains.values()) {
            if (d.last != null) {
                out.put(d.last);
            }
        }
        return out;
    }

    /** RESET MASTER. */
    public void clear() {
        domains.clear();
    }

    /** gtid_binlog_state's text. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Gtid.Domain g : entries()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(g);
        }
        return out.toString();
    }

    /** The state as a map from (domain, server) to GTID, for tests. */
    Map<String, Gtid.Domain> asMap() {
        Map<String, Gtid.Domain> out = new LinkedHashMap<>();
        for (Gtid.Domain g : entries()) {
            out.put(g.domain() + "-" + g.server(), g);
        }
        return out;
    }
}
