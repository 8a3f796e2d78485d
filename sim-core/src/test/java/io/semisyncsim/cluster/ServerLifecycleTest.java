package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.GroupCommit;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.DumpRegistry;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's start, clean shutdown in its phases (mysqld.cc close_connections) and crash, without actors. */
class ServerLifecycleTest {

    private final List<String> did = new ArrayList<>();
    private final List<String> traced = new ArrayList<>();
    /** The shutdown sequence the last phase timer was set for. */
    private long due;
    private final RecordingCommitPath commits = new RecordingCommitPath(did);

    private final ServerLifecycle.Effects effects = new ServerLifecycle.Effects() {
        @Override
        public void stopListening() {
            did.add("stop listening");
        }

        @Override
        public void nodeState(boolean up, boolean powerLoss) {
            did.add(up ? "up" : powerLoss ? "down, power lost" : "down");
        }

        @Override
        public void after(long micros, ServerLifecycle.Phase phase, long sequence) {
            did.add(phase + " after " + micros);
            due = sequence;
        }

        @Override
        public void exit() {
            did.add("exit");
        }

        @Override
        public void ready(boolean startSqlThread) {
            did.add("ready, sql thread " + startSqlThread);
        }

        @Override
        public void killDump(long connection, boolean eof) {
            did.add("kill dump " + connection + (eof ? " with EOF" : ""));
        }

        @Override
        public void threadsGone() {
            did.add("thread actors stopped");
        }

        @Override
        public void cancelDeadlines() {
            did.add("deadlines cancelled");
        }
    };

    private Mysqld node;
    private ClientConnections clients;

    private ServerLifecycle lifecycle(String flavor) {
        node = Nodes.started(flavor);
        Trace trace = Nodes.traceKindsInto(traced);
        clients = new ClientConnections(node, (request, error) -> did.add("lost " + request + " " + error.code()));
        ReplicaThreads replicas = new ReplicaThreads(() -> null, () -> null, () -> { }, () -> false);
        ThreadKiller killer = new ThreadKiller(node.threads(), clients, commits, thread -> { }, replicas,
                node.waits());
        return new ServerLifecycle(node, trace, clients, killer, replicas, commits, effects);
    }

    private ClientConnections.Connection waitingClient(long session) {
        ClientConnections.Connection conn = clients.open(session, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        return conn;
    }

    private List<String> errorLog() {
        return node.errorLog().entries().stream().map(e -> e.text()).toList();
    }

    @Test
    void aShutdownClosesTheListenersBeforeAnythingElseAndSchedulesTheDumpKill() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        assertEquals(List.of("stop listening", "KILL_DUMPS after 8000000"), did);
        assertTrue(l.closing());
        assertTrue(traced.contains("shutdown"));
    }

    @Test
    void mariadbsShutdownKillsItsClientsAtOnce() {
        ServerLifecycle l = lifecycle("mariadb-10.11");
        ClientConnections.Connection conn = waitingClient(1);
        l.shutdown("root");
        assertTrue(did.contains("lost INSERT 2013"), did.toString());
        assertTrue(conn.killed);
    }

    @Test
    void mysqlsShutdownOnlyFlagsABusyClientToCloseAfterItsStatement() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        ClientConnections.Connection conn = waitingClient(1);
        l.shutdown("root");
        assertTrue(conn.closeAfterStatement);
        assertFalse(conn.killed);
        assertTrue(did.contains("commit wait of " + conn.thread.id() + " woken by the shutdown"), did.toString());
    }

    @Test
    void aSecondShutdownWhileTheFirstClosesConnectionsIsIgnored() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        did.clear();
        l.shutdown("root");
        assertEquals(List.of(), did);
    }

    @Test
    void aSecondShutdownWhileTheFirstIsFinishingIsIgnored() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        did.clear();
        int logged = errorLog().size();
        l.shutdown("root");
        assertEquals(List.of(), did);
        assertEquals(logged, errorLog().size());
    }

    @Test
    void aCrashDuringTheShutdownEndsItSoTheRestartedServerIsNotClosing() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        l.crash(false);
        l.start();
        assertFalse(l.closing());
    }

    @Test
    void aPhaseOfAShutdownThatACrashEndedLeavesTheRestartedServerAlone() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        long ended = due;
        l.crash(false);
        l.start();
        node.dumps().add(new DumpRegistry.Dump(5, 100, 2, "", true, "replica1"));
        did.clear();
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, ended);
        l.phase(ServerLifecycle.Phase.CLOSE_REMAINING, ended);
        assertEquals(List.of(), did);
        assertEquals(NodeState.RUNNING, node.state());
    }

    @Test
    void theLastPhaseOfAShutdownThatACrashEndedDoesNotCutTheNextShutdownShort() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        long ended = due;
        l.crash(false);
        l.start();
        l.shutdown("root");
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        did.clear();
        l.phase(ServerLifecycle.Phase.CLOSE_REMAINING, ended);
        assertEquals(List.of(), did);
    }

    @Test
    void theSecondPhaseKillsEveryDumpThreadWithAnEofThenWaitsTheFlavoursLastWait() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        node.dumps().add(new DumpRegistry.Dump(5, 100, 2, "", true, "replica1"));
        l.shutdown("root");
        did.clear();
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        assertEquals(List.of("kill dump 5 with EOF", "CLOSE_REMAINING after 2000000"), did);
        assertTrue(l.closing());
    }

    @Test
    void withNoThreadLeftTheLastPhaseFollowsAtOnce() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        did.clear();
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        assertEquals(List.of("CLOSE_REMAINING after 1"), did);
    }

    @Test
    void theLastPhaseClosesEachConnectionLeftWithAWarningThenExits() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        ClientConnections.Connection idle = clients.open(1, Account.ROOT);
        l.shutdown("root");
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        l.phase(ServerLifecycle.Phase.CLOSE_REMAINING, due);
        assertTrue(idle.killed);
        assertTrue(errorLog().contains("/usr/sbin/mysqld: Forcing close of thread " + idle.thread.id() + "  user: 'root'."),
                errorLog().toString());
        assertEquals("exit", did.get(did.size() - 1));
    }

    @Test
    void aPhaseOfAShutdownThatIsNotUnderWayDoesNothing() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        l.phase(ServerLifecycle.Phase.CLOSE_REMAINING, due);
        assertEquals(List.of(), did);
    }

    @Test
    void theExitAfterTheLastPhaseIsACleanStop() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.shutdown("root");
        l.phase(ServerLifecycle.Phase.KILL_DUMPS, due);
        l.phase(ServerLifecycle.Phase.CLOSE_REMAINING, due);
        l.crash(false);
        assertEquals(NodeState.STOPPED, node.state());
        assertTrue(traced.contains("stopped"));
        assertFalse(l.closing());
        assertFalse(did.contains("commits crashed"), "a clean stop leaves nothing prepared to recover");
    }

    @Test
    void aCrashLosesEveryWaitingClientAndTakesTheNodeOffTheNetwork() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        waitingClient(1);
        l.crash(false);
        assertEquals(NodeState.CRASHED, node.state());
        assertEquals(List.of("thread actors stopped", "commits crashed", "commit path gone", "lost INSERT 2013",
                "deadlines cancelled", "down"), did);
        assertTrue(traced.contains("crash"));
    }

    @Test
    void aPowerLossIsTracedAsSuchAndItsPeersHearNothing() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.crash(true);
        assertTrue(traced.contains("power-off"));
        assertEquals("down, power lost", did.get(did.size() - 1));
    }

    @Test
    void aNodeThatIsNotRunningIgnoresACrash() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.crash(false);
        did.clear();
        l.crash(false);
        assertEquals(List.of(), did);
    }

    @Test
    void theNextStartRecoversWhatAProcessCrashLeftPrepared() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        commits.prepared.add(new GroupCommit.Pending(new Transaction(1, null, 0, List.of()), "client"));
        commits.ends.add(new BinlogPosition("binlog.000001", 4));
        l.crash(false);
        did.clear();
        l.start();
        assertEquals(NodeState.RUNNING, node.state());
        assertTrue(traced.contains("crash.recovery"), traced.toString());
        assertEquals(List.of("up", "ready, sql thread false"), did);
    }

    @Test
    void aStartWithNothingPreparedRecoversNothing() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.crash(false);
        l.start();
        assertFalse(traced.contains("crash.recovery"), traced.toString());
    }

    @Test
    void theReadyLineIsWrittenOnlyByARunningServer() {
        ServerLifecycle l = lifecycle("mysql-8.0");
        l.crash(false);
        int before = errorLog().size();
        l.ready(false);
        assertEquals(before, errorLog().size());
    }
}
