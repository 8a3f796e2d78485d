package io.semisyncsim.server;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.sql.Statement.Threads;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** START/STOP SLAVE, CHANGE MASTER TO, SHOW SLAVE/MASTER STATUS and RESET MASTER, with MySQL's checks. */
final class ReplicationStatements {
    private final Mysqld server;

    ReplicationStatements(Mysqld server) {
        this.server = server;
    }

    private Flavor flavor() {
        return server.flavor();
    }

    StatementResult run(Account account, Statement s, Session session) throws SqlError {
        Flavor.Privileges privileges = flavor().privileges();
        if (s instanceof Statement.ShowReplicaStatus show) {
            StatementExecutor.require(account, privileges.need("replica-monitor"), flavor());
            return showReplicaStatus(show);
        }
        if (s instanceof Statement.ShowSourceStatus) {
            StatementExecutor.require(account, privileges.need("binlog-monitor"), flavor());
            BinlogLockWait.acquire(server); // get_current_log
            return showSourceStatus();
        }
        if (s instanceof Statement.ShowBinaryLogs) {
            StatementExecutor.require(account, privileges.need("binlog-monitor"), flavor());
            BinlogLockWait.acquire(server); // show_binlogs: raw_get_current_log under LOCK_log
            return showBinaryLogs();
        }
        if (s instanceof Statement.ShowReplicaHosts) {
            if (!flavor().showReplicaHosts()) {
                throw flavor().error(9000, "SHOW SLAVE HOSTS");
            }
            StatementExecutor.require(account, privileges.need("show-replica-hosts"), flavor());
            return showReplicaHosts();
        }
        if (s instanceof Statement.ShowBinlogEvents show) {
            StatementExecutor.require(account, privileges.need(show.relayLog() ? "show-relaylog-events"
                    : "show-binlog-events"), flavor());
            if (!show.relayLog()) {
                BinlogLockWait.acquire(server); // mysql_show_binlog_events reads the end under LOCK_log
            }
            return show.relayLog() ? showRelaylogEvents(show) : showBinlogEvents(show);
        }
        if (s instanceof Statement.ResetSource) {
            StatementExecutor.require(account, privileges.need("reset-source"), flavor());
            BinlogLockWait.acquire(server); // reset_logs takes LOCK_log (UNVERIFIED: not measured waiting)
            CheckpointWait.await(server, session); // MariaDB's reset_logs waits until InnoDB answers its checkpoint request
            return resetSource();
        }
        if (s instanceof Statement.PurgeBinaryLogs purge) {
            StatementExecutor.require(account, privileges.need("purge-binary-logs"), flavor());
            return purge.to() != null ? purgeBinaryLogs(purge.to(), List.of())
                    : purgeBinaryLogsBefore(new Evaluator(server, session, account), purge.before());
        }
        StatementExecutor.require(account, privileges.need("replication-admin"), flavor());
        if (s instanceof Statement.StartReplica start) {
            return start(start.threads(), start.until());
        }
        if (s instanceof Statement.StopReplica stop) {
            return stop(stop.threads());
        }
        if (s instanceof Statement.ResetReplica reset) {
            return resetReplica(reset.all());
        }
        return change(((Statement.ChangeSource) s).options());
    }

    private StatementResult start(Threads threads, Statement.Until until) throws SqlError {
        ReplicaChannel.Until condition = until == null ? null : until(until, threads);
        ReplicaChannel ch = server.channel();
        if (!ch.isConfigured()) {
            throw flavor().error(1200);
        }
        ReplicationControl r = server.replication();
        boolean io = threads != Threads.SQL_THREAD;
        boolean sql = threads != Threads.IO_THREAD;
        boolean already = (!io || r.ioThreadRunning()) && (!sql || r.sqlThreadRunning());
        if (already) {
            return StatementExecutor.ok(List.of(note(flavor().replicaRunningNote())));
        }
        List<Warning> warnings = new ArrayList<>();
        if (sql && !r.sqlThreadRunning()) {
            ch.until(condition); // a start of the SQL thread sets its condition, or clears the last one
            if (condition != null) {
                warnings.add(note(1278)); // skip_slave_start is off: a restart would run past it
            }
        }
        server.replicaThreadsStarting(r.ioThreadRunning(), r.sqlThreadRunning());
        // The I/O thread first, as rpl_slave.cc start_slave_threads() does.
        if (io && !r.ioThreadRunning()) {
            r.startIoThread();
        }
        if (sql && !r.sqlThreadRunning()) {
            r.startSqlThread();
        }
        return StatementExecutor.ok(warnings);
    }

    /**
     * START SLAVE UNTIL's condition (sql_repl.cc start_slave): a whole pair of the source's or the relay log's
     * coordinates, else 1277. Modelled where a server measured it (MariaDB); elsewhere 9000.
     */
    private ReplicaChannel.Until until(Statement.Until u, Threads threads) throws SqlError {
        if (!flavor().sql().startUntil() || threads == Threads.IO_THREAD) {
            throw flavor().error("9000-clause", "START", threads == Threads.IO_THREAD ? "UNTIL for the I/O thread"
                    : "UNTIL");
        }
        boolean source = u.sourceFile() != null && u.sourcePos() != null;
        boolean relay = u.relayFile() != null && u.relayPos() != null;
        boolean any = u.sourceFile() != null || u.sourcePos() != null;
        boolean anyRelay = u.relayFile() != null || u.relayPos() != null;
        if (source == relay || source && anyRelay || relay && any) {
            throw flavor().error(1277);
        }
        return source ? new ReplicaChannel.Until(false, u.sourceFile(), u.sourcePos())
                : new ReplicaChannel.Until(true, u.relayFile(), u.relayPos());
    }

    private StatementResult stop(Threads threads) {
        ReplicationControl r = server.replication();
        boolean io = threads != Threads.SQL_THREAD;
        boolean sql = threads != Threads.IO_THREAD;
        boolean already = (!io || !r.ioThreadRunning()) && (!sql || !r.sqlThreadRunning());
        if (already) {
            return StatementExecutor.ok(List.of(note(flavor().replicaStoppedNote())));
        }
        // The SQL thread first, then the I/O thread, as terminate_slave_threads() does.
        if (sql && r.sqlThreadRunning()) {
            r.stopSqlThread();
        }
        if (io && r.ioThreadRunning()) {
            r.stopIoThread();
        }
        return StatementExecutor.ok(List.of());
    }

    private Warning note(int code) {
        return new Warning("Note", code, flavor().errorText(code));
    }

    /**
     * CHANGE MASTER with replica threads running. MariaDB refuses it while either runs (1198). MySQL
     * (change_master, rpl_replica.cc) looks at what the options touch: MASTER_AUTO_POSITION needs both
     * threads stopped (3081); the receiver's options (host, port, user, retry, heartbeat, log file and
     * position) only the I/O thread (3021), so with only the SQL thread running they are taken; MASTER_DELAY,
     * the applier's, only the SQL thread (3017).
     */
    private void refuseWhileRunning(Map<String, Input> options) throws SqlError {
        ReplicationControl r = server.replication();
        if (!r.ioThreadRunning() && !r.sqlThreadRunning()) {
            return;
        }
        if (!flavor().sql().changeSourcePerThread()) {
            throw flavor().error(1198);
        }
        boolean bothThreads = options.keySet().stream().anyMatch(o -> o.endsWith("_AUTO_POSITION"));
        if (bothThreads) {
            throw flavor().error(3081);
        }
        boolean applierOnly = options.keySet().stream().allMatch(o -> o.endsWith("_DELAY"));
        if (r.ioThreadRunning() && !applierOnly) {
            throw flavor().error(3021);
        }
        if (r.sqlThreadRunning() && options.keySet().stream().anyMatch(o -> o.endsWith("_DELAY"))) {
            throw flavor().error(3017); // the applier's option: the SQL thread must be stopped
        }
    }

    private StatementResult change(Map<String, Input> options) throws SqlError {
        refuseWhileRunning(options);
        String host = null;
        Integer port = null;
        String user = null;
        Long retry = null;
        Float heartbeat = null;
        List<Warning> warnings = new ArrayList<>();
        Boolean autoPosition = null;
        ReplicaChannel.UsingGtid useGtid = null;
        String file = null;
        Long pos = null;
        Long delay = null;
        String password = null;
        boolean mariadb = flavor().gtidKind().equals("mariadb");
        for (Map.Entry<String, Input> o : options.entrySet()) {
            // MASTER_X and SOURCE_X are the same option (8.0.23+ spelling; the parser refuses it on MariaDB).
            String name = o.getKey().startsWith("SOURCE_") ? "MASTER_" + o.getKey().substring(7) : o.getKey();
            if (name.equals(mariadb ? "MASTER_AUTO_POSITION" : "MASTER_USE_GTID")) {
                throw flavor().error(1064, o.getKey() + " = ...", 1); // the other family's option
            }
            switch (name) {
                case "MASTER_HOST" -> host = text(o);
                case "MASTER_USER" -> user = text(o);
                case "MASTER_PASSWORD" -> password = text(o);
                // change_master: `if (lex_mi->port)`, `if (lex_mi->connect_retry)`: 0 leaves each as it was
                case "MASTER_PORT" -> port = number(o) == 0 ? null : (int) number(o);
                case "MASTER_CONNECT_RETRY" -> retry = number(o) == 0 ? null : number(o);
                case "MASTER_HEARTBEAT_PERIOD" -> heartbeat = heartbeatPeriod(o, warnings);
                case "MASTER_AUTO_POSITION" -> autoPosition = number(o) != 0;
                case "MASTER_USE_GTID" -> useGtid = useGtid(o);
                case "MASTER_LOG_FILE" -> file = text(o);
                case "MASTER_LOG_POS" -> pos = number(o);
                case "MASTER_DELAY" -> delay = number(o);
                default -> throw flavor().error(1064, o.getKey() + " = " + written(o.getValue()), 1);
            }
        }
        // change_master: auto-positioning needs GTIDs (ER_AUTO_POSITION_REQUIRES_GTID_MODE_NOT_OFF).
        if (Boolean.TRUE.equals(autoPosition) && server.variables().get("gtid_mode").equals("OFF")) {
            throw flavor().error(1777);
        }
        if (delay != null && delay > Integer.MAX_VALUE) {
            throw flavor().error(1729, delay, Integer.MAX_VALUE); // ER_MASTER_DELAY_VALUE_OUT_OF_RANGE
        }
        if (useGtid != null && useGtid != ReplicaChannel.UsingGtid.NO && (file != null || pos != null)) {
            // change_master warns that a channel positioned by GTID will not start from them
            // (ER_WARN_OPTION_IGNORED), yet keeps them as its coordinates (measured on 10.11.19: one Note each,
            // the file's first; Read_Master_Log_Pos is the position given)
            if (file != null) {
                warnings.add(new Warning("Note", 1618, flavor().errorText(1618, "MASTER_LOG_FILE")));
            }
            if (pos != null) {
                warnings.add(new Warning("Note", 1618, flavor().errorText(1618, "MASTER_LOG_POS")));
            }
        }
        BinlogPosition start = null;
        if (file != null || pos != null) {
            // change_master: MASTER_LOG_FILE and MASTER_LOG_POS each replace their own half of the coordinates,
            // which a new host first starts over at ('', 4) (measured on MariaDB 10.11.19)
            ReplicaChannel.Coordinates at = server.channel().coordinates();
            boolean newSource = host != null && !host.equals(at.host());
            start = new BinlogPosition(file != null ? file : newSource ? "" : at.file(),
                    pos != null ? pos : newSource ? 4 : at.pos());
        }
        ReplicaChannel.UsingGtid usingBefore = server.channel().usingGtid();
        server.changeSource(host, port, user, retry, heartbeat, autoPosition, useGtid, start);
        if (mariadb && useGtid == null && usingBefore != server.channel().usingGtid()) {
            // MASTER_LOG_FILE/POS given to a channel positioned by GTID (sql_repl.cc change_master:
            // ER_MASTER_INFO_IMPLICITLY_CHANGED... 'Using_Gtid' from 'Current_Pos' to 'No'; measured)
            warnings.add(new Warning("Note", 4190, flavor().errorText(4190, "CHANGE MASTER TO", usingBefore.shown(),
                    server.channel().usingGtid().shown())));
        }
        server.channel().clearSqlError(); // change_master: "Clear the errors, for a clean start" (rli.clear_error)
        if (delay != null) {
            server.channel().setSqlDelay(delay);
        }
        if (password != null) {
            server.channel().setSourcePassword(password);
        }
        return StatementExecutor.ok(warnings);
    }

    /**
     * MASTER_HEARTBEAT_PERIOD, as the parser takes it (sql_yacc.yy): any unsigned number, kept as a float of
     * seconds; past SLAVE_MAX_HEARTBEAT_PERIOD refused (1624), longer than slave_net_timeout a warning (1704),
     * and under a millisecond 0 with a warning (1703): heartbeats off. Measured on MariaDB 10.11.19.
     */
    private Float heartbeatPeriod(Map.Entry<String, Input> o, List<Warning> warnings) throws SqlError {
        BigDecimal v;
        if (o.getValue() instanceof Input.Whole w && w.value().signum() >= 0) {
            v = new BigDecimal(w.value());
        } else if (o.getValue() instanceof Input.Decimal d && !d.text().startsWith("-")) {
            v = new BigDecimal(d.text());
        } else {
            throw flavor().error(1064, written(o.getValue()), 1);
        }
        float period = v.floatValue();
        if (period > Mysqld.MAX_HEARTBEAT_PERIOD) {
            throw flavor().error(1624, Long.toString(Mysqld.MAX_HEARTBEAT_PERIOD));
        }
        if (period > server.variables().getLong("replica_net_timeout")) {
            warnings.add(new Warning("Warning", 1704, flavor().errorText(1704)));
        }
        if (period != 0 && period < 0.001) {
            warnings.add(new Warning("Warning", 1703, flavor().errorText(1703)));
            period = 0;
        }
        return period;
    }

    /** MASTER_USE_GTID = no | slave_pos | current_pos (MariaDB). */
    private ReplicaChannel.UsingGtid useGtid(Map.Entry<String, Input> o) throws SqlError {
        String v = text(o).toUpperCase(Locale.ROOT);
        for (ReplicaChannel.UsingGtid u : ReplicaChannel.UsingGtid.values()) {
            if (u.name().equals(v)) {
                return u;
            }
        }
        throw flavor().error(1064, text(o), 1); // the parser stops at the value (measured on 10.11.19)
    }

    /** RESET SLAVE [ALL]: refused while a replication thread runs (rpl_slave.cc reset_slave). */
    private StatementResult resetReplica(boolean all) throws SqlError {
        ReplicationControl r = server.replication();
        if (r.ioThreadRunning() || r.sqlThreadRunning()) {
            throw flavor().error(1198);
        }
        if (server.resetReplica(all)) {
            return StatementExecutor.ok(List.of(new Warning("Note", 4190, flavor().errorText(4190, "RESET SLAVE", "No", "Slave_Pos"))));
        }
        return StatementExecutor.ok(List.of());
    }

    private String text(Map.Entry<String, Input> o) throws SqlError {
        if (o.getValue() instanceof Input.Text t) {
            return t.text();
        }
        throw flavor().error(1064, written(o.getValue()), 1);
    }

    private long number(Map.Entry<String, Input> o) throws SqlError {
        if (o.getValue() instanceof Input.Whole w && w.value().signum() >= 0
                && w.value().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0) {
            return w.value().longValue();
        }
        throw flavor().error(1064, written(o.getValue()), 1);
    }

    /** A value as the statement wrote it, where the server's 1064 quotes the statement from (the value's token). */
    private static String written(Input value) {
        if (value instanceof Input.Whole w) {
            return w.value().toString();
        }
        if (value instanceof Input.Decimal d) {
            return d.text();
        }
        return value instanceof Input.Text t ? "'" + t.text().replace("'", "''") + "'" : String.valueOf(value);
    }

    private StatementResult showReplicaStatus(Statement.ShowReplicaStatus show) {
        ReplicaChannel ch = server.channel();
        List<String> names = ReplicaStatus.columns(flavor(), show.newNames());
        List<List<String>> rows = new ArrayList<>();
        if (ch.isConfigured()) {
            rows.add(ReplicaStatus.row(ch, server.name(), flavor(), server.now()));
        }
        return new StatementResult.Rows(ResultSet.of(names, rows), List.of());
    }

    private StatementResult showSourceStatus() {
        BinlogPosition end = server.binlog().writtenEnd();
        boolean mariadb = flavor().product().toLowerCase(Locale.ROOT).contains("mariadb");
        List<String> names = mariadb ? List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB")
                : List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB", "Executed_Gtid_Set");
        List<String> row = new ArrayList<>(List.of(end.file(), Long.toString(end.pos()), "", ""));
        if (!mariadb) {
            row.add(server.gtids().executed());
        }
        List<ResultSet.Column> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(new ResultSet.Column(n, n.equals("Position")));
        }
        return new StatementResult.Rows(new ResultSet(cols, List.of(row)), List.of());
    }

    /** SHOW BINARY LOGS; 8.0 added the Encrypted column (binlog encryption is not modelled: always No). */
    private StatementResult showBinaryLogs() {
        boolean encryptedColumn = flavor().binaryLogsEncryptedColumn();
        List<ResultSet.Column> cols = new ArrayList<>(List.of(new ResultSet.Column("Log_name", false),
                new ResultSet.Column("File_size", true)));
        if (encryptedColumn) {
            cols.add(new ResultSet.Column("Encrypted", false));
        }
        List<List<String>> rows = new ArrayList<>();
        for (var f : server.binlog().fileSizes()) {
            rows.add(encryptedColumn ? List.of(f.name(), Long.toString(f.size()), "No")
                    : List.of(f.name(), Long.toString(f.size())));
        }
        return new StatementResult.Rows(new ResultSet(cols, rows), List.of());
    }

    /**
     * SHOW SLAVE HOSTS (MariaDB repl_failsafe.cc show_slave_hosts): each replica that registered, which its I/O
     * thread does before it asks for the dump (COM_REGISTER_SLAVE), until its dump thread ends: its server_id,
     * the host it connected from (report_host is not modelled), its port (every node listens on 3306 here) and
     * this server's server_id. In registration order, as the server's hash holds its entries until one goes.
     */
    private StatementResult showReplicaHosts() {
        List<ResultSet.Column> cols = List.of(new ResultSet.Column("Server_id", true), new ResultSet.Column("Host", false),
                new ResultSet.Column("Port", true), new ResultSet.Column("Master_id", true));
        List<List<String>> rows = new ArrayList<>();
        for (var d : server.dumps().all()) {
            rows.add(List.of(Long.toString(d.serverId()), d.host(), "3306", Long.toString(server.serverId())));
        }
        return new StatementResult.Rows(new ResultSet(cols, rows), List.of());
    }

    /** SHOW BINLOG EVENTS: {@link io.semisyncsim.binlog.ShowBinlogEvents}; 1220 with the reader's reason. */
    private StatementResult showBinlogEvents(Statement.ShowBinlogEvents show) throws SqlError {
        var listing = new io.semisyncsim.binlog.ShowBinlogEvents(flavor().showBinlogEventsStyle(), server.serverId(),
                server.variables().get("version"));
        try {
            return eventRows(listing.rows(server.binlog(), show.file(), show.from(), show.offset(), show.limit()));
        } catch (io.semisyncsim.binlog.ShowBinlogEvents.Refused e) {
            throw flavor().error(1220, "SHOW BINLOG EVENTS", e.getMessage());
        }
    }

    /**
     * SHOW RELAYLOG EVENTS: the relay log read as the binlog is (both servers' show_binlog_events, whose
     * refusals name SHOW BINLOG EVENTS here too, measured on MariaDB 10.11.19). Each file starts with this
     * server's own header (Format_description, MySQL's Previous_gtids); the source's events keep the
     * source's server_id and End_log_pos. A relay log that is not open (never configured) shows nothing.
     */
    private StatementResult showRelaylogEvents(Statement.ShowBinlogEvents show) throws SqlError {
        ReplicaChannel ch = server.channel();
        var style = flavor().showBinlogEventsStyle();
        if (!ch.relayLogOpen()) {
            return eventRows(List.of());
        }
        Integer number = show.file() == null ? null : ReplicaChannel.relayFileNumber(server.name(), show.file());
        var file = number == null && show.file() != null ? null
                : ch.relayFileEvents(number, server.serverId(), style.skipShownByReplica(),
                        n -> ReplicaChannel.relayFileName(server.name(), n));
        try {
            if (file == null) {
                throw new io.semisyncsim.binlog.ShowBinlogEvents.Refused("Could not find target log");
            }
            var listing = new io.semisyncsim.binlog.ShowBinlogEvents(style, server.serverId(),
                    server.variables().get("version"));
            return eventRows(listing.relayRows(server.binlog(), flavor().eventSizes(),
                    ReplicaChannel.relayFileName(server.name(), file.number()), file.size(), file.events(),
                    show.from(), show.offset(), show.limit()));
        } catch (io.semisyncsim.binlog.ShowBinlogEvents.Refused e) {
            throw flavor().error(1220, "SHOW BINLOG EVENTS", e.getMessage());
        }
    }

    /** Rows of SHOW BINLOG EVENTS or SHOW RELAYLOG EVENTS. */
    private static StatementResult eventRows(List<io.semisyncsim.binlog.ShowBinlogEvents.Row> rows) {
        List<ResultSet.Column> cols = List.of(new ResultSet.Column("Log_name", false), new ResultSet.Column("Pos", true),
                new ResultSet.Column("Event_type", false), new ResultSet.Column("Server_id", true),
                new ResultSet.Column("End_log_pos", true), new ResultSet.Column("Info", false));
        List<List<String>> out = new ArrayList<>(rows.size());
        for (var r : rows) {
            out.add(List.of(r.logName(), Long.toString(r.pos()), r.eventType(), Long.toString(r.serverId()),
                    Long.toString(r.endLogPos()), r.info()));
        }
        return new StatementResult.Rows(new ResultSet(cols, out), List.of());
    }

    /**
     * PURGE BINARY LOGS TO (sql_repl.cc purge_master_logs -> MYSQL_BIN_LOG::purge_logs): the files before
     * the one named go, oldest first, up to the first a dump thread still reads, which stays with the
     * files after it. MySQL says so in warning 1867; MariaDB 10.11 stops without a word (can_purge_log). A
     * name not in the index is 1373. Not written to the binary log.
     */
    private StatementResult purgeBinaryLogs(String to, List<Warning> before) throws SqlError {
        io.semisyncsim.binlog.BinaryLog.PurgeResult r = server.binlog().purgeTo(to);
        if (r == null) {
            server.errorLog().log("purge-not-in-index", "file", to);
            throw flavor().error(1373);
        }
        String warnedName = flavor().sql().purgeInUseWarningPrefix();
        if (r.stoppedAt() == null || warnedName == null) {
            return StatementExecutor.ok(before);
        }
        List<Warning> warnings = new ArrayList<>(before);
        warnings.add(new Warning("Warning", 1867, flavor().errorText(1867,
                warnedName + r.stoppedAt(), r.readers(), r.purged(), r.toPurge())));
        return StatementExecutor.ok(warnings);
    }

    /**
     * PURGE BINARY LOGS BEFORE (sql_parse.cc SQLCOM_PURGE_BEFORE: UNIX_TIMESTAMP of the value, then
     * MYSQL_BIN_LOG::purge_logs_before_date): the files, oldest first, whose last write (the file's mtime,
     * whole seconds) is before that time, up to the active file or a newer one, as PURGE TO the file after
     * them would. A value that is no datetime is 1292 and time 0, as is one past UNIX_TIMESTAMP()'s range
     * (MariaDB: 2038): nothing goes. MySQL warns 1868 when the
     * files before the active one were all old enough (measured on MariaDB 10.11.18: no warning there).
     */
    private StatementResult purgeBinaryLogsBefore(Evaluator ev, io.semisyncsim.sql.Expr when) throws SqlError {
        // The server wraps the value in UNIX_TIMESTAMP() and reads it as an integer: NULL is time 0.
        Object seconds = ev.eval(new io.semisyncsim.sql.Expr.Function("UNIX_TIMESTAMP", List.of(when), false, false, null));
        List<Warning> warnings = new ArrayList<>(ev.warnings());
        long purgeTime = seconds == null ? 0 : Values.toDecimal(seconds).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        io.semisyncsim.binlog.BinaryLog.Before b = server.binlog().lastWrittenBefore(VirtualTimestamps.micros(purgeTime));
        String warnedName = flavor().sql().purgeInUseWarningPrefix();
        if (b.reachedActive() && warnedName != null) {
            warnings.add(new Warning("Warning", 1868, flavor().errorText(1868, warnedName + b.active())));
        }
        return b.target() == null ? StatementExecutor.ok(warnings) : purgeBinaryLogs(b.target(), warnings);
    }

    private StatementResult resetSource() {
        server.gtids().reset(); // gtid_executed and gtid_purged (MariaDB: the binlog state) go with the files
        server.binlog().reset();
        for (var p : server.plugins().behaviours()) {
            p.resetMaster();
        }
        server.replication().binlogWritten(); // reset_logs signals binlog_end_pos: the dump threads wake
        return StatementExecutor.ok(List.of());
    }
}
