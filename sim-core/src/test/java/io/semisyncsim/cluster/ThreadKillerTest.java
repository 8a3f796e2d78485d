package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.ReplicationControl;
import io.semisyncsim.server.Threads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KILL as each kind of thread takes it (sql_parse.cc kill_one_thread): clients, dump and replica threads. */
class ThreadKillerTest {

    private final List<String> did = new ArrayList<>();
    private final Mysqld node = Nodes.started("mysql-8.0");
    private final ClientConnections clients = new ClientConnections(node, (request, error) ->
            did.add("lost " + request + " " + error.code()));
    private boolean ioRunning = true;
    private boolean sqlRunning = true;

    private final RecordingCommitPath commits = new RecordingCommitPath(did);

    private final ReplicationControl replicas = new ReplicationControl() {
        @Override
        public void startIoThread() {
            throw new AssertionError("a KILL starts nothing");
        }

        @Override
        public void stopIoThread() {
            did.add("stop io");
            ioRunning = false;
        }

        @Override
        public void startSqlThread() {
            throw new AssertionError("a KILL starts nothing");
        }

        @Override
        public void stopSqlThread() {
            did.add("stop sql");
            sqlRunning = false;
        }

        @Override
        public boolean ioThreadRunning() {
            return ioRunning;
        }

        @Override
        public boolean sqlThreadRunning() {
            return sqlRunning;
        }
    };

    private final ThreadKiller killer = new ThreadKiller(node.threads(), clients, commits,
            thread -> did.add("kill dump " + thread), replicas, node.waits());

    private long thread(Threads.Kind kind) {
        return node.threads().open(kind, "system user", "", "Connect", 0).id();
    }

    @Test
    void killQueryOfAClientReachesItsCommitWaitAndLeavesTheConnection() {
        ClientConnections.Connection conn = clients.open(1, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        killer.kill(conn.thread.id(), true);
        assertEquals(List.of("commit wait of " + conn.thread.id() + " sees the kill"), did);
        assertFalse(conn.killed);
    }

    @Test
    void killConnectionOfAWaitingClientAlsoAnswersItWithLostConnection() {
        ClientConnections.Connection conn = clients.open(1, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        killer.kill(conn.thread.id(), false);
        assertEquals(List.of("commit wait of " + conn.thread.id() + " sees the kill", "lost INSERT 2013"), did);
        assertTrue(conn.killed);
    }

    @Test
    void aClientKilledWhileItsCommitRunsKeepsItsStateInTheProcessList() {
        ClientConnections.Connection conn = clients.open(1, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        conn.thread.state("Waiting for semi-sync ACK from replica");
        commits.running = true;
        killer.kill(conn.thread.id(), false);
        assertEquals("Waiting for semi-sync ACK from replica", conn.thread.state());
    }

    @Test
    void aDumpThreadIsEnded() {
        long dump = thread(Threads.Kind.BINLOG_DUMP);
        killer.kill(dump, false);
        assertEquals(List.of("kill dump " + dump), did);
    }

    @Test
    void theReplicaIoThreadStopsAsStopSlaveStopsIt() {
        killer.kill(thread(Threads.Kind.REPLICA_IO), false);
        assertEquals(List.of("stop io"), did);
    }

    @Test
    void theReplicaSqlThreadsCommitWaitSeesTheKillThenItStopsAsStopSlaveStopsIt() {
        long sql = thread(Threads.Kind.REPLICA_SQL);
        killer.kill(sql, true);
        assertEquals(List.of("commit wait of " + sql + " sees the kill", "stop sql"), did);
    }

    @Test
    void aReplicaThreadAlreadyStoppingIsNotStoppedTwice() {
        ioRunning = false;
        killer.kill(thread(Threads.Kind.REPLICA_IO), false);
        assertEquals(List.of(), did);
    }

    @Test
    void aThreadThatEndedMeanwhileIsNoLongerThereToKill() {
        long gone = thread(Threads.Kind.BINLOG_DUMP);
        node.threads().close(gone);
        killer.kill(gone, false);
        assertEquals(List.of(), did);
    }

    @Test
    void aBackgroundThreadIgnoresTheKill() {
        killer.kill(thread(Threads.Kind.BACKGROUND), false);
        assertEquals(List.of(), did);
    }
}
