package io.semisyncsim.server;

import io.semisyncsim.binlog.BinaryLog;
import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventSizes;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.channel.GtidDump;
import io.semisyncsim.channel.GtidRequest;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.gtid.BinlogState;
import io.semisyncsim.gtid.Errant;
import io.semisyncsim.gtid.Gtid;
import io.semisyncsim.gtid.GtidList;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB's GTIDs, always on (rpl_gtid.cc): every transaction logged gets
 * {@code gtid_domain_id-server_id-N}, N one past the domain's counter, which what the replica applies
 * moves too; the binlog state (gtid_binlog_state, gtid_binlog_pos) is what the binary log holds,
 * gtid_slave_pos what the SQL thread applied, gtid_current_pos the two merged; each binlog file starts
 * with a Gtid_list of the state before it. A source serves a replica's GTID position as sql_repl.cc
 * does: check_slave_start_position, gtid_find_binlog_file, then it skips each domain's transactions up
 * to the position and sends a fake Gtid_list at the end of the group that reached it.
 */
final class MariaGtids implements Gtids {
    private final Mysqld server;
    private final BinlogState binlog = new BinlogState();
    private final GtidList slave = new GtidList();

    MariaGtids(Mysqld server) {
        this.server = server;
    }

    private long variable(String name, long fallback) {
        SystemVariables vars = server.variables();
        return vars == null || vars.find(name) == null ? fallback : vars.getLong(name);
    }

    private boolean strict() {
        SystemVariables vars = server.variables();
        return vars != null && vars.find("gtid_strict_mode") != null && vars.getBool("gtid_strict_mode");
    }

    @Override
    public boolean on() {
        return true;
    }

    @Override
    public Transaction stamp(Transaction trx) {
        if (trx.gtid() != null) {
            return trx;
        }
        // the committing session's gtid_domain_id (its own since it connected), else the global one
        long domain = trx.logging() != null ? trx.logging().domainId() : variable("gtid_domain_id", 0);
        Gtid.Domain gtid = binlog.next(domain, server.serverId());
        binlog.bump(gtid.domain(), gtid.seq()); // numbered now, logged at the flush stage
        return trx.withGtid(gtid);
    }

    @Override
    public void committed(Transaction trx) {
    }

    @Override
    public boolean executedAlready(Transaction trx) {
        return false;
    }

    /** gtid_strict_mode: a GTID not after the domain's last logged one is refused (error 1950). */
    @Override
    public void beforeLogging(Transaction trx) throws SqlError {
        if (strict() && trx.gtid() instanceof Gtid.Domain g) {
            Gtid.Domain last = binlog.outOfOrder(g);
            if (last != null) {
                throw server.flavor().error(1950, g.toString(), last.toString());
            }
        }
    }

    @Override
    public void replicated(Transaction trx, boolean logged) {
        if (trx.gtid() instanceof Gtid.Domain g) {
            slave.put(g); // gtid_slave_pos, whatever Using_Gtid is (measured on 10.11.18)
            if (!logged) {
                binlog.bump(g.domain(), g.seq()); // bump_seq_no_if_needed
            }
        }
    }

    @Override
    public void skipped(Transaction trx) {
        replicated(trx, false);
    }

    // --- the binary log

    @Override
    public int extraBytes(EventType type) {
        if (type != EventType.GTID_LIST) {
            return 0;
        }
        return listExtra(binlog.entries().size());
    }

    private int listExtra(int entries) {
        EventSizes.GtidSizes sizes = server.flavor().eventSizes().gtids();
        return entries == 0 ? 0 : sizes.listFirstEntry() + (entries - 1) * sizes.listPerEntry();
    }

    @Override
    public Object snapshot() {
        return binlog.entries();
    }

    @Override
    public void written(Transaction trx) {
        if (trx.gtid() instanceof Gtid.Domain g) {
            binlog.logged(g);
        }
    }

    @Override
    public void purged(Transaction trx) {
    }

    /**
     * At a start the binlog state is read back from the binary log (the first file's Gtid_list and the
     * GTIDs after it), which a truncation or a lost tail may have shortened; the counters then go past
     * gtid_slave_pos (rpl_load_gtid_slave_state bumps them).
     */
    @Override
    @SuppressWarnings("unchecked")
    public void restarted(BinaryLog log) {
        binlog.clear();
        List<BinaryLog.FileHeader> files = log.fileHeaders();
        Object first = files.isEmpty() ? null : files.get(0).gtids();
        if (first != null) {
            for (Gtid.Domain g : (List<Gtid.Domain>) first) {
                binlog.logged(g);
            }
        }
        for (Transaction t : log.transactions()) {
            if (t.gtid() instanceof Gtid.Domain g) {
                binlog.logged(g);
            }
        }
        for (Gtid.Domain g : slave.gtids()) {
            binlog.bump(g.domain(), g.seq());
        }
    }

    @Override
    public void reset() {
        binlog.clear();
    }

    // --- variables

    @Override
    public String variable(String name) {
        return switch (name) {
            case "gtid_binlog_pos" -> binlog.pos().toString();
            case "gtid_binlog_state" -> binlog.toString();
            case "gtid_slave_pos" -> slave.toString();
            case "gtid_current_pos" -> currentPos().toString();
            default -> null;
        };
    }

    /**
     * gtid_current_pos: gtid_slave_pos, except in a domain whose last logged GTID is this server's own
     * and newer (rpl_append_gtid_state with use_binlog).
     */
    private GtidList currentPos() {
        GtidList out = slave.copy();
        for (Gtid.Domain g : binlog.pos().gtids()) {
            Gtid.Domain applied = out.get(g.domain());
            if (g.server() == server.serverId() && (applied == null || g.seq() > applied.seq())) {
                out.put(g);
            }
        }
        return out;
    }

    /**
     * SET GLOBAL gtid_slave_pos: refused while the SQL thread runs (1198; the I/O thread alone is no bar),
     * then parsed as MariaDB's gtid_parser does: 1941 for what is not a GTID list, 1943 for a domain given
     * twice, naming the later GTID first (measured on 10.11.19).
     */
    @Override
    public void checkSet(SysVarDef def, String value, Mysqld server) throws SqlError {
        if (!def.name().equals("gtid_slave_pos")) {
            return;
        }
        if (server.replication().sqlThreadRunning()) {
            throw server.flavor().error(1198);
        }
        GtidList.Parsed p = GtidList.parse(value);
        if (p.malformed() != null) {
            throw server.flavor().error(1941);
        }
        if (p.conflict() != null) {
            Gtid.Domain earlier = p.conflict().get(0);
            throw server.flavor().error(1943, p.conflict().get(1).toString(), earlier.toString(), earlier.domain());
        }
    }

    @Override
    public void set(SysVarDef def, String value) {
        if (def.name().equals("gtid_slave_pos")) {
            GtidList p = GtidList.parse(value).list();
            for (Gtid.Domain g : slave.asList()) {
                slave.remove(g.domain());
            }
            for (Gtid.Domain g : p.gtids()) {
                slave.put(g);
                binlog.bump(g.domain(), g.seq());
            }
            server.waits().replicationMoved(0); // a MASTER_GTID_WAIT may be over now
        }
    }

    // --- replication

    @Override
    public GtidRequest request(ReplicaChannel channel) {
        return switch (channel.usingGtid()) {
            case NO -> null;
            case SLAVE_POS -> new GtidRequest(null, slave.copy(), strict());
            case CURRENT_POS -> new GtidRequest(null, currentPos(), strict());
        };
    }

    @Override
    public GtidDump dump(GtidRequest request, BinaryLog log) {
        return new Dump(request.position().copy(), request.strict(), log);
    }

    /** init_binlog_sender and send_event_to_slave with a GTID position (sql_repl.cc). */
    private final class Dump extends GtidDump.Decided {
        private final GtidList wanted;
        /** The binlog state as the dump reads on: the start file's Gtid_list, then each GTID seen. */
        private final BinlogState running = new BinlogState();
        private boolean skipGroup;
        private boolean fakePending;
        /** Domains asked for that this server had never logged (START_ON_EMPTY_DOMAIN): checked at their first GTID. */
        private final java.util.TreeSet<Long> emptyDomains = new java.util.TreeSet<>();

        @SuppressWarnings("unchecked")
        Dump(GtidList wanted, boolean strict, BinaryLog log) {
            this.wanted = wanted;
            error = checkStartPosition();
            if (error != null) {
                return;
            }
            List<BinaryLog.FileHeader> files = log.fileHeaders();
            for (int i = files.size() - 1; i >= 0 && start == null; i--) {
                List<Gtid.Domain> list = (List<Gtid.Domain>) files.get(i).gtids();
                if (list == null || containsAll(list)) {
                    start = new BinlogPosition(files.get(i).name(), 4);
                    for (Gtid.Domain e : list == null ? List.<Gtid.Domain>of() : list) {
                        Gtid.Domain w = wanted.get(e.domain());
                        if (w != null && w.equals(e)) {
                            wanted.remove(e.domain()); // it starts at the very beginning of this file
                        }
                        running.logged(e);
                    }
                }
            }
            if (start == null) {
                error = server.flavor().gtidText("purged");
            }
        }

        /** check_slave_start_position: every domain's GTID must be in the binlog, or be our own slave position. */
        private String checkStartPosition() {
            for (Gtid.Domain w : wanted.asList()) {
                Gtid.Domain mine = slave.get(w.domain());
                boolean ownSlavePos = w.equals(mine);
                if (binlog.holds(w)) {
                    continue;
                }
                Gtid.Domain last = binlog.last(w.domain());
                if (!ownSlavePos) {
                    if (last == null) {
                        emptyDomains.add(w.domain()); // never logged here: checked when it first logs one
                        continue;
                    }
                    return missing(w);
                }
                // Our own slave position (a replica without log_slave_updates promoted): if we logged
                // transactions of our own since, start at the first of them (a fake GTID of our server_id
                // at the slave's sequence number); else at the domain's binlog end; else take anything.
                Gtid.Domain ours = binlog.ofServer(w.domain(), server.serverId());
                if (ours != null && ours.seq() > w.seq()) {
                    wanted.put(new Gtid.Domain(w.domain(), server.serverId(), w.seq()));
                } else if (last != null) {
                    wanted.put(last);
                } else {
                    wanted.remove(w.domain());
                }
            }
            return null;
        }

        /** give_error_start_pos_missing_in_binlog: "diverged" when the domain has logged past {@code w}. */
        private String missing(Gtid.Domain w) {
            Gtid.Domain last = binlog.last(w.domain());
            return server.flavor().gtidText(last != null && last.seq() >= w.seq() ? "diverged" : "not-in-binlog",
                    "gtid", w);
        }

        /** contains_all_slave_gtid: whether this file holds the first GTID to send of every domain. */
        private boolean containsAll(List<Gtid.Domain> list) {
            for (int i = 0; i < list.size(); i++) {
                Gtid.Domain e = list.get(i);
                Gtid.Domain w = wanted.get(e.domain());
                if (w == null) {
                    return false;
                }
                if (w.server() == e.server() && w.seq() <= e.seq()) {
                    if (w.seq() < e.seq() || i + 1 < list.size() && list.get(i + 1).domain() == e.domain()) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public BinlogPosition transmitFrom() {
            return start;
        }

        @Override
        public List<BinlogEvent> process(BinlogEvent e) {
            if (e.type() == EventType.GTID && e.gtid() instanceof Gtid.Domain g) {
                running.logged(g);
                Gtid.Domain w = wanted.get(g.domain());
                if (w != null && emptyDomains.remove(g.domain()) && !binlog.holds(w)) {
                    error = missing(w); // send_event_to_slave: the domain came to life without the slave's GTID
                    return List.of();
                }
                if (w != null) {
                    skipGroup = g.server() != w.server() || g.seq() <= w.seq();
                    if (g.server() == w.server() && g.seq() >= w.seq()) {
                        fakePending = true; // the slave's position: a fake Gtid_list at the end of this group
                        wanted.remove(g.domain());
                    }
                }
            }
            List<BinlogEvent> out = new ArrayList<>(2);
            if (!skipGroup) {
                out.add(e);
            }
            if (e.endsTransaction()) {
                skipGroup = false;
                if (fakePending) {
                    fakePending = false;
                    int size = server.flavor().eventSizes().header().stream()
                            .filter(h -> h.type() == EventType.GTID_LIST).mapToInt(h -> h.size()).findFirst().orElse(0)
                            + listExtra(running.entries().size());
                    out.add(BinlogEvent.recording(EventType.GTID_SKIPPED, e.file(), e.endPos(), size,
                            io.semisyncsim.binlog.BinaryLog.gtidList(running.entries())));
                }
            }
            return out;
        }

        @Override
        public BinlogEvent atEnd() {
            return null;
        }
    }

    // --- reading

    @Override
    public String executed() {
        return currentPos().toString();
    }

    /** What the oldest binary log file's Gtid_list says was logged before it: what the files no longer hold. */
    @Override
    @SuppressWarnings("unchecked")
    public String purged() {
        List<BinaryLog.FileHeader> files = server.binlog().fileHeaders();
        Object first = files.isEmpty() ? null : files.get(0).gtids();
        List<String> out = new ArrayList<>();
        for (Gtid.Domain g : first == null ? List.<Gtid.Domain>of() : (List<Gtid.Domain>) first) {
            out.add(g.toString());
        }
        return String.join(",", out);
    }

    /** What this server holds that {@code source} does not, by both servers' states (see {@link Errant}). */
    @Override
    public String errantAgainst(Gtids source) {
        return String.join(",", missingOn(source));
    }

    @Override
    public List<String> missingOn(Gtids other) {
        MariaGtids o = (MariaGtids) other;
        return Errant.mariadb(binlog.toString(), slave.toString(), o.binlog.toString(), o.slave.toString());
    }
}
