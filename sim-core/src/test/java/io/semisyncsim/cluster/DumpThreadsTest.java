package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.channel.GtidDump;
import io.semisyncsim.net.Packet;
import io.semisyncsim.replication.Protocol;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.DumpRegistry;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.Session;
import io.semisyncsim.server.Threads;
import io.semisyncsim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The source's side of a replication connection without actors: the handshake, COM_BINLOG_DUMP with its
 * zombie kill (kill_zombie_dump_threads) and transmit_start, the ACK receiver's reads, a dump's end.
 */
class DumpThreadsTest {

    private final List<String> did = new ArrayList<>();
    private final List<Packet.Payload> sent = new ArrayList<>();
    private final List<String> traced = new ArrayList<>();
    private boolean shuttingDown;
    private Mysqld node;

    private final DumpThreads.Effects<String> effects = new DumpThreads.Effects<>() {
        @Override
        public void send(long connection, Packet.Payload payload) {
            sent.add(payload);
        }

        @Override
        public void watchDumpSocket(long connection) {
            did.add("server watches " + connection);
        }

        @Override
        public String startDump(long connection, Protocol.DumpRequest request, boolean semisync, GtidDump gtids,
                                String refusal) {
            did.add("start dump " + connection + (semisync ? " semisync" : ""));
            return "dump-" + connection;
        }

        @Override
        public String startFinalizing(long connection) {
            did.add("dump " + connection + " waits to finalize");
            return "dump-" + connection;
        }

        @Override
        public void kill(String dump, boolean eof) {
            did.add("kill " + dump + (eof ? " with EOF" : ""));
        }

        @Override
        public void endWithError(String dump, Protocol.DumpError error) {
            did.add("kill " + dump + " with " + error.code());
        }

        @Override
        public void stop(String dump) {
            did.add("stop " + dump);
        }
    };

    private DumpThreads<String> dumps(String flavor) {
        node = Nodes.started(flavor);
        Trace trace = Nodes.traceKindsInto(traced);
        return new DumpThreads<>(node, trace, () -> shuttingDown, effects);
    }

    /** MariaDB with its built-in semisync source plugin switched ON. */
    private DumpThreads<String> semisyncMariadb() {
        DumpThreads<String> d = dumps("mariadb-10.11");
        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_enabled = 1", new Session());
        return d;
    }

    private static Protocol.DumpRequest request(long serverId, String uuid, boolean semisync) {
        return new Protocol.DumpRequest(serverId, "replica" + serverId, uuid, new BinlogPosition("mysql-bin.000001", 4),
                0, semisync);
    }

    /** The topology's login: repl, identified by 'repl'. */
    private static Protocol.Hello hello() {
        return new Protocol.Hello(2, "replica1", "", "repl", "repl");
    }

    private String status(String name) {
        return node.status().get(name);
    }

    private List<String> errorLog() {
        return node.errorLog().entries().stream().map(e -> e.text()).toList();
    }

    @Test
    void aHandshakeGivesTheConnectionAThreadAndTellsTheReplicaWhetherSemisyncIsOn() {
        DumpThreads<String> d = semisyncMariadb();
        d.hello(7, "replica1", hello());
        Protocol.Greeting g = (Protocol.Greeting) sent.get(0);
        Threads.Thread t = node.threads().find(g.threadId());
        assertNotNull(t);
        assertEquals("Connect", t.command());
        assertTrue(g.semisyncVariable());
        assertTrue(g.semisyncEnabled());
    }

    @Test
    void aLoginWithAnotherPasswordIsRefusedWith1045AndOpensNoThread() {
        DumpThreads<String> d = semisyncMariadb();
        long threadsBefore = node.threads().all().size();
        d.hello(7, "replica1", new Protocol.Hello(2, "replica1", "", "repl", "wrong"));
        Protocol.AccessDenied denied = (Protocol.AccessDenied) sent.get(0);
        assertEquals(1045, denied.code());
        assertEquals("Access denied for user 'repl'@'replica1' (using password: YES)", denied.message());
        assertEquals(threadsBefore, node.threads().all().size());
        assertTrue(errorLog().stream().anyMatch(l -> l.contains("Access denied for user 'repl'@'replica1'")));
    }

    @Test
    void aServerWithoutTheSemisyncPluginSaysItsVariableDoesNotExist() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.hello(7, "replica1", hello());
        Protocol.Greeting g = (Protocol.Greeting) sent.get(0);
        assertFalse(g.semisyncVariable());
    }

    @Test
    void eachSetupQueryIsAnsweredWithItsNumber() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.setupQuery(7, new Protocol.SetupQuery(3));
        assertEquals(List.of(new Protocol.SetupReply(3)), sent);
    }

    @Test
    void aHandshakeWhoseReplicaLeavesEndsItsThread() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.hello(7, "replica1", hello());
        long thread = ((Protocol.Greeting) sent.get(0)).threadId();
        d.peerClosed(7, false);
        assertNull(node.threads().find(thread));
    }

    @Test
    void aDumpRequestTurnsTheHandshakesThreadIntoABinlogDumpThread() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.hello(7, "replica1", hello());
        long thread = ((Protocol.Greeting) sent.get(0)).threadId();
        d.dumpRequest(7, "replica1", request(2, "uuid-2", false));
        assertEquals(Threads.Kind.BINLOG_DUMP, node.threads().find(thread).kind());
        assertEquals(thread, node.dumps().get(7).thread());
        assertEquals(List.of("server watches 7", "start dump 7"), did);
        assertEquals(List.of("dump-7"), List.copyOf(d.running()));
    }

    @Test
    void aSemisyncDumpIsRegisteredAndItsSocketPolledByTheAckReceiver() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        assertTrue(node.dumps().get(7).semisync());
        assertEquals(List.of("server watches 7", "start dump 7 semisync"), did);
        assertEquals("1", status("Rpl_semi_sync_master_clients"));
    }

    @Test
    void aReplicaThatDoesNotAskForSemisyncGetsAnAsynchronousDump() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", false));
        assertFalse(node.dumps().get(7).semisync());
        assertEquals(List.of("server watches 7", "start dump 7"), did);
        assertEquals("0", status("Rpl_semi_sync_master_clients"));
    }

    @Test
    void mariadbKillsTheZombieOfTheSameServerIdWith4052AndEndsItsRegistrationBeforeTheNewDumpStarts() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        long zombie = node.dumps().get(7).thread();
        did.clear();
        int logged = errorLog().size();
        d.dumpRequest(8, "replica1", request(2, "", true));
        assertEquals(List.of("kill dump-7 with 4052", "server watches 8", "start dump 8 semisync"), did);
        assertNull(node.dumps().get(7));
        assertNull(node.threads().find(zombie));
        assertEquals("1", status("Rpl_semi_sync_master_clients"));
        assertFalse(errorLog().subList(logged, errorLog().size()).stream().anyMatch(l -> l.contains("zombie")),
                "MariaDB logs nothing for the zombie");
    }

    @Test
    void mysqlKillsTheZombieOfTheSameUuidAsynchronouslyAndLogsIt() {
        DumpThreads<String> d = dumps("mysql-5.7");
        d.dumpRequest(7, "replica1", request(2, "uuid-2", false));
        long zombie = node.dumps().get(7).thread();
        did.clear();
        d.dumpRequest(8, "replica1", request(2, "uuid-2", false));
        assertEquals(List.of("kill dump-7", "server watches 8", "start dump 8"), did);
        assertNotNull(node.dumps().get(7), "the zombie ends when it next looks, after the new dump started");
        assertTrue(errorLog().stream().anyMatch(l -> l.contains("found a zombie dump thread with the same UUID")
                && l.contains("thread(" + zombie + ")")), errorLog().toString());
    }

    @Test
    void aReplicaWithAnotherUuidLeavesMysqlsOtherDumpsAlone() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.dumpRequest(7, "replica1", request(2, "uuid-2", false));
        did.clear();
        d.dumpRequest(8, "replica2", request(2, "uuid-3", false));
        assertEquals(List.of("server watches 8", "start dump 8"), did);
    }

    @Test
    void theAckReceiverHandsAnAckOnASemisyncDumpToThePlugin() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        d.ackRead(7, new Protocol.Ack(new BinlogPosition("mysql-bin.000001", 4)));
        assertTrue(traced.contains("ack"), traced.toString());
    }

    @Test
    void anAckThatComesWhileSemisyncIsDisabledWaitsForTheAckReceiversRestart() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_enabled = 0", new Session());

        d.ackRead(7, new Protocol.Ack(new BinlogPosition("mysql-bin.000001", 4)));
        assertEquals("0", status("Rpl_semi_sync_master_get_ack"), "no receiver reads the socket");
        assertTrue(d.hasUnread());

        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_enabled = 1", new Session());
        d.ackReceiverStarted();
        assertEquals("1", status("Rpl_semi_sync_master_get_ack"));
        assertFalse(d.hasUnread());
    }

    @Test
    void anAckNobodyReadIsGoneWithItsConnection() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        node.execute(Account.ROOT, "SET GLOBAL rpl_semi_sync_master_enabled = 0", new Session());
        d.ackRead(7, new Protocol.Ack(new BinlogPosition("mysql-bin.000001", 4)));

        d.processEnded();
        assertFalse(d.hasUnread());
    }

    @Test
    void anAckOnAConnectionWithNoSemisyncDumpIsNotRead() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", false));
        d.ackRead(7, new Protocol.Ack(new BinlogPosition("mysql-bin.000001", 4)));
        d.ackRead(9, new Protocol.Ack(new BinlogPosition("mysql-bin.000001", 4)));
        assertFalse(traced.contains("ack"), traced.toString());
    }

    @Test
    void aDumpThatEndsRunsTransmitStopAndItsRegistrationEnds() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        long thread = node.dumps().get(7).thread();
        assertTrue(d.ended("dump-7"));
        assertNull(node.dumps().get(7));
        assertNull(node.threads().find(thread));
        assertEquals("0", status("Rpl_semi_sync_master_clients"));
        assertTrue(errorLog().contains("Stop semi-sync binlog_dump to slave (server_id: 2)"), errorLog().toString());
        assertTrue(d.running().isEmpty());
    }

    @Test
    void aFailedFlushForAnAckLogsItEndsTheDumpAndAbortsItsConnection() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        d.netFlushFailed(7, true);
        assertEquals(List.of("server watches 7", "start dump 7 semisync", "stop dump-7"), did);
        assertEquals("0", status("Rpl_semi_sync_master_clients"));
        List<String> log = errorLog();
        int flush = log.indexOf("Semi-sync master failed on net_flush() before waiting for slave reply");
        int stop = log.indexOf("Stop semi-sync binlog_dump to slave (server_id: 2)");
        assertTrue(flush >= 0 && stop > flush, log.toString());
        assertTrue(log.get(log.size() - 1).startsWith("Aborted connection"), log.toString());
    }

    @Test
    void anyOtherFailedWriteEndsTheDumpOnTheWriteErrorWithoutTheSemisyncLine() {
        DumpThreads<String> d = semisyncMariadb();
        d.dumpRequest(7, "replica1", request(2, "", true));
        d.netFlushFailed(7, false);
        assertEquals(List.of("server watches 7", "start dump 7 semisync", "stop dump-7"), did);
        List<String> log = errorLog();
        assertFalse(log.contains("Semi-sync master failed on net_flush() before waiting for slave reply"), log.toString());
        assertTrue(log.get(log.size() - 1).endsWith("(Got an error writing communication packets)"), log.toString());
    }

    @Test
    void aConnectionClosedBeforeItsLoginIsLoggedAsUnauthenticatedOnMariadb() {
        DumpThreads<String> d = dumps("mariadb-10.11");
        int threads = node.threads().all().size();
        d.closedBeforeLogin(9, "replica1");
        assertEquals(threads, node.threads().all().size()); // its thread ended with it
        List<String> log = errorLog();
        assertTrue(log.get(log.size() - 1).endsWith("user: 'unauthenticated' host: 'replica1' (This connection closed "
                + "normally without authentication)"), log.toString());
    }

    @Test
    void aThreadThatIsNoDumpIsNotOurs() {
        DumpThreads<String> d = dumps("mysql-8.0");
        assertFalse(d.ended("io-1"));
    }

    @Test
    void aKillOfADumpThreadByItsIdEndsItWithoutAnEofPacket() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.dumpRequest(7, "replica1", request(2, "uuid-2", false));
        did.clear();
        d.killThread(node.dumps().get(7).thread());
        assertEquals(List.of("kill dump-7"), did);
    }

    @Test
    void theShutdownsKillOfADumpEndsItsStreamWithAnEofPacket() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.dumpRequest(7, "replica1", request(2, "uuid-2", false));
        did.clear();
        d.kill(7, true);
        assertEquals(List.of("kill dump-7 with EOF"), did);
    }

    @Test
    void theEndOfTheProcessStopsEveryDumpThreadAndForgetsEveryConnection() {
        DumpThreads<String> d = dumps("mysql-8.0");
        d.dumpRequest(7, "replica1", request(2, "uuid-2", false));
        d.hello(8, "replica2", hello());
        long handshake = ((Protocol.Greeting) sent.get(0)).threadId();
        did.clear();
        d.processEnded();
        assertEquals(List.of("stop dump-7"), did);
        assertTrue(node.dumps().isEmpty());
        assertTrue(d.running().isEmpty());
        d.dumpRequest(8, "replica2", request(3, "uuid-3", false));
        assertFalse(node.dumps().get(8).thread() == handshake, "a handshake of the old process is not taken up");
    }
}
