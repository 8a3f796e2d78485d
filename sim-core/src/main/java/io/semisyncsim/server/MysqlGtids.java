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
import io.semisyncsim.gtid.Gtid;
import io.semisyncsim.gtid.GtidSet;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL's GTIDs (rpl_gtid_state.cc Gtid_state): transactions are numbered {@code server_uuid:N} when
 * gtid_mode is ON or ON_PERMISSIVE, with the smallest number not taken yet (get_automatic_gno);
 * gtid_executed holds what committed, here or replicated; gtid_purged what no binary log file holds
 * any more (purged files, and what a replica applied without log_replica_updates); each binlog file
 * starts with Previous_gtids, the GTIDs logged before it. A source serves an auto-positioning replica
 * as rpl_binlog_sender.cc does: its own GTIDs the replica has must be ones it has, what it purged must
 * be ones the replica has, then it starts at the newest file whose Previous_gtids the replica has and
 * skips every transaction the replica has.
 */
final class MysqlGtids implements Gtids {
    private final Mysqld server;
    private final GtidSet executed = new GtidSet();
    private final GtidSet purged = new GtidSet();
    /** Every GTID written to this server's binary log since RESET MASTER (purged files' included). */
    private final GtidSet logged = new GtidSet();
    /** Every GTID numbered or executed here: the next automatic number is the first free one. */
    private GtidSet taken = new GtidSet();

    MysqlGtids(Mysqld server) {
        this.server = server;
    }

    /** gtid_mode as last read, and the variables (and their change count) it was read from. */
    private String mode = "OFF";
    private SystemVariables modeFrom;
    private long modeChanges = -1;

    /** gtid_mode, read again only when a SET or a restart changed the variables (it is read at every commit). */
    String mode() {
        SystemVariables vars = server.variables();
        if (vars == null) {
            return "OFF";
        }
        if (vars != modeFrom || vars.changes() != modeChanges) {
            mode = vars.get("gtid_mode");
            modeFrom = vars;
            modeChanges = vars.changes();
        }
        return mode;
    }

    /** Whether {@code g} is in gtid_executed (a session naming it in gtid_next skips its transaction). */
    boolean isExecuted(Gtid.Uuid g) {
        return executed.contains(g);
    }

    /** Whether {@code g} is executed or given to a transaction in group commit now. */
    boolean isTaken(Gtid.Uuid g) {
        return taken.contains(g);
    }

    @Override
    public boolean hasGtidNext() {
        return true;
    }

    @Override
    public boolean on() {
        String mode = mode();
        return mode.equals("ON") || mode.equals("ON_PERMISSIVE");
    }

    @Override
    public Transaction stamp(Transaction trx) {
        if (trx.gtid() != null) {
            taken.add((Gtid.Uuid) trx.gtid());
            return trx;
        }
        if (!on()) {
            return trx; // an Anonymous_gtid event
        }
        Gtid.Uuid gtid = new Gtid.Uuid(server.uuid(), taken.nextGno(server.uuid()));
        taken.add(gtid);
        return trx.withGtid(gtid);
    }

    @Override
    public void committed(Transaction trx) {
        if (trx.gtid() instanceof Gtid.Uuid g) {
            executed.add(g);
            taken.add(g);
        }
    }

    @Override
    public boolean executedAlready(Transaction trx) {
        // The applier skips a transaction whose GTID is executed (gtid_pre_statement_checks: "skip").
        return trx.gtid() instanceof Gtid.Uuid g && executed.contains(g);
    }

    @Override
    public void beforeLogging(Transaction trx) {
    }

    @Override
    public void replicated(Transaction trx, boolean logged) {
        if (trx.gtid() instanceof Gtid.Uuid g) {
            executed.add(g);
            taken.add(g);
            if (!logged) {
                purged.add(g); // in no binary log here (log_replica_updates OFF): gtid_purged has it
            }
        }
    }

    // --- the binary log

    @Override
    public int extraBytes(EventType type) {
        if (type != EventType.PREVIOUS_GTIDS) {
            return 0;
        }
        EventSizes.GtidSizes sizes = server.flavor().eventSizes().gtids();
        GtidSet before = previousGtids();
        return sizes.previousPerSid() * before.sidCount() + sizes.previousPerInterval() * before.intervalCount();
    }

    /** What a new file's Previous_gtids records: every GTID logged before it, and what was purged. */
    private GtidSet previousGtids() {
        GtidSet before = logged.copy();
        before.addAll(purged);
        return before;
    }

    @Override
    public Object snapshot() {
        return previousGtids();
    }

    @Override
    public void written(Transaction trx) {
        if (trx.gtid() instanceof Gtid.Uuid g) {
            logged.add(g);
        }
    }

    @Override
    public void purged(Transaction trx) {
        if (trx.gtid() instanceof Gtid.Uuid g) {
            purged.add(g);
        }
    }

    @Override
    public void restarted(BinaryLog binlog) {
        // What was numbered but never written died with the process: only executed and logged ones count.
        taken = executed.copy();
        taken.addAll(logged);
    }

    @Override
    public void reset() {
        executed.clear();
        purged.clear();
        logged.clear();
        taken = new GtidSet();
    }

    // --- variables

    @Override
    public String variable(String name) {
        return switch (name) {
            case "gtid_executed" -> executed.toString();
            case "gtid_purged" -> purged.toString();
            default -> null;
        };
    }

    /**
     * gtid_mode moves one step at a time (OFF, OFF_PERMISSIVE, ON_PERMISSIVE, ON) and reaches ON only with
     * enforce_gtid_consistency ON, which cannot leave ON while gtid_mode is ON (sys_vars.cc
     * Sys_var_gtid_mode::global_update, Sys_var_enforce_gtid_consistency).
     */
    @Override
    public void checkSet(SysVarDef def, String value, Mysqld server) throws SqlError {
        SystemVariables vars = server.variables();
        if (def.name().equals("gtid_purged")) {
            throw server.flavor().error("9000-variable", "gtid_purged"); // its SET rules are not modelled
        }
        if (def.name().equals("gtid_mode")) {
            List<String> steps = def.values();
            int from = steps.indexOf(vars.get("gtid_mode"));
            int to = steps.indexOf(value);
            if (Math.abs(from - to) > 1) {
                throw server.flavor().error(1788);
            }
            if (value.equals("ON") && !vars.get("enforce_gtid_consistency").equals("ON")) {
                throw server.flavor().error(3111, "ON", "ENFORCE_GTID_CONSISTENCY is not ON");
            }
            if (value.equals("OFF") && server.channel().autoPosition()) {
                throw server.flavor().error(3111, "OFF", server.flavor().gtidText("auto-position-channel"));
            }
        } else if (def.name().equals("enforce_gtid_consistency") && !value.equals("ON")
                && vars.get("gtid_mode").equals("ON")) {
            throw server.flavor().error(1779);
        }
    }

    @Override
    public void set(SysVarDef def, String value) {
    }

    // --- replication

    @Override
    public GtidRequest request(ReplicaChannel channel) {
        if (!channel.autoPosition()) {
            return null;
        }
        // The replica sends gtid_executed and what its relay log holds (rpl_replica.cc request_dump).
        GtidSet sent = executed.copy();
        sent.addAll(channel.retrievedGtids());
        return new GtidRequest(sent, null, false);
    }

    @Override
    public GtidDump dump(GtidRequest request, BinaryLog binlog) {
        return new Dump(request.set(), binlog);
    }

    /** Binlog_sender::init, check_start_file and send_events for COM_BINLOG_DUMP_GTID. */
    private final class Dump extends GtidDump.Decided {
        private final GtidSet replica;
        /** Inside a transaction the replica has (in_exclude_group), and where the skipped run ends. */
        private boolean skipping;
        private BinlogPosition skippedTo;

        Dump(GtidSet replica, BinaryLog binlog) {
            this.replica = replica;
            if (!mode().equals("ON")) {
                error = server.flavor().gtidText("not-on", "mode", mode());
                return;
            }
            if (replica.hasMoreFor(server.uuid(), taken)) {
                error = server.flavor().gtidText("replica-has-more");
                return;
            }
            if (!purged.isSubsetOf(replica)) {
                server.errorLog().log("gtid-missing-purged", "uuid", "", "missing", purged.subtract(replica));
                error = server.flavor().gtidText("purged", "sent", replica, "missing", purged.subtract(replica));
                return;
            }
            // find_first_log_not_in_gtid_set: the newest file whose Previous_gtids the replica has.
            List<BinaryLog.FileHeader> files = binlog.fileHeaders();
            for (int i = files.size() - 1; i >= 0; i--) {
                Object before = files.get(i).gtids();
                if (before == null || ((GtidSet) before).isSubsetOf(replica)) {
                    start = new BinlogPosition(files.get(i).name(), 4);
                    return;
                }
            }
            error = server.flavor().gtidText("purged", "sent", replica, "missing", previousGtids().subtract(replica));
        }

        @Override
        public BinlogPosition transmitFrom() {
            return new BinlogPosition("", 4); // COM_BINLOG_DUMP_GTID names no file
        }

        @Override
        public List<BinlogEvent> process(BinlogEvent e) {
            if (e.type() == EventType.GTID) {
                skipping = e.gtid() instanceof Gtid.Uuid g && replica.contains(g);
            } else if (e.type() == EventType.ROTATE) {
                skipping = false;
            }
            if (skipping) {
                skippedTo = e.end();
                return List.of();
            }
            List<BinlogEvent> out = new ArrayList<>(2);
            BinlogEvent mark = mark();
            if (mark != null) {
                out.add(mark); // a heartbeat before the next event sent moves the replica past the skipped run
            }
            out.add(e);
            return out;
        }

        @Override
        public BinlogEvent atEnd() {
            return mark();
        }

        private BinlogEvent mark() {
            if (skippedTo == null) {
                return null;
            }
            BinlogPosition at = skippedTo;
            skippedTo = null;
            // Written to the relay log as an ignored Rotate naming the source's file (queue_event).
            return new BinlogEvent(EventType.GTID_SKIPPED, at.file(), at.pos(),
                    server.flavor().eventSizes().rotate(at.file()), 0, -1, null);
        }
    }

    // --- reading

    @Override
    public String executed() {
        return executed.toString();
    }

    @Override
    public String purged() {
        return purged.toString();
    }

    @Override
    public String errantAgainst(Gtids source) {
        return executed.subtract(((MysqlGtids) source).executed).toString();
    }

    /**
     * What this server executed or wrote to its binary log (a crashed source's prepared transactions,
     * which its recovery will commit) that {@code other} has not executed.
     */
    @Override
    public List<String> missingOn(Gtids other) {
        GtidSet mine = executed.copy();
        mine.addAll(logged);
        GtidSet missing = mine.subtract(((MysqlGtids) other).executed);
        return missing.isEmpty() ? List.of() : List.of(missing.toString().split(",\n"));
    }

    GtidSet executedSet() {
        return executed;
    }
}
