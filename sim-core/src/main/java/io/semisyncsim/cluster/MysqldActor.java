package io.semisyncsim.cluster;

import akka.actor.Cancellable;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.Signal;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.GroupCommit;
import io.semisyncsim.binlog.Timing;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.channel.GtidDump;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.net.NetworkActor;
import io.semisyncsim.net.Packet;
import io.semisyncsim.replication.BinlogDumpThread;
import io.semisyncsim.replication.IoThread;
import io.semisyncsim.replication.Protocol;
import io.semisyncsim.replication.SqlThread;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.CommitCoordinator;
import io.semisyncsim.server.ConnectionControl;
import io.semisyncsim.server.DumpRegistry;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.Session;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.SystemVariables;
import io.semisyncsim.server.Threads;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.server.plugin.CommitObserver;
import io.semisyncsim.server.plugin.RelayIoObserver;
import io.semisyncsim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The actor of one mysqld: a dispatcher. The commit path ({@link CommitCoordinator}), the source's dump
 * threads and ACK receiver ({@link DumpRegistry}), the replica's I/O and SQL threads ({@link ReplicaThreads}
 * and their child actors) live in plain classes; this shell turns messages into calls on them and their
 * effects into messages and timers, and still holds the client connections, KILL and the shutdown
 * sequence itself.
 */
public final class MysqldActor extends AbstractBehavior<MysqldActor.Command>
        implements ConnectionControl, CommitCoordinator.Effects {

    public sealed interface Command {
    }

    /** A client statement on connection {@code session}; the reply carries the client's correlation id. */
    public record Execute(long id, long session, Account account, String sql, ActorRef<Executed> replyTo)
            implements Command {
    }

    public record Executed(long id, StatementResult result) {
    }

    /** An autocommit INSERT of these rows on connection {@code session} (a commit or workload step). */
    public record Commit(long id, long session, List<Transaction.RowChange> changes, ActorRef<Committed> replyTo)
            implements Command {
    }

    /**
     * The commit's outcome: OK (with the binlog end and the source's transaction number), or not (the
     * connection lost, or {@code error}, e.g. 1062 for a key that exists). {@code semisync}: it was
     * acknowledged by a replica before the client got OK.
     */
    public record Committed(long id, boolean ok, long trx, BinlogPosition end, boolean semisync, SqlError error) {
    }

    /** The client closes connection {@code session} (COM_QUIT). */
    public record CloseSession(long session) implements Command {
    }

    /**
     * The process dies at once, with no shutdown. A process crash (kill -9, a fatal signal): the OS
     * closes its sockets and keeps what it wrote to its files. With {@code powerLoss} the machine goes:
     * its peers hear nothing, and what was not fsynced of the binlog and relay log is gone.
     */
    public record Crash(boolean powerLoss) implements Command {
    }

    /** Start (or restart after a crash or a shutdown), reading the option file again. */
    public record Start() implements Command {
    }

    /** The start's last part: the "ready for connections" line, then a replica's SQL thread. */
    private record Ready(boolean startSqlThread) implements Command {
    }

    /** A clean shutdown (SIGTERM, or SHUTDOWN from {@code initiatedBy}). */
    public record Shutdown(String initiatedBy) implements Command {
    }

    /** A slow disk: every fsync on this node (binlog and relay log) costs {@code fsyncMicros}. */
    public record SlowDisk(long fsyncMicros) implements Command {
    }

    /** A group-commit stage's time is up; {@code owner}: the coordinator that scheduled it (a crash drops it). */
    private record StageDone(CommitCoordinator owner, GroupCommit.Stage stage) implements Command {
    }

    private record FromNetwork(Packet packet) implements Command {
    }

    /** The I/O thread's news for the SQL thread, routed to whichever SQL thread runs now. */
    private record ForSqlThread(SqlThread.Command command) implements Command {
    }

    /** A plugin let a held commit go. Delivered as a message so a plugin never re-enters group commit. */
    private record Released(long waiter, boolean semisync) implements Command {
    }

    private record DeadlinePassed(long waiter) implements Command {
    }

    /** The dump thread on {@code connection} failed to flush an event that asks for an ACK. */
    public record DumpNetFlushFailed(long connection) implements Command {
    }

    /** The second phase of a clean shutdown: dump threads killed. */
    private record ShutdownEnd() implements Command {
    }

    /** The last phase of a clean shutdown: connections still open are closed by force, the process ends. */
    private record ShutdownRemaining() implements Command {
    }

    /** What a node actor is given by its cluster. */
    public record Context(Mysqld server, Trace trace, ActorRef<NetworkActor.Command> network, Timing timing,
                          ToLongFunction<String> serverIdOf) {
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> new MysqldActor(ctx, c));
    }

    /** A client connection: its thread, its open transaction, and the statement it waits on. */
    private static final class Connection {
        final Threads.Thread thread;
        final Session session = new Session();
        /** The request the client waits on (a statement or a commit), or null. */
        Object waiting;
        /** KILL CONNECTION: the client has its error; the server side may still be finishing a commit. */
        boolean killed;
        /** MySQL's shutdown flagged it (Set_kill_conn): it ends when its statement is done. */
        boolean closeAfterStatement;

        Connection(Threads.Thread thread) {
            this.thread = thread;
            session.setConnectionId(thread.id()); // CONNECTION_ID() is the process list's Id
        }
    }

    /** A statement whose answer waits for its commit (or, for a DDL's implicit commit, to run again after it). */
    private record SqlCommit(Execute statement, StatementResult.CommitNeeded commit) {
    }

    private final Context c;
    private final Mysqld server;
    /** I/O threads told to stop that have not ended yet, and the STOP SLAVE answers waiting for them. */
    private final ActorRef<Packet> inbox;
    private final ActorRef<SqlThread.Command> toSqlThread;
    private final ActorRef<BinlogDumpThread.NetFlushFailed> dumpNetFlushFailed;
    private final Map<Long, Connection> connections = new TreeMap<>();
    private final Map<Long, Cancellable> deadlines = new TreeMap<>();
    /** The source's dump threads: the server's own list, which the invariants read too. */
    private final DumpRegistry dumps;
    private final Map<Long, ActorRef<BinlogDumpThread.Command>> dumpActors = new TreeMap<>();
    /** Threads of connections that have not asked for a dump yet (a replica's handshake), by connection. */
    private final Map<Long, Threads.Thread> pendingReplicas = new TreeMap<>();
    private CommitCoordinator commits;
    /** The replica's I/O and SQL thread actors (START/STOP SLAVE, supervision). */
    private final ReplicaThreads replicas;
    private long generation;
    private long transactions;
    /** Prepared transactions a crash left in the synced binlog: crash recovery decides their fate. */
    private final List<Transaction> toRecover = new ArrayList<>();
    /** A slow disk's fsync cost, or -1 for the configured ones. */
    private long slowFsync = -1;
    private boolean shuttingDown;
    /** The variables (and their change count) the binlog settings were last taken from. */
    private SystemVariables settingsFrom;
    private long settingsChanges = -1;

    private MysqldActor(ActorContext<Command> ctx, Context c) {
        super(ctx);
        this.c = c;
        this.server = c.server();
        this.dumps = server.dumps();
        this.inbox = ctx.messageAdapter(Packet.class, FromNetwork::new);
        this.toSqlThread = ctx.messageAdapter(SqlThread.Command.class, ForSqlThread::new);
        this.dumpNetFlushFailed = ctx.messageAdapter(BinlogDumpThread.NetFlushFailed.class,
                f -> new DumpNetFlushFailed(f.connection()));
        this.replicas = new ReplicaThreads(this::spawnIoThread, this::spawnSqlThread, this::published);
        server.setReplicationControl(replicas);
        server.setConnectionControl(this);
        server.setWaitReleaser((waiter, semisync) -> ctx.getSelf().tell(new Released(waiter, semisync)));
    }

    @Override
    public Receive<Command> createReceive() {
        // Dispatch methods rather than the ReceiveBuilder, which allocates on every message: mysqld
        // handles a few per commit (docs/PERFORMANCE.md). The commit path's messages come first.
        return new Receive<>() {
            @Override
            public Behavior<Command> receiveMessage(Command m) {
                return onCommand(m);
            }

            @Override
            public Behavior<Command> receiveSignal(Signal signal) {
                if (signal instanceof ChildFailed failed) { // a Terminated too: test it first
                    return childFailed(failed);
                } else if (signal instanceof Terminated t) {
                    return childStopped(t);
                }
                return Behaviors.unhandled();
            }
        };
    }

    private Behavior<Command> onCommand(Command m) {
        if (m instanceof Commit commit) {
            return commit(commit);
        } else if (m instanceof StageDone done) {
            if (done.owner() == commits) { // not a stage of a coordinator that died in a crash (found by explore too)
                commits.done(done.stage());
            }
        } else if (m instanceof Released r) {
            if (commits != null) {
                commits.released(r.waiter(), r.semisync());
            }
        } else if (m instanceof FromNetwork f) {
            return fromNetwork(f);
        } else if (m instanceof Execute e) {
            return execute(e);
        } else if (m instanceof DeadlinePassed d) {
            deadlines.remove(d.waiter());
            if (commits != null) {
                commits.deadlinePassed(d.waiter());
            }
        } else if (m instanceof ForSqlThread f) {
            replicas.tellSql(f.command());
        } else if (m instanceof CloseSession s) {
            closeSession(s.session());
        } else if (m instanceof DumpNetFlushFailed f) {
            dumpNetFlushFailed(f.connection());
        } else if (m instanceof Crash k) {
            return crash(k.powerLoss());
        } else if (m instanceof Start) {
            return start();
        } else if (m instanceof Ready r) {
            return ready(r);
        } else if (m instanceof Shutdown s) {
            beginShutdown(s.initiatedBy());
        } else if (m instanceof ShutdownEnd) {
            endShutdown();
        } else if (m instanceof ShutdownRemaining) {
            closeRemaining();
        } else if (m instanceof SlowDisk d) {
            slowFsync = d.fsyncMicros();
            settingsFrom = null; // the group commit's fsync cost changed
            c.trace().record(server.name(), "mysqld", "slow-disk", "fsync_us", d.fsyncMicros());
        } else {
            return Behaviors.unhandled();
        }
        return this;
    }

    // --- client connections

    /** The connection of client session {@code session}, opened (a new thread) at its first request. */
    private Connection connection(long session, Account account) {
        Connection conn = connections.get(session);
        if (conn == null) {
            Threads.Thread t = server.threads().open(Threads.Kind.CLIENT, account.user(), "localhost", "Sleep",
                    server.now());
            conn = new Connection(t);
            t.db(conn.session.database());
            connections.put(session, conn);
            server.sessionThreads().put(session, t.id());
        }
        return conn;
    }

    /** The result as the trace's {@code sql} event states it: OK, N rows, ERROR N, or commit. */
    private static String summary(StatementResult r) {
        if (r instanceof StatementResult.Failed f) {
            return "ERROR " + f.error().code();
        }
        if (r instanceof StatementResult.Rows rows) {
            return rows.resultSet().rows().size() + " rows";
        }
        return r instanceof StatementResult.CommitNeeded ? "commit" : "OK";
    }

    private Behavior<Command> execute(Execute e) {
        if (server.state() != NodeState.RUNNING) {
            e.replyTo().tell(new Executed(e.id(), server.execute(e.account(), e.sql(), new Session())));
            return this;
        }
        Connection open = connections.get(e.session());
        if (open != null && (open.killed || closing())) {
            // KILL CONNECTION or a shutdown closed it: the client's next statement finds it gone.
            connections.remove(e.session());
            server.sessionThreads().remove(e.session());
            server.threads().close(open.thread.id());
            e.replyTo().tell(new Executed(e.id(), new StatementResult.Failed(lostConnection())));
            return this;
        }
        if (closing()) { // close_connections closed the listeners first: a new client is refused
            e.replyTo().tell(new Executed(e.id(), server.connectionRefused()));
            return this;
        }
        Connection conn = connection(e.session(), e.account());
        conn.thread.set("Query", "starting", e.sql(), server.now());
        conn.waiting = e;
        int stopsBefore = replicas.stoppingIo();
        StatementResult result = server.callAs(conn.thread.id(), () -> server.execute(e.account(), e.sql(),
                conn.session));
        c.trace().record(server.name(), "connection", "sql", "user", e.account().user(), "sql", e.sql(),
                "result", summary(result));
        conn.thread.db(conn.session.database()); // USE changes what the process list shows
        if (!(result instanceof StatementResult.CommitNeeded commit)) {
            if (conn.waiting == e && replicas.stoppingIo() > 0 && stopsBefore != replicas.stoppingIo()) {
                // STOP SLAVE waits for the I/O thread to end (terminate_slave_thread), which on MariaDB
                // includes killing its dump thread on the source over a connection of its own.
                conn.thread.set("Query", "Killing slave", e.sql(), server.now());
                replicas.whenIoStopped(() -> answer(conn, e, result));
            } else if (conn.waiting == e) { // a KILL of its own connection answered it already
                answer(conn, e, result);
            }
            return this;
        }
        Transaction trx = commit.transaction(++transactions, server.now());
        c.trace().record(server.name(), "connection", "commit.begin", "trx", trx.id());
        commits().submit(trx, new CommitCoordinator.Committer(conn.thread.id(), new SqlCommit(e, commit)));
        return this;
    }

    private void answer(Connection conn, Execute e, StatementResult result) {
        conn.waiting = null;
        conn.thread.set("Sleep", "", null, server.now());
        e.replyTo().tell(new Executed(e.id(), result));
        endIfShutDown(conn);
    }

    /** A connection MySQL's shutdown flagged ends once its statement has its answer (the THD sees killed). */
    private void endIfShutDown(Connection conn) {
        if (conn.closeAfterStatement && !conn.killed) {
            conn.killed = true;
            server.threads().close(conn.thread.id());
        }
    }

    /** Between a clean shutdown's start and the process's end. */
    private boolean closing() {
        return shuttingDown || finishingShutdown;
    }

    private Behavior<Command> commit(Commit m) {
        if (server.state() != NodeState.RUNNING || closing()) {
            // as for a statement: nothing listens, so the client's connect is refused (2003)
            m.replyTo().tell(new Committed(m.id(), false, 0, null, false, server.connectionRefused().error()));
            return this;
        }
        Connection conn = connection(m.session(), Account.ROOT);
        for (Transaction.RowChange change : m.changes()) {
            if (change.kind() == EventType.WRITE_ROWS
                    && server.store().contains(change.table(), change.key())) {
                // The row exists (inserted by SQL, say): the INSERT fails as MySQL's does.
                m.replyTo().tell(new Committed(m.id(), false, 0, null, false,
                        server.flavor().error(1062, Long.toString(change.key()), change.table())));
                return this;
            }
        }
        conn.thread.set("Query", "starting", null, server.now());
        conn.waiting = m;
        Transaction trx = new Transaction(++transactions, null, server.now(), m.changes());
        c.trace().record(server.name(), "connection", "commit.begin", "trx", trx.id());
        commits().submit(trx, new CommitCoordinator.Committer(conn.thread.id(), m));
        return this;
    }

    private void closeSession(long session) {
        Connection conn = connections.get(session);
        if (conn != null && conn.waiting == null) {
            connections.remove(session);
            server.sessionThreads().remove(session);
            server.threads().close(conn.thread.id());
        } else if (conn != null) {
            conn.killed = true; // it goes when its statement is done
        }
    }

    private SqlError lostConnection() {
        return new SqlError(2013, "HY000", server.flavor().product().equals("MariaDB")
                ? "Lost connection to server during query" : "Lost connection to MySQL server during query");
    }

    // --- the commit path (CommitCoordinator's effects)

    private CommitCoordinator commits() {
        if (commits == null) {
            commits = new CommitCoordinator(server, commitSettings(), this);
            settingsFrom = null;
        }
        // sync_binlog, the delay, max_binlog_size, the expiry and the format are dynamic: re-read them when a SET
        // (or a restart's new variables) changed something, not on every commit.
        SystemVariables vars = server.variables();
        if (vars != settingsFrom || vars.changes() != settingsChanges) {
            commits.setSettings(commitSettings());
            server.binlog().setMaxFileSize(vars.getLong("max_binlog_size"));
            server.binlog().setExpiry(binlogExpiryMicros());
            // The global value: every session here takes it when it connects (no SET SESSION binlog_format).
            server.binlog().setFormat(vars.get("binlog_format"));
            settingsFrom = vars;
            settingsChanges = vars.changes();
        }
        return commits;
    }

    /** binlog_expire_logs_seconds, or 5.7's expire_logs_days, in virtual µs (0: never purge). */
    private long binlogExpiryMicros() {
        var vars = server.variables();
        long seconds = vars.find("binlog_expire_logs_seconds") != null
                ? vars.getLong("binlog_expire_logs_seconds") : vars.getLong("expire_logs_days") * 86_400;
        return seconds * 1_000_000;
    }

    private GroupCommit.Settings commitSettings() {
        var vars = server.variables();
        return new GroupCommit.Settings(c.timing().binlogWritePerTransaction(),
                slowFsync >= 0 ? slowFsync : c.timing().binlogFsync(),
                c.timing().engineCommitPerTransaction(), vars.getLong("sync_binlog"),
                vars.find("binlog_group_commit_sync_delay") == null ? 0 : vars.getLong("binlog_group_commit_sync_delay"));
    }

    @Override
    public void schedule(GroupCommit.Work w) {
        getContext().scheduleOnce(VirtualDurations.toDuration(w.micros()), getContext().getSelf(),
                new StageDone(commits, w.stage()));
    }

    @Override
    public void held(long waiter, CommitObserver.Point point, BinlogPosition pos, long deadline) {
        c.trace().record(server.name(), "connection", "commit.wait", "waiter", waiter, "point", point.name(), "pos", pos,
                "deadline", deadline == Long.MAX_VALUE ? null : deadline);
        if (deadline != Long.MAX_VALUE) {
            deadlines.put(waiter, getContext().scheduleOnce(
                    VirtualDurations.toDuration(Math.max(0, deadline - server.now())), getContext().getSelf(),
                    new DeadlinePassed(waiter)));
        }
    }

    @Override
    public void released(long waiter, boolean semisync) {
        c.trace().record(server.name(), "connection", "commit.released", "waiter", waiter, "semisync", semisync);
        Cancellable timer = deadlines.remove(waiter);
        if (timer != null) {
            timer.cancel(); // the timed wait ends early, as cond.timedwait returning on a signal
        }
    }

    @Override
    public void published() {
        for (ActorRef<BinlogDumpThread.Command> dump : dumpActors.values()) {
            dump.tell(new BinlogDumpThread.BinlogAdvanced());
        }
    }

    @Override
    public void visible(Transaction trx) {
        c.trace().record(server.name(), "connection", "commit.visible", "trx", trx.id());
    }

    @Override
    public void answer(CommitCoordinator.Committer committer, Transaction trx, BinlogPosition end, boolean semisync) {
        c.trace().record(server.name(), "connection", "commit.ok", "trx", trx.id(), "end", end, "semisync", semisync);
        Connection conn = connectionOf(committer.thread());
        boolean gone = conn == null || conn.killed;
        if (conn != null && conn.killed) {
            connections.values().remove(conn);
            server.threads().close(conn.thread.id());
        }
        if (committer.reply() instanceof SqlCommit s) {
            if (!gone && s.commit().thenRerun()) {
                getContext().getSelf().tell(s.statement()); // the DDL runs now that its implicit commit is done
            } else if (!gone) {
                answer(conn, s.statement(), s.commit().answer());
            }
            return;
        }
        Commit request = (Commit) committer.reply();
        if (conn != null && !gone) {
            conn.waiting = null;
            conn.thread.set("Sleep", "", null, server.now());
        }
        if (!gone) {
            request.replyTo().tell(new Committed(request.id(), true, trx.id(), end, semisync, null));
            endIfShutDown(conn);
        }
    }

    private Connection connectionOf(long thread) {
        for (Connection conn : connections.values()) {
            if (conn.thread.id() == thread) {
                return conn;
            }
        }
        return null;
    }

    // --- KILL and SHUTDOWN (ConnectionControl)

    /**
     * KILL [QUERY]: a client session's wait is the semisync plugin's to end or not (MariaDB's ends,
     * MySQL's re-waits); KILL CONNECTION also shuts the client's socket, so it gets 2013 at once while
     * the server side finishes its commit. A dump thread ends; a replica thread stops.
     */
    @Override
    public void kill(long thread, boolean queryOnly, long killer) {
        Threads.Thread t = server.threads().find(thread);
        if (t == null) {
            return;
        }
        switch (t.kind()) {
            case CLIENT -> killClient(thread, queryOnly);
            case BINLOG_DUMP -> {
                DumpRegistry.Dump d = dumps.byThread(thread);
                if (d != null) {
                    dumpActors.get(d.connection()).tell(new BinlogDumpThread.Kill(false));
                }
            }
            case REPLICA_IO -> {
                if (replicas.ioThreadRunning()) {
                    replicas.stopIoThread();
                }
            }
            case REPLICA_SQL -> {
                if (replicas.sqlThreadRunning()) {
                    replicas.stopSqlThread();
                }
            }
            default -> {
            }
        }
    }

    private void killClient(long thread, boolean queryOnly) {
        if (commits != null) {
            commits.killed(thread);
        }
        Connection conn = connectionOf(thread);
        if (conn == null || queryOnly) {
            return;
        }
        conn.killed = true;
        boolean busy = conn.waiting != null;
        if (conn.waiting instanceof Execute e) {
            conn.waiting = null;
            e.replyTo().tell(new Executed(e.id(), new StatementResult.Failed(lostConnection())));
        } else if (conn.waiting instanceof Commit m) {
            conn.waiting = null;
            m.replyTo().tell(new Committed(m.id(), false, 0, null, false, lostConnection()));
        }
        if (!busy || commits == null || commits.idle()) {
            conn.thread.set("Killed", "", null, server.now());
        } else {
            // Its thread still works on the commit (MySQL waits on for the ACK): the process list shows
            // the command Killed and the state it is in (THD_ENTER_COND's stage stays until it leaves).
            conn.thread.set("Killed", conn.thread.state(), conn.thread.info(), conn.thread.since());
        }
    }

    @Override
    public void shutdown(String initiatedBy) {
        getContext().getSelf().tell(new Shutdown(initiatedBy));
    }

    /**
     * A clean shutdown (mysqld.cc close_connections): the request is logged; client connections are
     * killed (MariaDB shuts their sockets: a waiting client gets 2013 at once; MySQL only wakes them),
     * the replica threads stop, the ACK receiver stops; the dump threads are killed later, which ends
     * the replicas' streams with an EOF packet; then the process ends.
     */
    private void beginShutdown(String initiatedBy) {
        if (server.state() != NodeState.RUNNING || shuttingDown) {
            return;
        }
        shuttingDown = true;
        // The listening sockets close before any thread is told to end (mysqld.cc close_connections:
        // MariaDB closes its listen_sockets, MySQL calls mysqld_socket_acceptor->close_listener()), so a
        // replica that reconnects meanwhile is refused (2003), not accepted and then dropped (2013).
        c.network().tell(new NetworkActor.StopListening(server.name()));
        c.trace().record(server.name(), "mysqld", "shutdown", "initiated_by", initiatedBy);
        server.runAs(0, () -> server.errorLog().log("shutdown-requested", "user", initiatedBy, "version",
                server.variables().get("version")));
        var style = server.flavor().threadStyle().shutdown();
        // get_thd_count(): every THD, the dump, replica and daemon threads too, as the process list shows them.
        server.runAs(0, () -> server.errorLog().log("shutdown-giving-threads", "count", server.threads().listed().size()));
        for (Connection conn : new ArrayList<>(connections.values())) {
            if (commits != null) {
                commits.shutdownWake(conn.thread.id());
            }
            if (style.clientsLoseConnection()) {
                killClient(conn.thread.id(), false);
            } else if (conn.waiting != null) {
                conn.closeAfterStatement = true; // Set_kill_conn: killed, its socket left open
            }
        }
        server.runAs(0, () -> server.errorLog().log("shutdown-replica-threads"));
        replicas.stopRunning();
        server.stopPluginThreads();
        getContext().scheduleOnce(VirtualDurations.toDuration(style.dumpThreadsAfterMicros()), getContext().getSelf(),
                new ShutdownEnd());
    }

    private void endShutdown() {
        if (!shuttingDown) {
            return;
        }
        boolean dumpsKilled = !dumps.all().isEmpty();
        for (DumpRegistry.Dump d : dumps.all()) {
            ActorRef<BinlogDumpThread.Command> dump = dumpActors.get(d.connection());
            dump.tell(new BinlogDumpThread.Kill(true)); // its stream ends with an EOF packet
        }
        // The dump threads' ends (transmit_stop, remove_slave) are handled as they stop; a commit they
        // release finishes and answers. Threads left then (a dump thread still going, an idle client)
        // get the flavour's last wait before the rest are closed by force.
        boolean threadsLeft = dumpsKilled || connections.values().stream().anyMatch(conn -> !conn.killed);
        long wait = threadsLeft ? server.flavor().threadStyle().shutdown().remainingAfterMicros() : 1;
        getContext().scheduleOnce(VirtualDurations.toDuration(wait), getContext().getSelf(), new ShutdownRemaining());
        shuttingDown = false;
        finishingShutdown = true;
    }

    /**
     * MySQL's Call_close_conn (mysqld.cc close_connections): every connection still open is closed, each
     * with a warning naming its thread and user (a client waiting on a statement gets 2013); then the
     * process ends. MariaDB closed its clients at the start, so nothing is left here.
     */
    private void closeRemaining() {
        if (!finishingShutdown) {
            return;
        }
        List<Connection> left = connections.values().stream().filter(conn -> !conn.killed).toList();
        server.runAs(0, () -> server.errorLog().log("shutdown-disconnecting", "count", left.size()));
        for (Connection conn : left) {
            server.runAs(0, () -> server.errorLog().log("shutdown-forcing-close", "thread", conn.thread.id(),
                    "user", conn.thread.user()));
            killClient(conn.thread.id(), false);
        }
        getContext().getSelf().tell(new Crash(false));
    }

    /** Set between the dump threads' kill and the process's end: the next Crash message is the clean exit. */
    private boolean finishingShutdown;

    // --- source: connections from replicas, dump requests, ACKs

    private Behavior<Command> fromNetwork(FromNetwork m) {
        if (server.state() != NodeState.RUNNING) {
            return this;
        }
        if (m.packet() instanceof Packet.PeerClosed closed) {
            Threads.Thread t = pendingReplicas.remove(closed.connection());
            if (t != null) {
                server.threads().close(t.id());
            }
            return this;
        }
        if (!(m.packet() instanceof Packet.Data d)) {
            return this;
        }
        if (d.payload() instanceof Protocol.Ack ack) {
            ackRead(d.connection(), ack);
        } else if (d.payload() instanceof Protocol.Hello hello) {
            hello(d.connection(), d.from(), hello);
        } else if (d.payload() instanceof Protocol.SetupQuery q) {
            c.network().tell(new NetworkActor.Send(d.connection(), server.name(), new Protocol.SetupReply(q.n())));
        } else if (d.payload() instanceof Protocol.DumpRequest request) {
            dumpRequest(d.connection(), d.from(), request);
        } else if (d.payload() instanceof Protocol.Kill k) {
            Threads.Thread target = server.threads().find(k.thread());
            if (target != null) {
                kill(k.thread(), false, 0);
            }
            c.network().tell(new NetworkActor.Send(d.connection(), server.name(), new Protocol.Killed(target != null)));
        }
        return this;
    }

    /**
     * A replica's handshake: the connection gets a thread (the dump thread it will become), and the
     * replica learns its id, the server's ids and whether semisync's variable exists and is ON.
     */
    private void hello(long connection, String from, Protocol.Hello hello) {
        Threads.Thread t = server.threads().open(Threads.Kind.CLIENT, "repl", from + ":" + (40000 + connection),
                "Connect", server.now());
        pendingReplicas.put(connection, t);
        var vars = server.variables();
        String enabledVar = vars.find("rpl_semi_sync_source_enabled") != null ? "rpl_semi_sync_source_enabled"
                : vars.find("rpl_semi_sync_master_enabled") != null ? "rpl_semi_sync_master_enabled" : null;
        c.network().tell(new NetworkActor.Send(connection, server.name(), new Protocol.Greeting(t.id(),
                server.serverId(), server.uuid(), enabledVar != null, enabledVar != null && vars.getBool(enabledVar))));
    }

    /**
     * COM_BINLOG_DUMP: first the zombie a reconnecting replica left (kill_zombie_dump_threads), then a
     * dump thread on this connection; the semisync plugin decides whether it is semisync.
     */
    private void dumpRequest(long connection, String from, Protocol.DumpRequest request) {
        Threads.Thread t = pendingReplicas.remove(connection);
        if (t == null) {
            t = server.threads().open(Threads.Kind.CLIENT, "repl", from, "Connect", server.now());
        }
        long thread = t.id();
        var style = server.flavor().threadStyle();
        for (DumpRegistry.Dump zombie : dumps.zombiesOf(request.serverId(), request.uuid(), style.zombieByServerId())) {
            if (style.zombieByServerId()) {
                // MariaDB: the zombie is killed and gone before the new dump starts; its registration ends
                // with it. Silently: MariaDB 10.11.18 logs nothing for it, whether or not the zombie wrote
                // to its slave's closed socket meanwhile (measured: STOP SLAVE, [an INSERT,] START SLAVE).
                dumpActors.get(zombie.connection()).tell(new BinlogDumpThread.Kill(false));
                dumpEnded(zombie.connection());
            } else {
                // MySQL: KILL_QUERY, asynchronous: the zombie ends when it next looks, after this dump starts.
                server.runAs(thread, () -> server.errorLog().log("zombie-dump", "uuid", request.uuid(),
                        "thread", zombie.thread()));
                dumpActors.get(zombie.connection()).tell(new BinlogDumpThread.Kill(false));
            }
        }
        t.become(Threads.Kind.BINLOG_DUMP, style.dumpCommand(), style.dumpIdleState(), server.now());
        // A dump by GTID: the source's GTID rules decide where it starts, what it skips, or refuse it.
        GtidDump gtids = request.gtids() == null ? null : server.gtids().dump(request.gtids(), server.binlog());
        BinlogPosition from2 = gtids != null && gtids.error() == null ? gtids.transmitFrom()
                : request.from() != null ? request.from() : new BinlogPosition(server.binlog().files().get(0), 4);
        if (gtids == null || gtids.error() == null || server.flavor().gtidDumpLoggedBeforeChecks()) {
            server.runAs(thread, () -> server.errorLog().log("dump-start", "thread", thread, "server_id",
                    request.serverId(), "requested_file", request.from() == null ? "" : request.from().file(), "pos",
                    request.from() == null ? 4 : request.from().pos(), "using_gtid", gtids == null ? 0 : 1,
                    "gtid", gtids == null ? "" : request.gtids().toString()));
        }
        List<BinlogTransmitObserver> observers = gtids != null && gtids.error() != null ? List.of()
                : server.plugins(BinlogTransmitObserver.class);
        boolean semisync = false;
        for (BinlogTransmitObserver o : observers) {
            semisync |= server.callAs(thread, () -> o.transmitStart(request.serverId(), from2, request.semisync(),
                    server.now()));
        }
        dumps.add(new DumpRegistry.Dump(connection, thread, request.serverId(), request.uuid(), semisync, from));
        if (semisync) {
            // The ACK receiver thread polls every semisync dump's socket (ack_receiver.cc).
            c.network().tell(new NetworkActor.BindReader(connection, server.name(), inbox));
        }
        ActorRef<BinlogDumpThread.Command> dump = getContext().spawn(BinlogDumpThread.create(
                new BinlogDumpThread.Context(server.name(), connection, request, server.binlog(),
                        c.network(), c.trace(), semisync ? () -> server.plugins(BinlogTransmitObserver.class) : null,
                        server::now, dumpNetFlushFailed, gtids)),
                "dump-" + connection + "-" + ++generation);
        getContext().watch(dump);
        dumpActors.put(connection, dump);
    }

    /** The ACK receiver read an ACK on a semisync dump's connection: handleAck with that dump's server_id. */
    private void ackRead(long connection, Protocol.Ack ack) {
        DumpRegistry.Dump d = dumps.get(connection);
        if (d == null || !d.semisync()) {
            return; // the dump ended: remove_slave took its socket out of the poll set
        }
        c.trace().record(server.name(), "ack_receiver", "ack", "replica_server_id", d.serverId(), "pos", ack.pos());
        for (BinlogTransmitObserver o : server.plugins(BinlogTransmitObserver.class)) {
            server.runAs(server.ackReceiverThread(), () -> o.ackReceived(d.serverId(), ack.pos(), server.now()));
        }
    }

    /**
     * A semisync dump's flush for an ACK failed: the plugin logs it as the dump thread, whose stream then
     * ends with the error the server's end_connection reports (sql_repl.cc send_event_to_slave: "Failed
     * to run hook 'after_send_event'"; 5.7/8.0 Binlog_sender::after_send_hook: "Found net error").
     */
    private void dumpNetFlushFailed(long connection) {
        DumpRegistry.Dump d = dumps.get(connection);
        ActorRef<BinlogDumpThread.Command> actor = dumpActors.get(connection);
        if (d == null || actor == null) {
            return; // already ended (killed meanwhile)
        }
        for (BinlogTransmitObserver o : server.plugins(BinlogTransmitObserver.class)) {
            server.runAs(d.thread(), o::netFlushFailed);
        }
        dumps.aborted(connection, "aborted-net-flush");
        dumpEnded(connection);
        getContext().stop(actor);
    }

    /** A dump thread ended: transmit_stop, and a semisync dump's registration ends (remove_slave). */
    private Behavior<Command> dumpEnded(long connection) {
        dumpActors.remove(connection);
        DumpRegistry.Dump d = dumps.remove(connection);
        if (d == null) {
            return this;
        }
        // rpl_binlog_sender.cc: transmit_stop runs for every dump; the plugin tells the kinds apart.
        if (server.state() == NodeState.RUNNING) {
            for (BinlogTransmitObserver o : server.plugins(BinlogTransmitObserver.class)) {
                server.runAs(d.thread(), () -> o.transmitStop(d.serverId(), d.semisync(),
                        shuttingDown || finishingShutdown, server.now()));
            }
            if ("aborted-net-flush".equals(d.abortedLine())) {
                // sql_connect.cc end_connection: the connection ended on a network error, not killed.
                server.runAs(d.thread(), () -> server.errorLog().log("aborted-net-flush", "id", d.thread(),
                        "user", "repl", "host", d.host()));
            }
        }
        server.threads().close(d.thread());
        return this;
    }

    // --- replica: spawning the threads START/STOP SLAVE control (ReplicaThreads keeps track of them)

    private ActorRef<IoThread.Command> spawnIoThread() {
        var vars = server.variables();
        Threads.Thread t = server.threads().open(Threads.Kind.REPLICA_IO, "system user", "",
                server.flavor().threadStyle().ioCommand(), server.now());
        IoThread.Context ctx = new IoThread.Context(server.name(), server.serverId(), server.uuid(), server.channel(),
                server.flavor().logTerms(), vars.getLong("replica_net_timeout") * 1_000_000L,
                c.timing().relayLogWritePerEvent(), vars.getLong("sync_relay_log"), this::fsyncCost,
                c.network(), toSqlThread, c.trace(),
                server::now, c.serverIdOf().applyAsLong(server.channel().sourceHost()),
                () -> server.plugin(RelayIoObserver.class), t, server);
        ActorRef<IoThread.Command> io = getContext().spawn(IoThread.create(ctx), "io-" + ++generation);
        getContext().watch(io);
        return io;
    }

    private long fsyncCost() {
        return slowFsync >= 0 ? slowFsync : c.timing().relayLogFsync();
    }

    private ActorRef<SqlThread.Command> spawnSqlThread() {
        Threads.Thread t = server.threads().open(Threads.Kind.REPLICA_SQL, "system user", "",
                server.flavor().threadStyle().sqlCommand(), server.now());
        ActorRef<SqlThread.Command> sql = getContext().spawn(SqlThread.create(new SqlThread.Context(server.name(),
                server.channel(), server.store(), c.timing().applyPerEvent(), c.trace(), t, server)),
                "sql-" + ++generation);
        getContext().watch(sql);
        return sql;
    }

    /**
     * A thread actor that died of an exception takes its node actor down with it, so the failure
     * reaches the guardian and fails the run: a silently dead thread would make the trace a lie.
     */
    private Behavior<Command> childFailed(ChildFailed failed) {
        throw new IllegalStateException(server.name() + ": " + failed.getRef().path().name() + " failed",
                failed.getCause());
    }

    /** A thread actor stopped: a dump thread's connection ended, or a replica thread stopped itself. */
    private Behavior<Command> childStopped(Terminated t) {
        for (Map.Entry<Long, ActorRef<BinlogDumpThread.Command>> e : dumpActors.entrySet()) {
            if (e.getValue().equals(t.getRef())) {
                return dumpEnded(e.getKey());
            }
        }
        replicas.ended(t.getRef());
        return this;
    }

    // --- lifecycle

    private Behavior<Command> crash(boolean powerLoss) {
        boolean clean = finishingShutdown;
        finishingShutdown = false;
        if (server.state() != NodeState.RUNNING) {
            return this;
        }
        c.trace().record(server.name(), "mysqld", clean ? "stopped" : powerLoss ? "power-off" : "crash");
        for (ActorRef<BinlogDumpThread.Command> dump : dumpActors.values()) {
            getContext().stop(dump);
        }
        dumpActors.clear();
        dumps.all().forEach(d -> dumps.remove(d.connection()));
        pendingReplicas.clear();
        replicas.killed(getContext()::stop, server.channel()::ioStopped, server.channel()::sqlStopped);
        if (clean) {
            server.shutdown();
        } else {
            server.crash();
            // A power loss takes the unsynced binlog tail; crash recovery decides what becomes of the
            // prepared transactions the binlog still holds (all that were written, after a process crash).
            int lost = powerLoss ? server.binlog().powerLoss() : 0;
            if (commits != null) {
                List<BinlogPosition> ends = new ArrayList<>();
                List<GroupCommit.Pending> prepared = commits.crash(ends);
                for (int i = 0; i < prepared.size(); i++) {
                    if (!powerLoss || server.binlog().isSynced(ends.get(i))) {
                        toRecover.add(prepared.get(i).transaction());
                    }
                }
            }
            int relayLost = powerLoss ? server.channel().powerLoss() : 0;
            c.trace().record(server.name(), "mysqld", "crash.lost", "binlog_events", (long) lost, "relay_events",
                    (long) relayLost, "prepared_in_binlog", (long) toRecover.size());
        }
        commits = null; // in-flight commits die with the process; their clients lose the connection
        for (Connection conn : connections.values()) {
            if (conn.waiting instanceof Execute e) {
                e.replyTo().tell(new Executed(e.id(), new StatementResult.Failed(lostConnection())));
            } else if (conn.waiting instanceof Commit m) {
                m.replyTo().tell(new Committed(m.id(), false, 0, null, false, lostConnection()));
            }
        }
        connections.clear(); // and open transactions with them
        server.sessionThreads().clear();
        deadlines.values().forEach(Cancellable::cancel);
        deadlines.clear();
        c.network().tell(new NetworkActor.NodeState(server.name(), inbox, false, powerLoss));
        return this;
    }

    private Behavior<Command> start() {
        // Crash recovery comes first: each flavour decides what becomes of the prepared transactions.
        List<Transaction> prepared = List.copyOf(toRecover);
        NodeState state = server.start(prepared);
        c.trace().record(server.name(), "mysqld", "start", "state", state.name());
        if (state != NodeState.RUNNING) {
            return this;
        }
        if (!prepared.isEmpty()) {
            var d = server.lastRecovery();
            c.trace().record(server.name(), "mysqld", "crash.recovery", "prepared", (long) prepared.size(),
                    "committed", (long) d.commit().size(), "rolled_back", (long) d.rollBack().size());
            toRecover.clear();
        }
        c.network().tell(new NetworkActor.NodeState(server.name(), inbox, true, false));
        // skip_replica_start is OFF by default: a configured replica resumes replicating. The I/O thread
        // starts first (start_slave_threads) and writes its first line before the server's "ready for
        // connections"; the SQL thread's initialisation comes after it (measured on MariaDB 10.11).
        boolean replicate = server.channel().isConfigured() && !replicas.ioThreadRunning();
        if (replicate) {
            replicas.startIoThread();
        }
        getContext().getSelf().tell(new Ready(replicate));
        return this;
    }

    private Behavior<Command> ready(Ready r) {
        if (server.state() != NodeState.RUNNING) {
            return this;
        }
        server.ready();
        if (r.startSqlThread() && !replicas.sqlThreadRunning()) {
            replicas.startSqlThread();
        }
        return this;
    }
}
