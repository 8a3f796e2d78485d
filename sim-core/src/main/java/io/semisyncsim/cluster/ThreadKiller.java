package io.semisyncsim.cluster;

import io.semisyncsim.server.ReplicationControl;
import io.semisyncsim.server.ReplicationWaits;
import io.semisyncsim.server.Threads;
import java.util.function.LongConsumer;

/**
 * KILL [CONNECTION | QUERY] of one thread, as each kind of thread takes it (sql_parse.cc kill_one_thread,
 * then THD::awake): a client's wait is the commit path's to end or not (MariaDB's ends, MySQL's
 * re-waits), and KILL CONNECTION also shuts the client's socket, so it gets 2013 at once while the
 * server side finishes its commit; a binlog dump thread ends; a replica thread stops, as STOP SLAVE
 * stops it. The statement's own checks (privilege, unknown id) come before, in the statement executor.
 */
final class ThreadKiller {

    private final Threads threads;
    private final ClientConnections clients;
    private final CommitPath commits;
    /** Ends the binlog dump thread with this thread id (no EOF packet: its socket just closes). */
    private final LongConsumer killDump;
    private final ReplicationControl replicas;
    private final ReplicationWaits waits;

    ThreadKiller(Threads threads, ClientConnections clients, CommitPath commits, LongConsumer killDump,
                 ReplicationControl replicas, ReplicationWaits waits) {
        this.threads = threads;
        this.clients = clients;
        this.commits = commits;
        this.killDump = killDump;
        this.replicas = replicas;
        this.waits = waits;
    }

    /** KILL [QUERY] {@code thread}: nothing when no such thread runs (any more). */
    void kill(long thread, boolean queryOnly) {
        Threads.Thread t = threads.find(thread);
        if (t == null) {
            return;
        }
        switch (t.kind()) {
            case CLIENT -> killClient(thread, queryOnly);
            case BINLOG_DUMP -> killDump.accept(thread);
            case REPLICA_IO -> {
                if (replicas.ioThreadRunning()) {
                    replicas.stopIoThread();
                }
            }
            case REPLICA_SQL -> {
                // A commit it waits on sees the kill as a client's does (MariaDB's wait ends: measured on
                // 10.11.18, KILL answered at once, no_tx, semisync still ON); then it stops after that
                // transaction, as STOP SLAVE stops it.
                commits.killed(thread);
                if (replicas.sqlThreadRunning()) {
                    replicas.killSqlThread();
                }
            }
            default -> {
            }
        }
    }

    /**
     * A client thread: its commit wait sees the kill; KILL CONNECTION (not QUERY) ends its connection too.
     * Also a clean shutdown's kill of every client (mysqld.cc close_connections).
     */
    void killClient(long thread, boolean queryOnly) {
        commits.killed(thread);
        ClientConnections.Connection conn = clients.byThread(thread);
        // A wait function returns (MASTER_POS_WAIT: NULL) and its statement answers; a killed connection
        // then ends (measured on MariaDB 10.11: the client of KILL CONNECTION still gets its row).
        ReplicationWaits.Target waited = waits.killed(thread);
        if (conn == null || queryOnly) {
            return;
        }
        if (waited != null && waited.answersBeforeConnectionEnds()) {
            conn.closeAfterStatement = true;
            return;
        }
        clients.kill(conn, commits.running());
    }
}
