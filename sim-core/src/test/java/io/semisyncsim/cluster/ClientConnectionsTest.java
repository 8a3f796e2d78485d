package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mysqld's client connections: opened, busy, answered, quit, killed and ended with the process. */
class ClientConnectionsTest {

    private final List<String> lost = new ArrayList<>();

    private ClientConnections connections(Mysqld node) {
        return new ClientConnections(node, (request, error) -> lost.add(request + " " + error.code() + " "
                + error.getMessage()));
    }

    @Test
    void aSessionsFirstRequestOpensAConnectionWhoseIdIsItsThreads() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections.Connection conn = connections(node).open(7, Account.APP);
        assertEquals("app", node.threads().find(conn.thread.id()).user());
        assertEquals(conn.thread.id(), conn.session.connectionId());
        assertEquals(conn.thread.id(), node.sessionThreads().get(7L));
    }

    @Test
    void laterRequestsOfTheSessionUseTheSameConnection() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        assertSame(clients.open(7, Account.ROOT), clients.open(7, Account.ROOT));
    }

    @Test
    void comQuitOfAnIdleConnectionEndsItsThreadAtOnce() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections clients = connections(node);
        long thread = clients.open(7, Account.ROOT).thread.id();
        clients.quit(7);
        assertNull(node.threads().find(thread));
        assertNull(node.sessionThreads().get(7L));
    }

    @Test
    void comQuitOfABusyConnectionLeavesItUntilItsRequestIsDone() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections clients = connections(node);
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        clients.quit(7);
        assertNotNull(node.threads().find(conn.thread.id()), "still working on its statement");
        assertNull(clients.committed(conn.thread.id()), "nobody waits for the commit's answer");
        assertNull(node.threads().find(conn.thread.id()));
    }

    @Test
    void killConnectionAnswersTheWaitingClientWithLostConnectionAtOnce() {
        ClientConnections clients = connections(Nodes.started("mariadb-10.11"));
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        clients.kill(conn, true);
        assertEquals(List.of("INSERT 2013 Lost connection to server during query"), lost);
        assertNull(conn.waiting);
    }

    @Test
    void aClientToldItsConnectionIsLostHasNoConnectionIdWhileItsThreadFinishes() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections clients = connections(node);
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        clients.kill(conn, true);
        assertNull(node.sessionThreads().get(7L), "the client had 2013: KILL has no id of it to name");
        assertSame(conn, clients.byThread(conn.thread.id()), "the server's thread still works on the commit");
        assertNull(clients.committed(conn.thread.id()));
        assertNull(clients.byThread(conn.thread.id()), "the commit done, the connection is gone");
        assertNull(node.threads().find(conn.thread.id()));
    }

    @Test
    void mysqlWordsTheLostConnectionAsItsOwnClientLibraryDoes() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        assertEquals("Lost connection to MySQL server during query", clients.lostConnection().getMessage());
    }

    @Test
    void aKilledThreadStillCommittingKeepsItsStateInTheProcessList() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        conn.thread.state("Waiting for semi-sync ACK from replica");
        clients.kill(conn, true);
        assertEquals("Killed", conn.thread.command());
        assertEquals("Waiting for semi-sync ACK from replica", conn.thread.state());
        assertEquals("INSERT INTO t VALUES (1)", conn.thread.info());
    }

    @Test
    void aKilledIdleThreadShowsKilledWithNoState() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.kill(conn, true);
        assertEquals("Killed", conn.thread.command());
        assertEquals("", conn.thread.state());
        assertTrue(lost.isEmpty(), "no request was waiting");
    }

    @Test
    void theNextRequestOfAKilledConnectionFindsItGone() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections clients = connections(node);
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.kill(conn, false);
        assertTrue(clients.endedBefore(7, "SELECT 1", false));
        assertEquals(List.of("SELECT 1 2013 Lost connection to MySQL server during query"), lost);
        assertNull(node.threads().find(conn.thread.id()));
        assertNotSame(conn, clients.open(7, Account.ROOT));
    }

    @Test
    void duringAShutdownAnOpenConnectionsNextRequestFindsItGone() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        clients.open(7, Account.ROOT);
        assertTrue(clients.endedBefore(7, "SELECT 1", true));
    }

    @Test
    void anOpenConnectionServesItsNextRequest() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        clients.open(7, Account.ROOT);
        assertFalse(clients.endedBefore(7, "SELECT 1", false));
        assertFalse(clients.endedBefore(8, "SELECT 1", false), "a session with no connection yet");
        assertTrue(lost.isEmpty());
    }

    @Test
    void anAnsweredConnectionSleeps() {
        ClientConnections clients = connections(Nodes.started("mysql-8.0"));
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.busy(conn, "SELECT", "SELECT 1");
        assertEquals("Query", conn.thread.command());
        clients.answered(conn);
        assertEquals("Sleep", conn.thread.command());
        assertNull(conn.waiting);
    }

    @Test
    void aConnectionMysqlsShutdownFlaggedEndsOnceItsStatementIsAnswered() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections clients = connections(node);
        ClientConnections.Connection conn = clients.open(7, Account.ROOT);
        clients.busy(conn, "INSERT", "INSERT INTO t VALUES (1)");
        conn.closeAfterStatement = true;
        clients.answered(conn);
        assertTrue(conn.killed);
        assertNull(node.threads().find(conn.thread.id()));
        assertTrue(clients.notKilled().isEmpty());
    }

    @Test
    void theProcesssEndLosesEveryWaitingClientAndEveryConnection() {
        Mysqld node = Nodes.started("mysql-8.0");
        ClientConnections clients = connections(node);
        clients.busy(clients.open(7, Account.ROOT), "INSERT", "INSERT INTO t VALUES (1)");
        clients.open(8, Account.ROOT);
        clients.processEnded();
        assertEquals(List.of("INSERT 2013 Lost connection to MySQL server during query"), lost);
        assertTrue(clients.all().isEmpty());
        assertTrue(node.sessionThreads().isEmpty());
    }
}
