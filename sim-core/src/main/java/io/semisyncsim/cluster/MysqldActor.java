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
import io.semisyncsim.binlog.GroupCommit;
import io.semisyncsim.binlog.Timing;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.net.NetworkActor;
import io.semisyncsim.net.Packet;
import io.semisyncsim.replication.BinlogDumpThread;
import io.semisyncsim.replication.IoThread;
import io.semisyncsim.replication.Protocol;
import io.semisyncsim.replication.SqlThread;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.server.plugin.CommitObserver;
import io.semisyncsim.server.plugin.RelayIoObserver;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.ReplicationControl;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.SystemVariables;
import io.semisyncsim.trace.Trace;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The actor of one mysqld: client statements and commits, binlog group commit on virtual time, a dump
 * thread per connected replica, and the replica's I/O and SQL threads. The state lives in
 * {@link Mysqld} and the plain classes it holds; this shell turns messages into calls on them.
 */
public final class MysqldActor extends AbstractBehavior<MysqldActor.Command>
        implements ReplicationControl, GroupCommit.Hooks {

    public sealed interface Command {
    }

    /** A client statement on connection {@code session}; the reply carries the client's correlation id. */
    public record Execute(long id, long session, Account account, String sql, ActorRef<Executed> replyTo)
            implements Command {
    }

    /** A statement whose answer waits for its commit (or, for a DDL's implicit commit, to run again after it). */
    private record SqlCommit(Execute statement, StatementResult.CommitNeeded commit) {
    }

    public record Executed(long id, StatementResult result) {
    }

    /** An autocommit transaction changing these rows. */
    public record Commit(long id, List<Transaction.RowChange> changes, ActorRef<Committed> replyTo) implements Command {
    }

    /**
     * The commit's outcome: OK (with the binlog end and the source's transaction number) or the client's
     * connection lost. {@code semisync}: it was acknowledged by a replica before the client got OK.
     */
    public record Committed(long id, boolean ok, long trx, BinlogPosition end, boolean semisync) {
    }

    /** The process dies at once: no shutdown. */
    public record Crash() implements Command {
    }

    /** Start (or restart after a crash), reading the option file again. */
    public record Start() implements Command {
    }

    /**
     * CHANGE MASTER TO {@code source} (from {@code from}, or where the channel is), as done before time zero
     * and at a failover; {@code start} also runs the threads.
     */
    public record ConfigureReplica(String source, boolean start, BinlogPosition from) implements Command {
    }

    /** A slow disk: every fsync on this node (binlog and relay log) costs {@code fsyncMicros}. */
    public record SlowDisk(long fsyncMicros) implements Command {
    }

    /** Failover: stop replicating and forget the source (STOP SLAVE; RESET SLAVE ALL). */
    public record Promote() implements Command {
    }

    private record StageDone(GroupCommit.Stage stage) implements Command {
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

    /** The ACK receiver thread read an ACK on a semisync dump connection. */

    /** What a node actor is given by its cluster. */
    public record Context(Mysqld server, Trace trace, ActorRef<NetworkActor.Command> network, Timing timing,
                          ToLongFunction<String> serverIdOf) {
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> new MysqldActor(ctx, c));
    }

    private final Context c;
    private final Mysqld server;
    private final ActorRef<Packet> inbox;
    private final ActorRef<SqlThread.Command> toSqlThread;
    /** Semisync dumps: connection -> replica server_id. */
    private final Map<Long, Long> semisyncDumps = new TreeMap<>();
    /** The commit held by an observer, and where: at most one, since the leader holds LOCK_commit. */
    private long heldWaiter = -1;
    /** The timer guarding the held commit's deadline; cancelled when it is released first. */
    private Cancellable heldDeadline;
    private CommitObserver.Point heldAt;
    /** Whether the commit being finished was acknowledged (a group's, under AFTER_SYNC). */
    private boolean currentSemisync;
    private final Map<Long, ActorRef<BinlogDumpThread.Command>> dumpThreads = new TreeMap<>();
    /** Client connections' state (their open transactions), by session id. */
    private final Map<Long, io.semisyncsim.server.Session> sessions = new TreeMap<>();
    private GroupCommit groupCommit;
    private ActorRef<IoThread.Command> io;
    private ActorRef<SqlThread.Command> sql;
    private long generation;
    private long transactions;
    /** Prepared transactions a crash left in the synced binlog: crash recovery commits them at start. */
    private final List<Transaction> toRecover = new java.util.ArrayList<>();
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
        server.setReplicationControl(this);
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
            return schedule(groupCommit.done(done.stage()));
        } else if (m instanceof Released r) {
            return released(r);
        } else if (m instanceof FromNetwork f) {
            return fromNetwork(f);
        } else if (m instanceof Execute e) {
            return execute(e);
        } else if (m instanceof DeadlinePassed d) {
            CommitObserver o = server.plugin(CommitObserver.class);
            if (o != null) {
                o.deadlinePassed(d.waiter(), server.now());
            }
        } else if (m instanceof ForSqlThread f) {
            if (sql != null) {
                sql.tell(f.command());
            }
        } else if (m instanceof Crash) {
            return crash();
        } else if (m instanceof Start) {
            return start();
        } else if (m instanceof ConfigureReplica r) {
            return configureReplica(r);
        } else if (m instanceof SlowDisk d) {
            slowFsync = d.fsyncMicros();
            settingsFrom = null; // the group commit's fsync cost changed
            c.trace().record(server.name(), "mysqld", "slow-disk", "fsync_us", d.fsyncMicros());
        } else if (m instanceof Promote) {
            stopReplicaThreads();
            server.channel().resetAll();
            c.trace().record(server.name(), "mysqld", "promoted");
        } else {
            return Behaviors.unhandled();
        }
        return this;
    }

    // --- clients

    private Behavior<Command> execute(Execute e) {
        io.semisyncsim.server.Session session = sessions.computeIfAbsent(e.session(),
                id -> new io.semisyncsim.server.Session());
        StatementResult result = server.execute(e.account(), e.sql(), session);
        c.trace().record(server.name(), "connection", "sql", "user", e.account().user(), "sql", e.sql(),
                "result", summary(result));
        if (result instanceof StatementResult.CommitNeeded commit) {
            Transaction trx = commit.transaction(++transactions, server.now());
            c.trace().record(server.name(), "connection", "commit.begin", "trx", trx.id());
            return schedule(groupCommit().submit(new GroupCommit.Pending(trx, new SqlCommit(e, commit))));
        }
        e.replyTo().tell(new Executed(e.id(), result));
        return this;
    }

    private static String summary(StatementResult r) {
        if (r instanceof StatementResult.Failed f) {
            return "ERROR " + f.error().code();
        }
        if (r instanceof StatementResult.Rows rows) {
            return rows.resultSet().rows().size() + " rows";
        }
        return r instanceof StatementResult.CommitNeeded ? "commit" : "OK";
    }

    private Behavior<Command> commit(Commit m) {
        if (server.state() != NodeState.RUNNING) {
            m.replyTo().tell(new Committed(m.id(), false, 0, null, false));
            return this;
        }
        Transaction trx = new Transaction(++transactions, null, server.now(), m.changes());
        c.trace().record(server.name(), "connection", "commit.begin", "trx", trx.id());
        return schedule(groupCommit().submit(new GroupCommit.Pending(trx, m)));
    }

    private GroupCommit groupCommit() {
        if (groupCommit == null) {
            groupCommit = new GroupCommit(server.binlog(), commitSettings(), this);
            settingsFrom = null;
        }
        // sync_binlog, the delay, max_binlog_size and the expiry are dynamic: re-read them when a SET
        // (or a restart's new variables) changed something, not on every commit.
        SystemVariables vars = server.variables();
        if (vars != settingsFrom || vars.changes() != settingsChanges) {
            groupCommit.setSettings(commitSettings());
            server.binlog().setMaxFileSize(vars.getLong("max_binlog_size"));
            server.binlog().setExpiry(binlogExpiryMicros());
            settingsFrom = vars;
            settingsChanges = vars.changes();
        }
        return groupCommit;
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
                vars.getLong("binlog_group_commit_sync_delay"));
    }

    private Behavior<Command> schedule(List<GroupCommit.Work> work) {
        for (GroupCommit.Work w : work) {
            getContext().scheduleOnce(VirtualDurations.toDuration(w.micros()), getContext().getSelf(),
                    new StageDone(w.stage()));
        }
        return this;
    }

    private long fsyncCost() {
        return slowFsync >= 0 ? slowFsync : c.timing().relayLogFsync();
    }

    // --- group commit hooks: the plugins' commit observers decide here

    @Override
    public void afterFlush(BinlogPosition groupEnd) {
        c.trace().record(server.name(), "binlog", "flush", "end", groupEnd);
        CommitObserver o = server.plugin(CommitObserver.class);
        if (o != null) {
            o.afterFlush(groupEnd);
        }
    }

    @Override
    public void published(BinlogPosition readableEnd) {
        for (ActorRef<BinlogDumpThread.Command> dump : dumpThreads.values()) {
            dump.tell(new BinlogDumpThread.BinlogAdvanced());
        }
    }

    @Override
    public boolean afterSync(BinlogPosition lastEnd) {
        currentSemisync = false;
        return decide(CommitObserver.Point.AFTER_SYNC, lastEnd);
    }

    @Override
    public boolean afterCommit(GroupCommit.Pending trx, BinlogPosition end) {
        return decide(CommitObserver.Point.AFTER_COMMIT, end);
    }

    /** Asks the commit observer; true to go on, false when it holds the commit (a timer guards its deadline). */
    private boolean decide(CommitObserver.Point point, BinlogPosition pos) {
        CommitObserver o = server.plugin(CommitObserver.class);
        CommitObserver.Decision d = o == null ? null : o.atCommitPoint(point, pos, server.now());
        if (d instanceof CommitObserver.Decision.Hold hold) {
            heldWaiter = hold.waiter();
            heldAt = point;
            c.trace().record(server.name(), "connection", "commit.wait", "point", point.name(), "pos", pos,
                    "deadline", hold.deadline());
            if (hold.deadline() != Long.MAX_VALUE) { // MAX_VALUE: the observer sets no deadline
                heldDeadline = getContext().scheduleOnce(
                        VirtualDurations.toDuration(Math.max(0, hold.deadline() - server.now())),
                        getContext().getSelf(), new DeadlinePassed(hold.waiter()));
            }
            return false;
        }
        if (d instanceof CommitObserver.Decision.Proceed p) {
            currentSemisync = p.semisync();
        }
        return true;
    }

    private void cancelHeldDeadline() {
        if (heldDeadline != null) {
            heldDeadline.cancel();
            heldDeadline = null;
        }
    }

    private Behavior<Command> released(Released m) {
        if (m.waiter() != heldWaiter) {
            return this; // a waiter of a commit that died with a crash
        }
        heldWaiter = -1;
        cancelHeldDeadline(); // an ACK came first: the timed wait ends, as cond.timedwait returning early
        currentSemisync = m.semisync();
        c.trace().record(server.name(), "connection", "commit.released", "semisync", m.semisync());
        return schedule(heldAt == CommitObserver.Point.AFTER_SYNC ? groupCommit.releaseAfterSync()
                : groupCommit.releaseAfterCommit());
    }

    @Override
    public void engineCommitted(GroupCommit.Pending p, BinlogPosition end) {
        server.store().apply(p.transaction()); // visible to other sessions from now on
    }

    @Override
    public void committed(GroupCommit.Pending p, BinlogPosition end) {
        if (p.client() instanceof SqlCommit sql) {
            c.trace().record(server.name(), "connection", "commit.ok", "trx", p.transaction().id(), "end",
                    end, "semisync", currentSemisync);
            if (sql.commit().thenRerun()) {
                getContext().getSelf().tell(sql.statement()); // the DDL runs now that its implicit commit is done
            } else {
                sql.statement().replyTo().tell(new Executed(sql.statement().id(), sql.commit().answer()));
            }
            return;
        }
        Commit request = (Commit) p.client();
        c.trace().record(server.name(), "connection", "commit.ok", "trx", p.transaction().id(), "end", end,
                "semisync", currentSemisync);
        request.replyTo().tell(new Committed(request.id(), true, p.transaction().id(), end, currentSemisync));
    }

    // --- source: dump requests

    private Behavior<Command> fromNetwork(FromNetwork m) {
        if (!(m.packet() instanceof Packet.Data d) || server.state() != NodeState.RUNNING) {
            return this;
        }
        if (d.payload() instanceof Protocol.Ack ack) {
            ackRead(d.connection(), ack);
        } else if (d.payload() instanceof Protocol.SemisyncProbe) {
            // The replica's SELECT @@global.rpl_semi_sync_source_enabled (or _master_): does it exist here?
            var vars = server.variables();
            boolean exists = vars.find("rpl_semi_sync_source_enabled") != null
                    || vars.find("rpl_semi_sync_master_enabled") != null;
            c.network().tell(new NetworkActor.Send(d.connection(), server.name(), new Protocol.SemisyncProbeReply(exists)));
        } else if (d.payload() instanceof Protocol.DumpRequest request) {
            BinlogPosition from = request.from() != null ? request.from()
                    : new BinlogPosition(server.binlog().files().get(0), 4);
            BinlogTransmitObserver o = server.plugin(BinlogTransmitObserver.class);
            boolean semisync = o != null && o.transmitStart(request.serverId(), from, request.semisync(), server.now());
            if (semisync) {
                semisyncDumps.put(d.connection(), request.serverId());
                // The ACK receiver thread polls every semisync dump's socket (ack_receiver.cc).
                c.network().tell(new NetworkActor.BindReader(d.connection(), server.name(), inbox));
            }
            ActorRef<BinlogDumpThread.Command> dump = getContext().spawn(BinlogDumpThread.create(
                    new BinlogDumpThread.Context(server.name(), d.connection(), request, server.binlog(),
                            c.network(), c.trace(), semisync ? o : null, server::now)),
                    "dump-" + d.connection());
            getContext().watch(dump);
            dumpThreads.put(d.connection(), dump);
        }
        return this;
    }

    /** The ACK receiver read an ACK on a semisync dump's connection: handleAck with that dump's server_id. */
    private void ackRead(long connection, Protocol.Ack ack) {
        Long serverId = semisyncDumps.get(connection);
        if (serverId == null) {
            return; // the dump ended: remove_slave took its socket out of the poll set
        }
        c.trace().record(server.name(), "ack_receiver", "ack", "replica_server_id", serverId, "pos", ack.pos());
        BinlogTransmitObserver o = server.plugin(BinlogTransmitObserver.class);
        if (o != null) {
            o.ackReceived(serverId, ack.pos(), server.now());
        }
    }

    private Behavior<Command> dumpEnded(long connection) {
        dumpThreads.remove(connection);
        Long serverId = semisyncDumps.remove(connection);
        BinlogTransmitObserver o = server.plugin(BinlogTransmitObserver.class);
        if (serverId != null && o != null && server.state() == NodeState.RUNNING) {
            o.transmitStop(serverId, server.now()); // remove_slave: may switch semisync OFF
        }
        return this;
    }

    // --- replica: the threads START/STOP SLAVE control

    @Override
    public void startIoThread() {
        var vars = server.variables();
        IoThread.Context ctx = new IoThread.Context(server.name(), server.serverId(), server.channel(),
                server.flavor().logTerms(), vars.getLong("replica_net_timeout") * 1_000_000L,
                c.timing().relayLogWritePerEvent(), vars.getLong("sync_relay_log"), this::fsyncCost,
                c.network(), toSqlThread, c.trace(),
                server::now, c.serverIdOf().applyAsLong(server.channel().sourceHost()),
                () -> server.plugin(RelayIoObserver.class));
        io = getContext().spawn(IoThread.create(ctx), "io-" + ++generation);
        getContext().watch(io);
    }

    @Override
    public void stopIoThread() {
        io.tell(new IoThread.Stop());
        io = null;
    }

    @Override
    public void startSqlThread() {
        sql = getContext().spawn(SqlThread.create(new SqlThread.Context(server.name(), server.channel(),
                server.store(), c.timing().applyPerEvent(), c.trace())), "sql-" + ++generation);
        getContext().watch(sql);
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
        for (Map.Entry<Long, ActorRef<BinlogDumpThread.Command>> e : dumpThreads.entrySet()) {
            if (e.getValue().equals(t.getRef())) {
                return dumpEnded(e.getKey());
            }
        }
        if (io != null && io.equals(t.getRef())) {
            io = null; // it stopped on its own (a fatal dump error)
        }
        if (sql != null && sql.equals(t.getRef())) {
            sql = null;
        }
        return this;
    }

    @Override
    public void stopSqlThread() {
        sql.tell(new SqlThread.Stop());
        sql = null;
    }

    @Override
    public boolean ioThreadRunning() {
        return io != null;
    }

    @Override
    public boolean sqlThreadRunning() {
        return sql != null;
    }

    /** STOP SLAVE: whichever replica threads run. */
    private void stopReplicaThreads() {
        if (io != null) {
            stopIoThread();
        }
        if (sql != null) {
            stopSqlThread();
        }
    }

    private Behavior<Command> configureReplica(ConfigureReplica m) {
        stopReplicaThreads();
        server.channel().configure(m.source(), 3306, "repl", null, null, null, m.from());
        if (m.start() && server.state() == NodeState.RUNNING) {
            startSqlThread();
            startIoThread();
        }
        return this;
    }

    // --- lifecycle

    private Behavior<Command> crash() {
        server.crash();
        c.trace().record(server.name(), "mysqld", "crash");
        for (ActorRef<BinlogDumpThread.Command> dump : dumpThreads.values()) {
            getContext().stop(dump);
        }
        dumpThreads.clear();
        if (io != null) {
            getContext().stop(io);
            io = null;
            server.channel().ioStopped();
        }
        if (sql != null) {
            getContext().stop(sql);
            sql = null;
            server.channel().sqlStopped();
        }
        // The unsynced binlog tail is lost; crash recovery commits what was binlogged, synced and prepared.
        int lost = server.binlog().crash();
        if (groupCommit != null) {
            List<BinlogPosition> ends = new java.util.ArrayList<>();
            List<GroupCommit.Pending> prepared = groupCommit.prepared(ends);
            for (int i = 0; i < prepared.size(); i++) {
                if (server.binlog().isSynced(ends.get(i))) {
                    toRecover.add(prepared.get(i).transaction()); // committed by recovery at the next start
                }
            }
        }
        int relayLost = server.channel().crash();
        c.trace().record(server.name(), "mysqld", "crash.lost", "binlog_events", (long) lost, "relay_events",
                (long) relayLost, "prepared_in_binlog", (long) toRecover.size());
        groupCommit = null; // in-flight commits die with the process; their clients lose the connection
        sessions.clear();   // and open transactions with them
        heldWaiter = -1;
        cancelHeldDeadline();
        semisyncDumps.clear();
        c.network().tell(new NetworkActor.NodeState(server.name(), inbox, false));
        return this;
    }

    private Behavior<Command> start() {
        NodeState state = server.start();
        c.trace().record(server.name(), "mysqld", "start", "state", state.name());
        if (state == NodeState.RUNNING && !toRecover.isEmpty()) {
            // Binlog-driven XA recovery: prepared transactions found in the binlog are committed.
            toRecover.forEach(server.store()::apply);
            c.trace().record(server.name(), "mysqld", "crash.recovery", "transactions_committed", (long) toRecover.size());
            toRecover.clear();
        }
        if (state == NodeState.RUNNING) {
            c.network().tell(new NetworkActor.NodeState(server.name(), inbox, true));
            // skip_replica_start is OFF by default: a configured replica resumes replicating.
            if (server.channel().isConfigured() && io == null) {
                startSqlThread();
                startIoThread();
            }
        }
        return this;
    }
}
