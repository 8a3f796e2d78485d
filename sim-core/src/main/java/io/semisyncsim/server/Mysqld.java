package io.semisyncsim.server;

import io.semisyncsim.binlog.BinlogRecovery;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.server.plugin.CommitObserver;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.server.plugin.PluginFactory;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.sysvar.VarType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One simulated mysqld: lifecycle, option file, system and status variables, plugins, privileges and
 * error log. Statements are executed by {@link StatementExecutor}; this class keeps the state.
 */
public final class Mysqld {
    private final String name;
    /** The server-id the harness gives it (the topology's number), which its option file may override. */
    private final long defaultServerId;
    /** @@server_id as last read: its events', its GTIDs' and its dump requests' server id. */
    private long serverId;
    /** The variables and their change count {@link #serverId} was read at. */
    private SystemVariables serverIdFrom;
    private long serverIdChanges;
    private final Flavor flavor;
    private final OptionFile optionFile;
    private final PluginFactories factories;
    private final LongSupplier clock;
    private final ErrorLog errorLog;
    private final Threads threads;
    private final java.util.Map<Long, Long> sessionThreads = new java.util.TreeMap<>();
    /** The thread running server code now (MySQL's current_thd): the error log prints its id. */
    private long currentThread;
    /** The ACK receiver's thread id while it runs (MariaDB gives it one; 0 otherwise). */
    private long ackReceiverThread;
    private final String uuid;
    private final PluginRegistry plugins = new PluginRegistry();
    /** SET PERSIST values (mysqld-auto.cnf), applied after the option file at every start. */
    private final SortedMap<String, String> persisted = new TreeMap<>();
    private SystemVariables variables;
    private NodeState state = NodeState.STOPPED;
    /** The last run crashed with its binary log open (LOG_EVENT_BINLOG_IN_USE_F set): the next start recovers. */
    private boolean binlogInUse;
    /** The binlog dump threads serving replicas now, kept by the node's actor (sql_repl.cc's THD list). */
    private final DumpRegistry dumps = new DumpRegistry();
    private long startedAt = -1;
    private final StatementExecutor executor = new StatementExecutor(this);
    /** The last connection id handed out (CONNECTION_ID()), for sessions whose caller set none. */
    private long lastConnectionId;
    // What lives on disk and survives a restart: the binary log, the data and users, the replica's channel.
    private final io.semisyncsim.binlog.BinaryLog binlog;
    private final TableStore store;
    private final io.semisyncsim.channel.ReplicaChannel channel;
    private final ReplicationWaits waits = new ReplicationWaits(this);
    private final RecordLocks recordLocks = new RecordLocks(this);
    private final ConnectionStatus connectionStatus = new ConnectionStatus();
    /** GTID bookkeeping: MySQL's or MariaDB's, as the flavour says (on disk too: it survives restarts). */
    private final Gtids gtids;
    private ReplicationControl replication = ReplicationControl.NONE;
    private ConnectionControl connections = ConnectionControl.NONE;
    /** Where plugins' releases of held commits go: the node's actor. */
    private io.semisyncsim.server.plugin.WaitReleaser releaser = (waiter, semisync) -> { };

    public Mysqld(String name, long serverId, Flavor flavor, OptionFile optionFile, PluginFactories factories,
                  LongSupplier clock) {
        this(name, serverId, "", flavor, optionFile, factories, clock);
    }

    /** {@code uuid}: the node's server_uuid (drawn from the seed by the cluster). */
    public Mysqld(String name, long serverId, String uuid, Flavor flavor, OptionFile optionFile,
                  PluginFactories factories, LongSupplier clock) {
        this.name = name;
        this.defaultServerId = serverId;
        this.serverId = serverId;
        this.uuid = uuid;
        this.flavor = flavor;
        this.optionFile = optionFile;
        this.factories = factories;
        this.clock = clock;
        this.threads = new Threads(flavor.threadStyle().firstId());
        this.errorLog = new ErrorLog(flavor, clock);
        errorLog.setCurrentThread(() -> currentThread);
        errorLog.setVerbosity(this::verbosity);
        this.store = new TableStore(flavor);
        this.gtids = flavor.gtidKind().equals("mariadb") ? new MariaGtids(this) : new MysqlGtids(this);
        this.binlog = new io.semisyncsim.binlog.BinaryLog(flavor.eventSizes(),
                Long.parseLong(flavor.systemVariables().get("max_binlog_size").defaultValue()), clock, gtids);
        this.channel = new io.semisyncsim.channel.ReplicaChannel(flavor.eventSizes().relayFirstPos(),
                n -> flavor.eventSizes().rotate(io.semisyncsim.channel.ReplicaChannel.relayFileName(name, n)),
                this::maxRelayFileSize, () -> variables.getBool("relay_log_purge"),
                () -> variables.getLong("relay_log_space_limit"), flavor.relaySpaceRules());
        this.channel.setExecutedGtids(gtids::executed);
        if (flavor.rowFormatCharset() != null) {
            binlog.setRowFormat(new MariaRowFormat((db, t) -> {
                io.semisyncsim.table.Table table = store.catalog().table(db, t);
                return table == null ? null : table.def();
            }, flavor.rowFormatCharset(), () -> variables == null || variables.find("binlog_annotate_row_events") == null
                    || variables.getBool("binlog_annotate_row_events")));
        }
    }

    /** This server's GTIDs: gtid_executed and gtid_purged, or MariaDB's binlog state and positions. */
    public Gtids gtids() {
        return gtids;
    }

    /** The actor that holds and releases commits for plugins. */
    public void setWaitReleaser(io.semisyncsim.server.plugin.WaitReleaser releaser) {
        this.releaser = releaser;
    }

    /**
     * FLUSH BINARY LOGS: MYSQL_BIN_LOG::rotate_and_purge. The closed file is flushed and synced with its
     * Rotate event (new_file_impl), so what it holds is durable and the dump threads may read on into the
     * new file; expired files are purged after the rotation.
     */
    void rotateBinlog() {
        long now = clock.getAsLong();
        long sinceTick = (now - startedAt) % SECOND;
        // InnoDB flushes its redo log once a second of uptime (srv_master_callback); a commit since the last
        // flush leaves redo to flush (its purge's), which MariaDB's checkpoint request waits for.
        if (binlog.flush(binlog.lastEngineCommit() < now - sinceTick)) {
            redoFlushTimer.accept(SECOND - sinceTick);
        }
        binlog.publishWritten();
        replication.binlogWritten();
    }

    /**
     * When InnoDB answers a commit checkpoint request made now (MariaDB: ha_commit_checkpoint_request, which
     * RESET MASTER waits for): at once when its redo is flushed; else at its once-a-second background flush.
     * Measured on 10.11.18 (RESET MASTER after a commit: 0.70 to 0.87 s): a request before the first flush
     * after the last commit is answered by that flush; one after it waits for the next, since that flush
     * also woke the purge of the commit, whose redo it did not cover. Flushes fall on whole seconds of uptime.
     */
    long checkpointAnsweredAt() {
        long now = clock.getAsLong();
        long commit = binlog.lastEngineCommit();
        if (commit < 0 || startedAt < 0) {
            return now;
        }
        long firstFlush = startedAt + ((commit - startedAt) / SECOND + 1) * SECOND;
        if (now < firstFlush) {
            return firstFlush;
        }
        return now < firstFlush + SECOND ? firstFlush + SECOND : now;
    }

        private static final long SECOND = 1_000_000L;
    private java.util.function.Supplier<java.util.Map<String, String>> commitStatus =
            () -> CommitCoordinator.binlogStatus(0, 0, 0, 0);

    private java.util.function.BooleanSupplier binlogLockHeld = () -> false;

    /** Whether a group commit leader holds the binary log's lock (GroupCommit#logLockHeld). */
    boolean binlogLockHeld() {
        return binlogLockHeld.getAsBoolean();
    }

    /** Where {@link #binlogLockHeld} is read: the actor's coordinator of the moment. */
    public void setBinlogLockHeld(java.util.function.BooleanSupplier held) {
        this.binlogLockHeld = held;
    }

    /** Where the group commit's counters are read (its actor's coordinator, which a restart makes anew). */
    public void setCommitStatus(java.util.function.Supplier<java.util.Map<String, String>> status) {
        this.commitStatus = status;
    }
    private java.util.function.LongConsumer redoFlushTimer = micros -> { };
    /**
     * Whether the source plugin stopped its ACK receiver thread (semisync's disable), so nothing reads the
     * replicas' sockets until it starts again; a plugin without one has ACKs read as they come.
     */
    private boolean ackReceiverStopped;
    private Runnable ackReceiverStarted = () -> { };

    /** Whether an ACK that arrives now waits unread: the ACK receiver was stopped and has not started again. */
    public boolean ackReceiverStopped() {
        return ackReceiverStopped;
    }

    /** What the actor does when the ACK receiver starts: it reads the ACKs that waited for it. */
    public void setAckReceiverStarted(Runnable started) {
        this.ackReceiverStarted = started;
    }

    /** How the server asks for {@link #redoFlushed} to be called after so many µs: given by its actor. */
    public void setRedoFlushTimer(java.util.function.LongConsumer timer) {
        this.redoFlushTimer = timer;
    }

    /** The engine's background redo flush came: a binlog checkpoint that waited for it is written and read. */
    public void redoFlushed() {
        if (state == NodeState.RUNNING && binlog.redoFlushed()) {
            replication.binlogWritten();
        }
    }

    private SystemVariables relayLimitFrom;
    private long relayLimitChanges = -1;
    private long relayLimit;

    /**
     * The relay log's file size limit: max_relay_log_size, or max_binlog_size when that is 0
     * (fix_max_relay_log_size); read per relay-log write, so recomputed only when a variable changed.
     */
    private long maxRelayFileSize() {
        if (variables != relayLimitFrom || variables.changes() != relayLimitChanges) {
            long relay = variables.getLong("max_relay_log_size");
            relayLimit = relay > 0 ? relay : variables.getLong("max_binlog_size");
            relayLimitFrom = variables;
            relayLimitChanges = variables.changes();
        }
        return relayLimit;
    }

    /**
     * FLUSH RELAY LOGS: rotate_relay_log. The relay log moves to a new file (see
     * {@link io.semisyncsim.channel.ReplicaChannel#rotateRelayLog}) and the SQL thread reads on into it.
     */
    void rotateRelayLog() {
        if (channel.rotateRelayLog()) {
            replication.relayLogWritten();
        }
    }

    /** The actor that runs this node's replication threads. */
    public void setReplicationControl(ReplicationControl control) {
        this.replication = control;
    }

    ReplicationControl replication() {
        return replication;
    }

    /** The actor that owns the connections (KILL, SHUTDOWN). */
    public void setConnectionControl(ConnectionControl control) {
        this.connections = control;
    }

    ConnectionControl connections() {
        return connections;
    }

    public io.semisyncsim.binlog.BinaryLog binlog() {
        return binlog;
    }

    public TableStore store() {
        return store;
    }

    public io.semisyncsim.channel.ReplicaChannel channel() {
        return channel;
    }

    private SkipErrors skipErrors = SkipErrors.NONE;
    private long skippedErrors;

    /** slave_skip_errors as this process started with it. */
    public SkipErrors skipErrors() {
        return skipErrors;
    }

    /** The SQL thread went past an error slave_skip_errors names (Slave_skipped_errors). */
    public void errorSkipped() {
        skippedErrors++;
    }

    public long skippedErrors() {
        return skippedErrors;
    }

    /**
     * Whether a replicated DDL statement that cannot apply here stops the SQL thread: MySQL always, MariaDB
     * with slave_ddl_exec_mode = STRICT (its default IDEMPOTENT replaces and drops quietly).
     */
    public boolean replicaDdlStrict() {
        SysVarDef mode = variables.find("slave_ddl_exec_mode");
        return mode == null || "STRICT".equals(variables.get(mode.name()));
    }

    /** slave_exec_mode (replica_exec_mode) IDEMPOTENT: a rows event's duplicate overwrites, a row not found is a warning. */
    public boolean replicaExecIdempotent() {
        return "IDEMPOTENT".equals(variables.get("replica_exec_mode"));
    }

    /** replica_transaction_retries: how often the SQL thread runs a transaction again, read at each failure. */
    public long replicaTransactionRetries() {
        return Long.parseUnsignedLong(variables.get("replica_transaction_retries"));
    }

    /**
     * The SQL thread starts: on MySQL it takes sql_slave_skip_counter's global value, which goes back to 0
     * (rpl_replica.cc start_slave); MariaDB's counter is the connection's already.
     */
    public void sqlThreadTakesSkipCounter() {
        if (!flavor.skipCounterTakenAtStart()) {
            return;
        }
        SysVarDef def = variables.find(StatementExecutor.SKIP_COUNTER);
        long n = Long.parseLong(variables.get(def.name()));
        if (n > 0) {
            channel.setSkipCounter(n);
            variables.put(def, "0");
        }
    }

    /** The client sessions waiting in MASTER_POS_WAIT or MASTER_GTID_WAIT. */
    public ReplicationWaits waits() {
        return waits;
    }

    /** The counters of refused logins, aborted connections and privilege errors. */
    public ConnectionStatus connectionStatus() {
        return connectionStatus;
    }

    /** The rows client transactions hold (InnoDB's record locks). */
    public RecordLocks recordLocks() {
        return recordLocks;
    }

    public String uuid() {
        return uuid;
    }

    /** The server's threads: client connections, dump threads, replication threads. */
    public Threads threads() {
        return threads;
    }

    /**
     * The thread that serves each open client session (the id CONNECTION_ID() gives it), kept by the
     * server's actor: what a driver reads to KILL a connection without asking it.
     */
    public java.util.Map<Long, Long> sessionThreads() {
        return sessionThreads;
    }

    /** Runs {@code code} as thread {@code id} (0: no thread): its error-log lines carry that id. */
    public void runAs(long id, Runnable code) {
        long previous = currentThread;
        currentThread = id;
        try {
            code.run();
        } finally {
            currentThread = previous;
        }
    }

    /** As {@link #runAs(long, Runnable)}, with a result. */
    public <T> T callAs(long id, java.util.function.Supplier<T> code) {
        long previous = currentThread;
        currentThread = id;
        try {
            return code.get();
        } finally {
            currentThread = previous;
        }
    }

    public long currentThread() {
        return currentThread;
    }

    /** The ACK receiver's thread id (0 when it has none or is not running). */
    public long ackReceiverThread() {
        return ackReceiverThread;
    }

    /** The verbosity variable's value, or -1 before the variables exist (the start's first lines). */
    private int verbosity(String variable) {
        SysVarDef def = variables == null ? null : variables.find(variable);
        return def == null ? -1 : (int) Math.min(Integer.MAX_VALUE, variables.getLong(def.name()));
    }

    /** The clock of this node (virtual µs). */
    public long now() {
        return clock.getAsLong();
    }

    /** What this run of the server draws RAND()'s session seeds, UUID() and UUID_SHORT() from. */
    ServerRandom random() {
        if (random == null) {
            random = new ServerRandom(serverId(), startedAt);
        }
        return random;
    }

    // --- lifecycle

    /**
     * Starts the server as mysqld does: server variables from the option file, plugins from
     * mysql.plugin and plugin-load-add, then the plugins' own options; an unknown variable without
     * {@code loose-} aborts the start with MySQL's error-log lines.
     */
    public NodeState start() {
        return start(List.of());
    }

    /** COM_REGISTER_SLAVE received since this process started: Slave_connections (sql_parse.cc dispatch_command). */
    private long replicaRegistrations;
    /** Every connection's MASTER_GTID_WAIT counters since this process started: their GLOBAL status. */
    private final GtidWaitCounters gtidWaits = new GtidWaitCounters();
    /** This run's seeds, UUID() and UUID_SHORT(), from its start (null until a statement asks). */
    private ServerRandom random;

    GtidWaitCounters gtidWaits() {
        return gtidWaits;
    }

    /** A replica registered before asking for its dump. */
    public void replicaRegistered() {
        replicaRegistrations++;
    }

    long replicaRegistrations() {
        return replicaRegistrations;
    }

    /**
     * Starts the server: options, plugins, then the binary log, recovered first when the last run crashed
     * ({@link #recover}: {@code prepared} are the transactions it left prepared), then a new log file.
     */
    public NodeState start(List<io.semisyncsim.binlog.Transaction> prepared) {
        if (!state.canStart()) {
            throw new IllegalStateException(name + " is already running");
        }
        boolean firstStart = startedAt < 0;
        boolean crashed = state == NodeState.CRASHED;
        state = NodeState.STOPPED; // a failure below is this start's own
        startedAt = clock.getAsLong();
        random = null;
        replicaRegistrations = 0;
        gtidWaits.reset();
        threads.restart();
        ackReceiverThread = 0;
        ackReceiverStopped = false; // a new process: a receiver starts when semisync is enabled
        currentThread = 0;
        skippedErrors = 0; // a status counter of this process
        connectionStatus.restart();
        variables = new SystemVariables(flavor);
        flavor.systemVariables().values().forEach(variables::define);
        variables.put(variables.find("server_id"), Long.toString(defaultServerId));
        // Every node is started with log-bin, as the real harness starts each (BinlogOption): ON whatever the
        // flavour's default without it (MariaDB and 5.7 OFF).
        variables.put(variables.find("log_bin"), "ON");
        if (variables.find("server_uuid") != null) {
            variables.put(variables.find("server_uuid"), uuid);
        }
        for (String name : List.of("gtid_executed", "gtid_purged", "gtid_binlog_pos", "gtid_binlog_state",
                "gtid_current_pos", "gtid_slave_pos")) {
            variables.compute(name, () -> gtids.variable(name));
        }
        if (!flavor.skipCounterTakenAtStart()) { // MariaDB's reads the connection's own (Skip_Counter)
            variables.compute(StatementExecutor.SKIP_COUNTER, () -> Long.toString(channel().skipCounter()));
        }
        plugins.clearActive();
        errorLog.log("server-starting", "version", versionString(), "pid", 1000 + defaultServerId,
                "revision", hex(uuid, 40), "uid", hex(uuid, 27));

        List<OptionFile.Option> pending = new ArrayList<>();
        List<String> loadAdd = new ArrayList<>();
        for (OptionFile.Option o : optionFile.options()) {
            if (o.name().equals("plugin_load_add") || o.name().equals("plugin_load")) {
                loadAdd.add(o.value());
            } else if (BinlogOption.is(o)) { // the scenario reader refuses it first
                throw new IllegalArgumentException(name + ": "
                        + BinlogOption.notModelled(o, flavor.eventSizes().basename() + ".000001"));
            } else if (!applyOption(o, variables.named(o.name()))) {
                pending.add(o);
            }
        }
        if (state == NodeState.FAILED_TO_START) {
            return abort();
        }
        for (var row : plugins.mysqlPluginTable().entrySet()) {
            loadAtStart(row.getKey(), row.getValue());
        }
        for (String spec : loadAdd) {
            for (String item : spec.split(";")) {
                String[] parts = item.strip().split("=", 2);
                if (parts.length == 2) {
                    loadAtStart(parts[0].strip(), parts[1].strip());
                } else if (!parts[0].isEmpty()) {
                    List<String> held = flavor.library(parts[0]);
                    for (String plugin : held == null ? List.of(parts[0]) : held) {
                        loadAtStart(held == null ? null : plugin, parts[0]);
                    }
                }
            }
        }
        // Compiled-in plugins and server parts start after the loaded ones: MariaDB's semisync logs its
        // start (with semisync enabled in the option file) after plugin-load-add's failures. SHOW PLUGINS
        // still lists them first, as registered (PluginRegistry.all).
        for (var builtin : flavor.builtinPlugins()) {
            activate(builtin, true);
        }
        SysVarDef skip = variables.find("slave_skip_errors");
        skipErrors = skip == null ? SkipErrors.NONE : SkipErrors.parse(variables.get(skip.name()));
        if (skip != null) {
            variables.put(skip, skipErrors.shown()); // kept as the server keeps it: the numbers, ascending
        }
        for (OptionFile.Option o : pending) {
            SysVarDef def = variables.named(o.name());
            if (def != null) {
                continue; // applied when its plugin was initialised
            }
            if (o.loose()) {
                errorLog.log("unknown-variable-loose", "option", o.asWritten());
            } else {
                errorLog.log("unknown-variable", "option", o.asWritten());
                state = NodeState.FAILED_TO_START;
            }
        }
        if (state == NodeState.FAILED_TO_START) {
            return abort();
        }
        // The binary log opens after the plugins (init_server_components: plugin_init, then tc_log->open),
        // recovering first if the last run crashed with it open.
        if (binlogInUse) {
            recover(prepared);
            binlogInUse = false;
        }
        if (!firstStart) {
            gtids.restarted(binlog); // read back from what the binary log holds now, before its next file opens
            binlog.openNextFile(); // every start opens a new binary log file (MYSQL_BIN_LOG::open_binlog)
            channel.processStarted();
            if (channel.isConfigured()) {
                channel.relayLogOpenedAtStart(); // and a replica a new relay log (Relay_log_info::init -> open_binlog)
            }
        }
        for (var p : persisted.entrySet()) {
            SysVarDef def = variables.find(p.getKey());
            if (def != null) {
                variables.put(def, p.getValue());
            }
        }
        state = NodeState.RUNNING;
        for (var d : flavor.threadStyle().daemons()) {
            threads.daemon(d.id(), d.user(), d.host(), d.command(), d.state(), startedAt);
        }
        return state;
    }

    /** The ready line, once the start's own work (replication threads included) is done. */
    public void ready() {
        errorLog.log("server-ready", "version", versionString(), "comment", variables.get("version_comment"));
    }

    /** The version as the server prints it: {@code @@version}. */
    private String versionString() {
        return variables.get("version");
    }

    /** A stable hex string of {@code length} characters made from the node's uuid. */
    private static String hex(String uuid, int length) {
        String h = uuid.replace("-", "");
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(h.isEmpty() ? "0" : h);
        }
        return out.substring(0, length);
    }

    private NodeState abort() {
        errorLog.log("aborting");
        plugins.clearActive();
        state = NodeState.FAILED_TO_START;
        return state;
    }

    /**
     * CHANGE MASTER with the replication threads stopped: the channel takes the options given (null:
     * unchanged), its relay logs start over, and the lines of change_master are logged; MariaDB says how
     * the channel positions (Using_Gtid) when that changed or MASTER_USE_GTID was given (measured).
     */
    void changeSource(String host, Integer port, String user, Long connectRetry, Float heartbeatSeconds,
                      Boolean autoPosition, io.semisyncsim.channel.ReplicaChannel.UsingGtid useGtid,
                      io.semisyncsim.binlog.BinlogPosition from) {
        var old = channel.coordinates();
        var usingBefore = channel.usingGtid();
        if (heartbeatSeconds == null && (flavor.heartbeatDefaultAtEveryChange() || host != null || port != null)) {
            heartbeatSeconds = defaultHeartbeatPeriod();
        }
        channel.configure(host, port, user, connectRetry, heartbeatSeconds, autoPosition, useGtid, from);
        var now = channel.coordinates();
        errorLog.log("change-source-connection");
        errorLog.log("change-source", "old_host", old.host(), "old_port", old.port(), "old_file", old.file(),
                "old_pos", old.pos(), "host", now.host(), "port", now.port(), "file", now.file(), "pos", now.pos());
        // Logged at every CHANGE MASTER, unless the mode was and stays No (measured on 10.11.19)
        var no = io.semisyncsim.channel.ReplicaChannel.UsingGtid.NO;
        if (usingBefore != no || channel.usingGtid() != no) {
            errorLog.log("change-source-gtid", "old", usingBefore.shown(), "new", channel.usingGtid().shown());
        }
    }

    /**
     * Replica threads are about to start (START SLAVE, or a configured replica's start): where both are
     * stopped, MariaDB drops a GTID channel's relay logs first (slave.cc start_slave_threads).
     */
    public void replicaThreadsStarting(boolean ioRunning, boolean sqlRunning) {
        if (!ioRunning && !sqlRunning && flavor.gtidStartPurgesRelayLogs()) {
            channel.threadsStartingByGtid();
        }
    }

    /**
     * RESET SLAVE [ALL] with the replication threads stopped: the relay logs and positions go (and with
     * ALL the connection settings); MariaDB logs the two info files it deletes (sql_repl.cc reset_slave).
     */
    /** RESET SLAVE [ALL]; true when it turned a positional MariaDB channel to gtid_slave_pos (Note 4190). */
    boolean resetReplica(boolean all) {
        // with ALL, a new connection would replicate by GTID again (MariaDB)
        boolean toGtid = channel.reset(all, flavor.sql().resetReplicaUsesGtid(), defaultHeartbeatPeriod());
        channel.clearIoError(); // reset_slave: mi->clear_error(), mi->rli.clear_error()
        channel.clearSqlError();
        for (String file : List.of("master.info", "relay-log.info")) {
            errorLog.log("reset-replica-deleted", "path", flavor.datadir() + file);
        }
        return toGtid;
    }

    /**
     * MASTER_HEARTBEAT_PERIOD's default: half of slave_net_timeout as it is now, taken when CHANGE MASTER or
     * RESET SLAVE sets it, not followed later (sql_repl.cc change_master, rpl_mi.cc init_master_log_pos).
     */
    private float defaultHeartbeatPeriod() {
        return (float) Math.min(MAX_HEARTBEAT_PERIOD, variables.getLong("replica_net_timeout") / 2.0);
    }

    /** SLAVE_MAX_HEARTBEAT_PERIOD (rpl_mi.h): the largest MASTER_HEARTBEAT_PERIOD, in seconds. */
    public static final long MAX_HEARTBEAT_PERIOD = 4294967L;

    /** Whether this replica logs what its SQL thread applies (log_slave_updates / log_replica_updates). */
    public boolean logsReplicatedUpdates() {
        if (variables != logUpdatesFrom) { // read-only: it changes only with a start's new variables
            logUpdatesFrom = variables;
            logUpdates = variables != null && variables.find("log_replica_updates") != null
                    && variables.getBool("log_replica_updates");
        }
        return logUpdates;
    }

    /**
     * FLUSH STATUS's reset, whether a client runs it or the SQL thread applies it from the binary log:
     * each plugin zeroes the counters its flavour's server resets (mysqld.cc refresh_status ->
     * sql_show.cc reset_status_vars), and the aborted connection counters go back to 0. The server's other
     * counters the model keeps are not reset there.
     */
    public void refreshStatus() {
        for (Plugin p : plugins.behaviours()) {
            p.flushStatus();
        }
        connectionStatus.flush();
    }

    private SystemVariables logUpdatesFrom;
    private boolean logUpdates;

    /**
     * Whether applying {@code trx} writes it to this server's binary log: with log_slave_updates, unless this
     * server logs it in rows and none of its statements changed a row here. MariaDB then writes nothing at all
     * (measured on 10.11.18: gtid_slave_pos moves, gtid_binlog_pos does not); MySQL writes an empty group for
     * a GTID it owns, and nothing for an anonymous one (binlog.cc MYSQL_BIN_LOG::gtid_end_transaction).
     */
    private boolean logsReplicated(io.semisyncsim.binlog.Transaction trx, boolean asRows,
                                   io.semisyncsim.binlog.Transaction.Logging applier) {
        if (!logsReplicatedUpdates()) {
            return false;
        }
        if (trx.query() != null || trx.changes().isEmpty() || applier.statements() && !asRows
                || trx.gtid() != null && flavor.sql().replicaLogsEmptyGtidGroups()) {
            return true;
        }
        for (io.semisyncsim.binlog.Transaction.RowChange change : trx.changes()) {
            if (change.changesRow()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SQL thread's commit of a replicated transaction: skipped when its GTID is executed here
     * already (MySQL), else applied to the data and, with log_slave_updates, written to this server's
     * binary log with its source's GTID, where dump threads read it at once ({@code asRows}, {@code annotated}:
     * what it arrived as, {@link io.semisyncsim.binlog.BinaryLog#writeReplicated}; {@code applier}: the SQL
     * thread's own session values). Returns whether it was applied; an error (MariaDB's strict mode) stops
     * the SQL thread.
     */
    public boolean applyReplicated(io.semisyncsim.binlog.Transaction trx, boolean asRows, boolean annotated,
                                   io.semisyncsim.binlog.Transaction.Logging applier) throws SqlError {
        if (gtids.executedAlready(trx)) {
            return false;
        }
        boolean logged = logsReplicated(trx, asRows, applier);
        beforeReplicatedCommit(trx, logged);
        store.apply(trx);
        if (logged) {
            // a statement in the applier's format; row events as they came (asRows, annotated:
            // replicate_annotate_row_events, measured on MariaDB 10.11.19)
            binlog.writeReplicated(trx, asRows, annotated, applier);
            binlog.publishWritten();
            binlog.markSynced();
            replication.binlogWritten();
        }
        gtids.replicated(trx, logged);
        return true;
    }

    /**
     * Whether the SQL thread commits {@code trx} through group commit rather than at once: it is logged
     * here (log_slave_updates) and a commit observer acts on commits, as an enabled semisync source does,
     * which holds it for an ACK of its own replicas as it holds a client's commit (measured on MariaDB
     * 10.11.18: the SQL thread in "Waiting for semi-sync ACK from slave", then the timeout's switch-off;
     * MySQL's ordered_commit runs the same after_sync and after_commit hooks for the applier's commits,
     * semisync_source_plugin.cc repl_semi_report_binlog_sync). Otherwise the model logs it at once,
     * without group commit's costs ({@link #applyReplicated}).
     */
    public boolean commitsAppliedThroughGroupCommit(io.semisyncsim.binlog.Transaction trx, boolean asRows,
                                                    io.semisyncsim.binlog.Transaction.Logging applier) {
        if (!logsReplicated(trx, asRows, applier)) {
            return false;
        }
        List<CommitObserver> observers = plugins(CommitObserver.class);
        for (int i = 0; i < observers.size(); i++) {
            if (observers.get(i).actsOnCommits()) {
                return !gtids.executedAlready(trx); // one it skips is not committed at all
            }
        }
        return false;
    }

    /**
     * What the SQL thread does before it commits a replicated transaction: the statement's own effects
     * (FLUSH STATUS, FLUSH RELAY LOGS) and, when it is logged, MariaDB's strict-mode check.
     */
    public void beforeReplicatedCommit(io.semisyncsim.binlog.Transaction trx, boolean logged) throws SqlError {
        if (trx.query() != null && trx.query().effect() == Refresh.STATUS) {
            refreshStatus(); // the SQL thread runs FLUSH STATUS as a client would (sql_reload.cc reload_acl_and_cache)
        } else if (trx.query() != null && trx.query().effect() == Refresh.RELAY_LOG) {
            rotateRelayLog(); // and FLUSH RELAY LOGS: its own relay log rotates (flush_relay_logs_cmd)
        }
        if (logged) {
            gtids.beforeLogging(trx);
        }
    }

    /**
     * Crash recovery, at every start after a crash: the last binlog still carries its in-use flag, so the
     * server scans it and hands the engines their XA recovery with a commit list, which logs its start and
     * end whether or not anything was left prepared (MySQL binlog.cc open_binlog, binlog/recovery.cc,
     * xa.cc ha_recover; MariaDB log.cc TC_LOG_BINLOG::open and recover, handler.cc ha_recover). What
     * becomes of the prepared transactions is {@link BinlogRecovery}'s: committed, as MySQL and MariaDB
     * do; a MariaDB server started with {@code --init-rpl-role=SLAVE} (MDEV-21117, log.cc
     * Recovery_context) rolls back the unacknowledged tail and cuts it from the binlog
     * (truncate_and_remove_binlogs, which logs the cut after ha_recover's lines), so the GTID state read
     * back after it lacks them.
     */
    private void recover(List<io.semisyncsim.binlog.Transaction> prepared) {
        errorLog.log("crash-recovery-binlog", "name", flavor.eventSizes().basename());
        errorLog.log("crash-recovery-start");
        SysVarDef role = variables.find("init_rpl_role");
        boolean truncate = role != null && "SLAVE".equals(variables.get(role.name()));
        if (!prepared.isEmpty()) {
            errorLog.log("crash-recovery-prepared", "count", prepared.size());
        }
        BinlogRecovery.Decision d = BinlogRecovery.decide(prepared.isEmpty() ? List.of() : binlog.transactions(),
                prepared, truncate);
        lastRecovery = d;
        for (io.semisyncsim.binlog.Transaction t : d.commit()) {
            store.apply(t);
            gtids.committed(t); // committed by recovery: executed from now on
        }
        errorLog.log("crash-recovery-end");
        if (d.truncateFrom() != null) {
            var cut = binlog.truncateFrom(d.truncateFrom());
            errorLog.log("binlog-truncated", "file", "./" + cut.file(), "size", cut.sizeBefore(), "pos",
                    cut.pos(), "gtid", d.truncateFrom().gtid());
        }
    }

    private BinlogRecovery.Decision lastRecovery;

    /** What the last crash recovery did with the prepared transactions (null: none ran yet). */
    public BinlogRecovery.Decision lastRecovery() {
        return lastRecovery;
    }

    /** Process gone at once: no shutdown, nothing logged. Installed plugins stay in mysql.plugin. */
    public void crash() {
        state = NodeState.CRASHED;
        binlogInUse = true;
        plugins.clearActive();
        threads.restart();
    }

    /** A clean shutdown's first phase stops the plugins' threads (the semisync ACK receiver). */
    public void stopPluginThreads() {
        for (Plugin p : plugins.behaviours()) {
            p.shutdown();
        }
    }

    /** The end of a clean shutdown: the binlog file closed with its Stop event, the last line. */
    public void shutdown() {
        binlog.closeCleanly();
        errorLog.log("shutdown-complete", "version", versionString(), "comment", variables.get("version_comment"));
        plugins.clearActive();
        threads.restart();
        state = NodeState.STOPPED;
    }

    /**
     * Applies one option-file setting to a known variable, as my_getopt reads it ({@link OptionValue}): a
     * value it refuses ends the start. What it prints goes to mysqld's standard error, not the error log.
     * Returns false when the variable is unknown.
     */
    private boolean applyOption(OptionFile.Option o, SysVarDef def) {
        if (def == null) {
            return false;
        }
        if (!(OptionValue.read(flavor, def, o.value()) instanceof OptionValue.Taken taken)) {
            state = NodeState.FAILED_TO_START;
            return true;
        }
        try {
            variables.put(def, variables.validate(def, taken.input()).canonical());
        } catch (SqlError e) {
            throw new IllegalStateException("an option value my_getopt took, SET refused: " + o, e);
        }
        return true;
    }

    /** dlerror() for a missing library, its path prefix trimmed (sql_plugin.cc plugin_dl_add). */
    private static final String NO_LIBRARY = "cannot open shared object file: No such file or directory";

    /** plugin-load-add or mysql.plugin at start: a failure is logged and the server goes on. */
    private void loadAtStart(String pluginName, String library) {
        try {
            if (pluginName == null) {
                throw flavor.error(1126, flavor.pluginDir() + library, 2, NO_LIBRARY);
            }
            load(pluginName, library); // plugin-load-add does not write mysql.plugin
        } catch (SqlError e) {
            if (e.code() == 1126) {
                errorLog.log("plugin-open-failed", "path", flavor.pluginDir() + library, "error", NO_LIBRARY);
            }
            if (pluginName == null) {
                errorLog.log("plugin-load-failed-library", "library", library);
            } else {
                errorLog.log("plugin-load-failed", "plugin", pluginName, "library", library);
            }
        }
    }

    // --- plugins

    /** INSTALL PLUGIN after the privilege check: load it, and remember it in mysql.plugin for restarts. */
    List<Warning> install(String pluginName, String library) throws SqlError {
        List<Warning> warnings = load(pluginName, library);
        plugins.remember(plugins.find(pluginName).descriptor().name(), library);
        return warnings;
    }

    /** The checks and steps of loading a plugin, in sql_plugin.cc plugin_add's order. */
    private List<Warning> load(String pluginName, String library) throws SqlError {
        if (!"YES".equals(variables.get("have_dynamic_loading"))) {
            throw flavor.error(1289, "plugin", "HAVE_DLOPEN");
        }
        if (plugins.find(pluginName) != null) { // MySQL's ER_UDF_EXISTS, MariaDB's ER_PLUGIN_INSTALLED
            throw flavor.error("plugin-installed", pluginName);
        }
        List<String> held = flavor.library(library);
        if (held == null) {
            throw flavor.error(1126, variables.get("plugin_dir") + library, 2, NO_LIBRARY);
        }
        PluginDescriptor descriptor = held.stream().anyMatch(pluginName::equalsIgnoreCase)
                ? flavor.loadablePlugins().get(held.stream().filter(pluginName::equalsIgnoreCase).findFirst().get())
                : null;
        if (descriptor == null) {
            throw flavor.error(1127, pluginName);
        }
        if (descriptor.conflictsWith() != null && plugins.find(descriptor.conflictsWith()) != null) {
            throw flavor.error(4045, descriptor.name(), descriptor.conflictsWith());
        }
        activate(descriptor, false);
        List<Warning> warnings = new ArrayList<>();
        if (descriptor.deprecatedBy() != null) {
            String text = flavor.errorText(1287, descriptor.name(), descriptor.deprecatedBy());
            warnings.add(new Warning("Note", 1287, text));
            errorLog.log("deprecated-plugin", "plugin", descriptor.name(), "replacement", descriptor.deprecatedBy());
        }
        return warnings;
    }

    /** Defines the plugin's variables, applies option-file settings for them, and starts its behaviour. */
    private void activate(PluginDescriptor descriptor, boolean builtin) {
        for (SysVarDef def : flavor.pluginVariables(descriptor)) {
            variables.define(def);
            for (OptionFile.Option o : optionFile.options()) {
                if (o.name().equals(def.name())) {
                    applyOption(o, def); // option files are read again at INSTALL PLUGIN, as mysqld does
                }
            }
        }
        PluginFactory factory = factories.get(descriptor.kind());
        Plugin behaviour = factory == null ? null
                : factory.create(new PluginContext(name, flavor, descriptor, variables, errorLog::log, clock,
                        (waiter, semisync) -> releaser.released(waiter, semisync), pluginThreads));
        plugins.add(new PluginRegistry.Active(descriptor, behaviour, builtin));
    }

    void uninstall(String pluginName) throws SqlError {
        PluginRegistry.Active plugin = plugins.find(pluginName);
        if (plugin == null) {
            throw flavor.error(1305, "PLUGIN", pluginName);
        }
        if (plugin.builtin()) {
            throw flavor.error(1619);
        }
        if (plugin.behaviour() != null) {
            String blocker = plugin.behaviour().uninstallBlocker();
            if (blocker != null) {
                throw flavor.error(1883, plugin.descriptor().name(), blocker);
            }
            plugin.behaviour().deinit();
        }
        for (SysVarDef def : flavor.pluginVariables(plugin.descriptor())) {
            variables.undefine(def.name());
        }
        plugins.remove(pluginName);
        plugins.forget(plugin.descriptor().name());
    }

    // --- statements

    /** Runs one statement as {@code account} on a connection of its own (autocommit). */
    public StatementResult execute(Account account, String sql) {
        return execute(account, sql, new Session());
    }

    /**
     * Runs one statement as {@code account} in {@code session}; a bad statement gets MySQL's error and
     * changes nothing. A committing statement answers {@link StatementResult.CommitNeeded}. The account
     * is looked up in this node's user table now (1045 when it has no such user). A statement ending in
     * {@code \G} answers a result set marked for vertical output. A session whose caller set no
     * connection id gets the next of this node's counter at its first statement.
     */
    /** The binlog dump threads serving replicas now. */
    public DumpRegistry dumps() {
        return dumps;
    }

    /** What a client that connects now gets when nothing listens (CR_CONN_HOST_ERROR). */
    public StatementResult.Failed connectionRefused() {
        return new StatementResult.Failed(new SqlError(2003, "HY000",
                "Can't connect to MySQL server on '" + name + ":3306' (111)"));
    }

    public StatementResult execute(Account account, String sql, Session session) {
        if (session.connectionId() == 0) {
            session.setConnectionId(++lastConnectionId);
        }
        return executor.execute(account, sql, session);
    }

    // --- what scenarios and reports read (at quiescent instants)

    public String name() {
        return name;
    }

    /**
     * @@global.server_id: the harness's number unless the option file or SET GLOBAL changed it (the real
     * harness writes the scenario's options after its own server-id line). Read again only after a change.
     */
    public long serverId() {
        SystemVariables vars = variables;
        if (vars != null && (vars != serverIdFrom || vars.changes() != serverIdChanges)) {
            serverIdFrom = vars;
            serverIdChanges = vars.changes();
            serverId = vars.getLong("server_id");
        }
        return serverId;
    }

    public Flavor flavor() {
        return flavor;
    }

    public NodeState state() {
        return state;
    }

    public ErrorLog errorLog() {
        return errorLog;
    }

    /** Null when the node is not running (variables do not exist then). */
    public SystemVariables variables() {
        return state == NodeState.RUNNING ? variables : null;
    }

    /**
     * SHOW STATUS's order: by name, case aside (sql_show.cc show_var_cmp), but the members of an array keep
     * the order they are declared in, as MariaDB's Binlog_* group commit counters (measured on 10.11.19).
     */
    private static final java.util.Comparator<String> STATUS_ORDER = (a, b) -> {
        int ia = CommitCoordinator.binlogStatusIndex(a);
        int ib = CommitCoordinator.binlogStatusIndex(b);
        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : String.CASE_INSENSITIVE_ORDER.compare(a, b);
    };

    /** Every status variable, server's and plugins', by name: SHOW GLOBAL STATUS. */
    public SortedMap<String, String> status() {
        return status(null);
    }

    /** SHOW SESSION STATUS of {@code session} (a connection's own counters where a variable has them); null: GLOBAL. */
    public SortedMap<String, String> status(Session session) {
        SortedMap<String, String> all = new TreeMap<>(STATUS_ORDER);
        if (state != NodeState.RUNNING) {
            return all;
        }
        all.put("Uptime", Long.toString((clock.getAsLong() - startedAt) / 1_000_000L));
        if (flavor.binlogGroupCommitStatus()) {
            all.putAll(commitStatus.get());
        }
        ReplicationStatusVariables.addTo(all, this, session);
        recordLocks.addStatusTo(all);
        connectionStatus.addStatusTo(all, session, flavor.connectionStatus());
        for (Plugin p : plugins.behaviours()) {
            all.putAll(p.status());
        }
        return all;
    }

    /**
     * PLUGIN_STATUS of a plugin (ACTIVE, or DISABLED for one the server has but did not start), or null
     * when it is not installed.
     */
    public String pluginStatus(String pluginName) {
        PluginRegistry.Active plugin = state == NodeState.RUNNING ? plugins.find(pluginName) : null;
        return plugin == null ? null : plugin.descriptor().status();
    }

    /**
     * Every installed plugin behaviour of the given type, in load order: the server asks each at every
     * hook (rpl_handler.cc FOREACH_OBSERVER), so a plugin uninstalled meanwhile is not asked again.
     */
    public <T> List<T> plugins(Class<T> type) {
        return plugins.ofType(type);
    }

    /** The first installed plugin behaviour of the given type (a class or an observer interface), or null. */
    public <T> T plugin(Class<T> type) {
        List<T> all = plugins.ofType(type); // the registry's per-type list, kept until the plugins change
        return all.isEmpty() ? null : all.get(0);
    }

    // --- package-private, for the executor

    PluginRegistry plugins() {
        return plugins;
    }

    SortedMap<String, String> persisted() {
        return persisted;
    }

    /** The server's threads as plugins use them (the ACK receiver, code run as no thread). */
    private final io.semisyncsim.server.plugin.PluginThreads pluginThreads = new io.semisyncsim.server.plugin.PluginThreads() {
        @Override
        public void asNoThread(Runnable code) {
            runAs(0, code);
        }

        @Override
        public void startAckReceiver() {
            ackReceiverThread = flavor.threadStyle().ackReceiverHasId()
                    ? threads.openUnlisted(Threads.Kind.BACKGROUND, clock.getAsLong()).id() : 0;
            ackReceiverStopped = false;
            ackReceiverStarted.run();
        }

        @Override
        public void stopAckReceiver() {
            threads.close(ackReceiverThread);
            ackReceiverThread = 0;
            ackReceiverStopped = true;
        }

        @Override
        public void asAckReceiver(Runnable code) {
            runAs(ackReceiverThread, code);
        }
    };
}
