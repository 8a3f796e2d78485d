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
import io.semisyncsim.kernel.SimKernel;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The actor of one mysqld: a dispatcher. The commit path ({@link CommitCoordinator}), the source's dump
 * threads and ACK receiver ({@link DumpThreads}, over the server's {@link DumpRegistry}), the replica's I/O
 * and SQL threads ({@link ReplicaThreads} and their child actors), the client connections ({@link ClientConnections}), KILL ({@link ThreadKiller})
 * and the start, shutdown and crash sequence ({@link ServerLifecycle}) live in plain classes; this shell
 * turns messages into calls on them and their effects into messages and timers.
 */
public final class MysqldActor extends AbstractBehavior<MysqldActor.Command>
        implements ConnectionControl, CommitCoordinator.Effects, ServerLifecycle.Effects, ClientCommands.Replies {

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
    private record StageDone(CommitCoordinator owner, GroupCommit.Stage stage, long token) implements Command {
    }

    private record FromNetwork(Packet packet) implements Command {
    }

    /** The I/O thread's news for the SQL thread, routed to whichever SQL thread runs now. */
    private record ForSqlThread(SqlThread.Command command) implements Command {
    }

    /** The timeout of a client's MASTER_POS_WAIT or MASTER_GTID_WAIT. */
    private record WaitTimedOut(long waitId) implements Command {
    }

    /** A message for whichever I/O thread runs now (the SQL thread freed relay log space). */
    private record ForIoThread(IoThread.Command command) implements Command {
    }

    /** A plugin let a held commit go. Delivered as a message so a plugin never re-enters group commit. */
    private record Released(long waiter, boolean semisync) implements Command {
    }

    private record DeadlinePassed(long waiter) implements Command {
    }

    /** The SQL thread asks something of the node: to commit a transaction it applied, or to wake that commit. */
    private record FromSqlThread(SqlThread.NodeRequest request) implements Command {
    }

    /** InnoDB's background flush of its redo log, which a binlog checkpoint may wait for (Mysqld#redoFlushed). */
    private enum RedoFlushed implements Command { TICK }

    /** The ACK receiver thread started: the ACKs that waited in its sockets are read. */
    private enum AckReceiverStarted implements Command { TICK }

    /** A dump thread's report of its own end: a failed write, or a file RESET MASTER took away. */
    public record DumpReport(BinlogDumpThread.Report report) implements Command {
    }

    /** A clean shutdown's next timed phase is due. */
    private record ShutdownPhase(ServerLifecycle.Phase phase, long sequence) implements Command {
    }

    /** What a node actor is given by its cluster. */
    public record Context(Mysqld server, Trace trace, ActorRef<NetworkActor.Command> network, Timing timing,
                          ToLongFunction<String> serverIdOf) {
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> new MysqldActor(ctx, c));
    }

    private final Context c;
    private final Mysqld server;
    /** Where the network delivers this node's packets (the ACK receiver's reads among them). */
    private final ActorRef<Packet> inbox;
    private final ActorRef<SqlThread.Command> toSqlThread;
    private final ActorRef<IoThread.Command> toIoThread;
    private final ActorRef<BinlogDumpThread.Report> dumpReports;
    private final ClientConnections clients;
    private final ClientCommands commands;
    private final ThreadKiller killer;
    private final ServerLifecycle lifecycle;
    private final Map<Long, Cancellable> deadlines = new TreeMap<>();
    /** The source's dump threads: handshakes, COM_BINLOG_DUMP, the ACK receiver's reads, their ends. */
    private final DumpThreads<ActorRef<BinlogDumpThread.Command>> dumps;
    private CommitCoordinator commits;
    /** The replica's I/O and SQL thread actors (START/STOP SLAVE, supervision). */
    private final ReplicaThreads replicas;
    private long generation;
    /** A slow disk's fsync cost, or -1 for the configured ones. */
    private long slowFsync = -1;
    /** The variables (and their change count) the binlog settings were last taken from. */
    private SystemVariables settingsFrom;
    private long settingsChanges = -1;

    private MysqldActor(ActorContext<Command> ctx, Context c) {
        super(ctx);
        this.c = c;
        this.server = c.server();
        this.inbox = ctx.messageAdapter(Packet.class, FromNetwork::new);
        this.toSqlThread = ctx.messageAdapter(SqlThread.Command.class, ForSqlThread::new);
        this.toIoThread = ctx.messageAdapter(IoThread.Command.class, ForIoThread::new);
        this.dumpReports = ctx.messageAdapter(BinlogDumpThread.Report.class, DumpReport::new);
        this.replicas = new ReplicaThreads(this::spawnIoThread, this::spawnSqlThread, this::published,
                () -> server.channel().sqlCommittingState() != null || server.channel().sqlWaitsForRow());
        this.clients = new ClientConnections(server, (request, error) -> ClientCommands.lost(this, request, error));
        this.dumps = new DumpThreads<>(server, c.trace(), this::closing, dumpEffects);
        this.killer = new ThreadKiller(server.threads(), clients, commitPath, dumps::killThread, replicas,
                server.waits());
        this.lifecycle = new ServerLifecycle(server, c.trace(), clients, killer, replicas, commitPath, this);
        this.commands = new ClientCommands(server, c.trace(), clients, replicas, this::closing,
                (trx, committer) -> commits().submit(trx, committer), this);
        server.setReplicationControl(replicas);
        server.setConnectionControl(this);
        server.setWaitReleaser((waiter, semisync) -> ctx.getSelf().tell(new Released(waiter, semisync)));
        server.setRedoFlushTimer(micros -> SimKernel.tellLater(ctx, micros, ctx.getSelf(), RedoFlushed.TICK));
        // A started thread reads its sockets once the statement that started it is done (when ACKs wait there).
        server.setAckReceiverStarted(() -> {
            if (dumps.hasUnread()) {
                ctx.getSelf().tell(AckReceiverStarted.TICK);
            }
        });
        server.setCommitStatus(() -> commits == null ? CommitCoordinator.binlogStatus(0, 0, 0, 0) : commits.binlogStatus());
        server.setBinlogLockHeld(() -> commits != null && commits.logLockHeld());
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
            commands.commit(commit);
        } else if (m instanceof StageDone done) {
            if (done.owner() == commits) { // not a stage of a coordinator that died in a crash (found by explore too)
                commits.done(done.stage(), done.token());
            }
        } else if (m instanceof Released r) {
            if (commits != null) {
                commits.released(r.waiter(), r.semisync());
            }
        } else if (m == RedoFlushed.TICK) {
            server.redoFlushed();
        } else if (m == AckReceiverStarted.TICK) {
            dumps.ackReceiverStarted();
        } else if (m instanceof FromNetwork f) {
            return fromNetwork(f);
        } else if (m instanceof Execute e) {
            commands.execute(e);
        } else if (m instanceof DeadlinePassed d) {
            deadlines.remove(d.waiter());
            if (commits != null) {
                commits.deadlinePassed(d.waiter());
            }
        } else if (m instanceof FromSqlThread f) {
            if (f.request() instanceof SqlThread.CommitRequest r) {
                commits().submitReplicated(r.transaction(), new CommitCoordinator.Committer(r.thread(), r), r.how());
            } else if (f.request() instanceof SqlThread.WakeRequest w && commits != null) {
                commits.woken(w.thread());
            }
        } else if (m instanceof ForSqlThread f) {
            replicas.tellSql(f.command());
        } else if (m instanceof ForIoThread f) {
            replicas.tellIo(f.command());
        } else if (m instanceof WaitTimedOut w) {
            server.waits().timedOut(w.waitId());
        } else if (m instanceof CloseSession s) {
            clients.quit(s.session());
        } else if (m instanceof DumpReport r) {
            dumps.report(r.report());
        } else if (m instanceof Crash k) {
            lifecycle.crash(k.powerLoss());
        } else if (m instanceof Start) {
            lifecycle.start();
        } else if (m instanceof Ready r) {
            lifecycle.ready(r.startSqlThread());
        } else if (m instanceof Shutdown s) {
            lifecycle.shutdown(s.initiatedBy());
        } else if (m instanceof ShutdownPhase p) {
            lifecycle.phase(p.phase(), p.sequence());
        } else if (m instanceof SlowDisk d) {
            slowFsync = d.fsyncMicros();
            settingsFrom = null; // the group commit's fsync cost changed
            c.trace().record(server.name(), "mysqld", "slow-disk", "fsync_us", d.fsyncMicros());
        } else {
            return Behaviors.unhandled();
        }
        return this;
    }

    // --- client connections (ClientCommands' replies)

    @Override
    public void executed(Execute statement, StatementResult result) {
        statement.replyTo().tell(new Executed(statement.id(), result));
    }

    @Override
    public void committed(Commit commit, boolean ok, long trx, BinlogPosition end, boolean semisync, SqlError error) {
        commit.replyTo().tell(new Committed(commit.id(), ok, trx, end, semisync, error));
    }

    @Override
    public void rerun(Execute statement) {
        getContext().getSelf().tell(statement);
    }

    @Override
    public void waitTimeout(long waitId, long micros) {
        SimKernel.tellLater(getContext(), micros, getContext().getSelf(), new WaitTimedOut(waitId));
    }

    /** Between a clean shutdown's start and the process's end. */
    private boolean closing() {
        return lifecycle.closing();
    }

    // --- the commit path (CommitCoordinator's effects)

    private CommitCoordinator commits() {
        if (commits == null) {
            commits = new CommitCoordinator(server, commitSettings(), this);
            settingsFrom = null;
        }
        // sync_binlog, the delay, max_binlog_size and the expiry are dynamic: re-read them when a SET
        // (or a restart's new variables) changed something, not on every commit.
        SystemVariables vars = server.variables();
        if (vars != settingsFrom || vars.changes() != settingsChanges) {
            commits.setSettings(commitSettings());
            server.binlog().setMaxFileSize(vars.getLong("max_binlog_size"));
            server.binlog().setExpiry(binlogExpiryMicros());
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
                vars.find("binlog_group_commit_sync_delay") == null ? 0 : vars.getLong("binlog_group_commit_sync_delay"),
                vars.find("binlog_commit_wait_count") == null ? 0 : vars.getLong("binlog_commit_wait_count"),
                vars.find("binlog_commit_wait_usec") == null ? 0 : vars.getLong("binlog_commit_wait_usec"));
    }

    @Override
    public void schedule(GroupCommit.Work w) {
        SimKernel.tellLater(getContext(), w.micros(), getContext().getSelf(), new StageDone(commits, w.stage(), w.token()));
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
        for (ActorRef<BinlogDumpThread.Command> dump : dumps.running()) {
            dump.tell(new BinlogDumpThread.BinlogAdvanced());
        }
    }

    @Override
    public void visible(Transaction trx) {
        c.trace().record(server.name(), "connection", "commit.visible", "trx", trx.id());
    }

    @Override
    public void answer(CommitCoordinator.Committer committer, Transaction trx, BinlogPosition end, boolean semisync) {
        if (committer.reply() instanceof SqlThread.CommitRequest r) {
            r.replyTo().tell(new SqlThread.Committed()); // the applier's commit: no client waits for an OK
            return;
        }
        commands.committed(committer, trx, end, semisync);
    }

    // --- KILL and SHUTDOWN (ConnectionControl)

    /** KILL [QUERY] of a thread that exists, by a user who may: ThreadKiller decides per kind of thread. */
    @Override
    public void kill(long thread, boolean queryOnly, long killer) {
        this.killer.kill(thread, queryOnly);
    }

    /** The commit path as KILL and the lifecycle see it: the coordinator of the moment, if any. */
    private final CommitPath commitPath = new CommitPath() {
        @Override
        public void killed(long thread) {
            if (commits != null) {
                commits.killed(thread);
            }
        }

        @Override
        public boolean running() {
            return commits != null && !commits.idle();
        }

        @Override
        public void shutdownWake(long thread) {
            if (commits != null) {
                commits.shutdownWake(thread);
            }
        }

        @Override
        public List<GroupCommit.Pending> crash(List<BinlogPosition> endsOut) {
            return commits == null ? List.of() : commits.crash(endsOut);
        }

        @Override
        public void gone() {
            commits = null;
        }
    };

    @Override
    public void shutdown(String initiatedBy) {
        getContext().getSelf().tell(new Shutdown(initiatedBy));
    }

    // --- source: connections from replicas, dump requests, ACKs

    private Behavior<Command> fromNetwork(FromNetwork m) {
        if (server.state() != NodeState.RUNNING) {
            return this;
        }
        if (m.packet() instanceof Packet.PeerClosed closed) {
            dumps.peerClosed(closed.connection(), closed.reset());
            return this;
        }
        if (m.packet() instanceof Packet.ClosedBeforeLogin closed) {
            dumps.closedBeforeLogin(closed.connection(), closed.client());
            return this;
        }
        if (!(m.packet() instanceof Packet.Data d)) {
            return this;
        }
        if (d.payload() instanceof Protocol.Ack ack) {
            dumps.ackRead(d.connection(), ack);
        } else if (d.payload() instanceof Protocol.Hello hello) {
            dumps.hello(d.connection(), d.from(), hello);
        } else if (d.payload() instanceof Protocol.SetupQuery q) {
            dumps.setupQuery(d.connection(), q);
        } else if (d.payload() instanceof Protocol.DumpRequest request) {
            dumps.dumpRequest(d.connection(), d.from(), request);
        } else if (d.payload() instanceof Protocol.Kill k) {
            Threads.Thread target = server.threads().find(k.thread());
            if (target != null) {
                kill(k.thread(), false, 0);
            }
            c.network().tell(new NetworkActor.Send(d.connection(), server.name(), new Protocol.Killed(target != null)));
        }
        return this;
    }

    /** The dump threads' actors, sockets and the ACK receiver's poll set, for {@link DumpThreads}. */
    private final DumpThreads.Effects<ActorRef<BinlogDumpThread.Command>> dumpEffects = new DumpThreads.Effects<>() {
        @Override
        public void send(long connection, Packet.Payload payload) {
            c.network().tell(new NetworkActor.Send(connection, server.name(), payload));
        }

        @Override
        public void watchDumpSocket(long connection) {
            c.network().tell(new NetworkActor.BindReader(connection, server.name(), inbox));
        }

        @Override
        public ActorRef<BinlogDumpThread.Command> startDump(long connection, Protocol.DumpRequest request,
                                                           boolean semisync, GtidDump gtids, String refusal) {
            ActorRef<BinlogDumpThread.Command> dump = getContext().spawn(BinlogDumpThread.create(
                    new BinlogDumpThread.Context(server.name(), connection, request, server.binlog(),
                            c.network(), c.trace(), semisync ? () -> server.plugins(BinlogTransmitObserver.class) : null,
                            server::now, dumpReports, gtids, refusal)),
                    "dump-" + connection + "-" + ++generation);
            getContext().watch(dump);
            return dump;
        }

        @Override
        public ActorRef<BinlogDumpThread.Command> startFinalizing(long connection) {
            ActorRef<BinlogDumpThread.Command> dump = getContext().spawn(BinlogDumpThread.finalizing(c.network(),
                    server.name(), connection), "dump-" + connection + "-" + ++generation);
            getContext().watch(dump);
            return dump;
        }

        @Override
        public void kill(ActorRef<BinlogDumpThread.Command> dump, boolean eof) {
            dump.tell(new BinlogDumpThread.Kill(eof));
        }

        @Override
        public void endWithError(ActorRef<BinlogDumpThread.Command> dump, Protocol.DumpError error) {
            dump.tell(new BinlogDumpThread.Kill(false, error));
        }

        @Override
        public void stop(ActorRef<BinlogDumpThread.Command> dump) {
            getContext().stop(dump);
        }
    };

    // --- replica: spawning the threads START/STOP SLAVE control (ReplicaThreads keeps track of them)

    private ActorRef<IoThread.Command> spawnIoThread() {
        var vars = server.variables();
        // COM_CONNECT ("Connect") until it has connected, then the flavour's I/O command (IoThread)
        Threads.Thread t = server.threads().open(Threads.Kind.REPLICA_IO, "system user", "", "Connect", server.now());
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
                server.channel(), server.store(), c.timing().applyPerEvent(), c.trace(), t, server, toIoThread,
                r -> getContext().getSelf().tell(new FromSqlThread(r)))),
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
        if (!dumps.ended(t.getRef())) {
            replicas.ended(t.getRef());
        }
        return this;
    }

    // --- lifecycle (ServerLifecycle's effects)

    @Override
    public void stopListening() {
        c.network().tell(new NetworkActor.StopListening(server.name()));
    }

    @Override
    public void nodeState(boolean up, boolean powerLoss) {
        c.network().tell(new NetworkActor.NodeState(server.name(), inbox, up, powerLoss));
    }

    @Override
    public void after(long micros, ServerLifecycle.Phase phase, long sequence) {
        getContext().scheduleOnce(VirtualDurations.toDuration(micros), getContext().getSelf(),
                new ShutdownPhase(phase, sequence));
    }

    @Override
    public void exit() {
        getContext().getSelf().tell(new Crash(false));
    }

    @Override
    public void ready(boolean startSqlThread) {
        getContext().getSelf().tell(new Ready(startSqlThread));
    }

    @Override
    public void killDump(long connection, boolean eof) {
        dumps.kill(connection, eof);
    }

    @Override
    public void threadsGone() {
        dumps.processEnded();
        replicas.killed(getContext()::stop, server.channel()::ioStopped, server.channel()::sqlStopped);
    }

    @Override
    public void cancelDeadlines() {
        deadlines.values().forEach(Cancellable::cancel);
        deadlines.clear();
    }
}
