package io.semisyncsim.cluster;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.GroupCommit;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.server.DumpRegistry;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * One mysqld process's start, clean shutdown and crash, as a plain class; the server's own state
 * ({@link NodeState}) is {@link Mysqld}'s, the threads' actors, timers and sockets are the caller's
 * ({@link Effects}). A clean shutdown (mysqld.cc close_connections) runs in three timed phases:
 * <pre>
 *   RUNNING --SHUTDOWN / SIGTERM--> closing:   listeners closed; clients killed (MariaDB) or flagged
 *                                              (MySQL); replica threads and the ACK receiver stopped
 *   closing --the flavour's delay--> finishing: dump threads killed (their streams end with EOF); a
 *                                              commit they release still finishes and answers
 *   finishing --its last wait-----> connections still open closed by force (Call_close_conn); exit:
 *                                   the process ends through the crash path as a clean stop (STOPPED)
 *   any --crash / power loss------> CRASHED:   threads gone, clients get 2013, prepared transactions kept
 *                                              for the next start's recovery; a shutdown under way ends
 * </pre>
 * A shutdown is one sequence per process: a second SHUTDOWN or SIGTERM while one is under way is ignored,
 * and the end of the process (a crash, or the shutdown's own exit) ends the sequence, so a phase timer
 * still pending then finds its sequence gone and leaves a restarted server alone.
 */
final class ServerLifecycle {

    /** A clean shutdown's timed phases, in order. */
    enum Phase {
        /** The dump threads are killed. */
        KILL_DUMPS,
        /** What is still open is closed by force, and the process ends. */
        CLOSE_REMAINING
    }

    /**
     * Where a clean shutdown stands: none asked for; closing the connections (until the dump threads are
     * killed); finishing (until the process ends: the next crash is the clean exit).
     */
    private enum Shutdown { NONE, CLOSING, FINISHING }

    /** What the lifecycle asks of the actor that drives it. */
    interface Effects {
        /** The listening sockets close: a client or replica that connects now is refused (2003). */
        void stopListening();

        /** The network sees the node up or down ({@code powerLoss}: its peers hear nothing). */
        void nodeState(boolean up, boolean powerLoss);

        /** Call {@link #phase} with {@code phase} and {@code sequence} after {@code micros}. */
        void after(long micros, Phase phase, long sequence);

        /** The process exits: call {@link #crash} with no power loss next, which finds the exit clean. */
        void exit();

        /** The start's last part comes next: call {@link #ready} with {@code startSqlThread}. */
        void ready(boolean startSqlThread);

        /** The dump thread on {@code connection} is killed; {@code eof}: its stream ends with an EOF packet. */
        void killDump(long connection, boolean eof);

        /** The process is gone: every dump and replica thread's actor stops at once. */
        void threadsGone();

        /** The commits' deadline timers go with the process. */
        void cancelDeadlines();
    }

    private final Mysqld server;
    private final Trace trace;
    private final ClientConnections clients;
    private final ThreadKiller killer;
    private final ReplicaThreads replicas;
    private final CommitPath commits;
    private final Effects effects;
    /** Prepared transactions a crash left in the synced binlog: crash recovery decides their fate. */
    private final List<Transaction> toRecover = new ArrayList<>();
    private Shutdown shutdown = Shutdown.NONE;
    /** The shutdown sequence's number: a new one, or the process's end, moves it on, so a stale phase is known. */
    private long sequence;

    ServerLifecycle(Mysqld server, Trace trace, ClientConnections clients, ThreadKiller killer,
                    ReplicaThreads replicas, CommitPath commits, Effects effects) {
        this.server = server;
        this.trace = trace;
        this.clients = clients;
        this.killer = killer;
        this.replicas = replicas;
        this.commits = commits;
        this.effects = effects;
    }

    /** Between a clean shutdown's start and the process's end. */
    boolean closing() {
        return shutdown != Shutdown.NONE;
    }

    /** Start (or restart), crash recovery first: each flavour decides what becomes of the prepared transactions. */
    void start() {
        List<Transaction> prepared = List.copyOf(toRecover);
        NodeState state = server.start(prepared);
        trace.record(server.name(), "mysqld", "start", "state", state.name());
        if (state != NodeState.RUNNING) {
            effects.nodeState(false, false); // the host is there, nothing listens on it: a connect is refused
            return;
        }
        if (!prepared.isEmpty()) {
            var d = server.lastRecovery();
            trace.record(server.name(), "mysqld", "crash.recovery", "prepared", (long) prepared.size(),
                    "committed", (long) d.commit().size(), "rolled_back", (long) d.rollBack().size());
            toRecover.clear();
        }
        effects.nodeState(true, false);
        // skip_replica_start is OFF by default: a configured replica resumes replicating. The I/O thread
        // starts first (start_slave_threads) and writes its first line before the server's "ready for
        // connections"; the SQL thread's initialisation comes after it (measured on MariaDB 10.11).
        boolean replicate = server.channel().isConfigured() && !replicas.ioThreadRunning();
        if (replicate) {
            server.replicaThreadsStarting(false, false);
            replicas.startIoThread();
        }
        effects.ready(replicate);
    }

    /** The start's last part: the "ready for connections" line, then a replica's SQL thread. */
    void ready(boolean startSqlThread) {
        if (server.state() != NodeState.RUNNING) {
            return;
        }
        server.ready();
        if (startSqlThread && !replicas.sqlThreadRunning()) {
            replicas.startSqlThread();
        }
    }

    /**
     * A clean shutdown's first phase (mysqld.cc close_connections): the request is logged; client
     * connections are killed (MariaDB shuts their sockets: a waiting client gets 2013 at once; MySQL only
     * wakes them), the replica threads stop, the ACK receiver stops; the dump threads are killed later.
     */
    void shutdown(String initiatedBy) {
        // One shutdown per process: MySQL's signal_hand runs close_connections only
        // if (!connection_events_loop_aborted()), and MariaDB's break_connect_loop only sets abort_loop
        // again, main() closing the connections once (mysqld.cc). A second request changes nothing.
        if (server.state() != NodeState.RUNNING || shutdown != Shutdown.NONE) {
            return;
        }
        shutdown = Shutdown.CLOSING;
        sequence++;
        // The listening sockets close before any thread is told to end (mysqld.cc close_connections:
        // MariaDB closes its listen_sockets, MySQL calls mysqld_socket_acceptor->close_listener()), so a
        // replica that reconnects meanwhile is refused (2003), not accepted and then dropped (2013).
        effects.stopListening();
        trace.record(server.name(), "mysqld", "shutdown", "initiated_by", initiatedBy);
        server.runAs(0, () -> server.errorLog().log("shutdown-requested", "user", initiatedBy, "version",
                server.variables().get("version")));
        var style = server.flavor().threadStyle().shutdown();
        // get_thd_count(): every THD, the dump, replica and daemon threads too, as the process list shows them.
        server.runAs(0, () -> server.errorLog().log("shutdown-giving-threads", "count", server.threads().listed().size()));
        for (ClientConnections.Connection conn : clients.all()) {
            commits.shutdownWake(conn.thread.id());
            if (style.clientsLoseConnection()) {
                killer.killClient(conn.thread.id(), false);
            } else if (conn.waiting != null) {
                conn.closeAfterStatement = true; // Set_kill_conn: killed, its socket left open
            }
        }
        server.runAs(0, () -> server.errorLog().log("shutdown-replica-threads"));
        replicas.stopRunning();
        if (replicas.sqlStopping()) {
            // end_slave waits for the SQL thread, which first finishes the transaction the server is
            // committing for it, semisync wait included (measured on MariaDB 10.11.18: the shutdown waited
            // out rpl_semi_sync_master_timeout, the SQL thread's exit logged before the ACK receiver's stop).
            long seq = sequence;
            replicas.whenStopped(() -> {
                if (seq == sequence) {
                    replicaThreadsStopped();
                }
            });
        } else {
            replicaThreadsStopped();
        }
    }

    /** The shutdown goes on once the replica threads have stopped: the plugins' threads, then the dump threads. */
    private void replicaThreadsStopped() {
        server.stopPluginThreads();
        effects.after(server.flavor().threadStyle().shutdown().dumpThreadsAfterMicros(), Phase.KILL_DUMPS, sequence);
    }

    /** A timed phase of shutdown sequence {@code sequence} is due: nothing, if that sequence has ended. */
    void phase(Phase phase, long sequence) {
        if (sequence != this.sequence) {
            return;
        }
        switch (phase) {
            case KILL_DUMPS -> killDumps();
            case CLOSE_REMAINING -> closeRemaining();
        }
    }

    private void killDumps() {
        if (shutdown != Shutdown.CLOSING) {
            return;
        }
        List<DumpRegistry.Dump> dumps = server.dumps().all();
        for (DumpRegistry.Dump d : dumps) {
            effects.killDump(d.connection(), true); // its stream ends with an EOF packet
        }
        // The dump threads' ends (transmit_stop, remove_slave) are handled as they stop; a commit they
        // release finishes and answers. Threads left then (a dump thread still going, an idle client)
        // get the flavour's last wait before the rest are closed by force.
        boolean threadsLeft = !dumps.isEmpty() || !clients.notKilled().isEmpty();
        long wait = threadsLeft ? server.flavor().threadStyle().shutdown().remainingAfterMicros() : 1;
        effects.after(wait, Phase.CLOSE_REMAINING, sequence);
        shutdown = Shutdown.FINISHING;
    }

    /**
     * MySQL's Call_close_conn (mysqld.cc close_connections): every connection still open is closed, each
     * with a warning naming its thread and user (a client waiting on a statement gets 2013); then the
     * process ends. MariaDB closed its clients at the start, so nothing is left here.
     */
    private void closeRemaining() {
        if (shutdown != Shutdown.FINISHING) {
            return;
        }
        List<ClientConnections.Connection> left = clients.notKilled();
        server.runAs(0, () -> server.errorLog().log("shutdown-disconnecting", "count", left.size()));
        for (ClientConnections.Connection conn : left) {
            server.runAs(0, () -> server.errorLog().log("shutdown-forcing-close", "thread", conn.thread.id(),
                    "user", conn.thread.user()));
            killer.killClient(conn.thread.id(), false);
        }
        effects.exit();
    }

    /**
     * The process ends at once (kill -9, a fatal signal: mysqld.cc handle_fatal_signal has no shutdown),
     * or, when the shutdown's last phase asked for it, ends cleanly (the binlog closed with its Stop
     * event). The OS closes its sockets and keeps what it wrote; with {@code powerLoss} the machine goes
     * too, and what was not fsynced of the binlog and relay log is lost.
     */
    void crash(boolean powerLoss) {
        boolean clean = shutdown == Shutdown.FINISHING;
        shutdown = Shutdown.NONE; // a shutdown under way ends with the process: its pending phases find it gone
        sequence++;
        if (server.state() != NodeState.RUNNING) {
            return;
        }
        trace.record(server.name(), "mysqld", clean ? "stopped" : powerLoss ? "power-off" : "crash");
        effects.threadsGone();
        if (clean) {
            server.shutdown();
        } else {
            server.crash();
            // A power loss takes the unsynced binlog tail; crash recovery decides what becomes of the
            // prepared transactions the binlog still holds (all that were written, after a process crash).
            int lost = powerLoss ? server.binlog().powerLoss() : 0;
            List<BinlogPosition> ends = new ArrayList<>();
            List<GroupCommit.Pending> prepared = commits.crash(ends);
            for (int i = 0; i < prepared.size(); i++) {
                if (!powerLoss || server.binlog().isSynced(ends.get(i))) {
                    toRecover.add(prepared.get(i).transaction());
                }
            }
            int relayLost = powerLoss ? server.channel().powerLoss() : 0;
            trace.record(server.name(), "mysqld", "crash.lost", "binlog_events", (long) lost, "relay_events",
                    (long) relayLost, "prepared_in_binlog", (long) toRecover.size());
        }
        commits.gone(); // in-flight commits die with the process; their clients lose the connection
        clients.processEnded();
        effects.cancelDeadlines();
        effects.nodeState(false, powerLoss);
    }
}
