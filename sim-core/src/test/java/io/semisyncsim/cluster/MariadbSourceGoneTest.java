package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a MariaDB 10.11 replica and source log when the other side goes, as measured against a real
 * 10.11.18 by the MTR translations (scenarios/library/mtr/): the end packet of a clean shutdown, the
 * failed KILL connection of a semisync STOP SLAVE while the source is down, and the silent end of a
 * zombie dump thread.
 */
class MariadbSourceGoneTest {

    private static Cluster mariadb(boolean semisync) {
        String on = semisync ? "1" : "0";
        return Cluster.start(new Cluster.Spec(Flavors.standard().get("mariadb-10.11"), List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of("rpl_semi_sync_master_enabled", on))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of("rpl_semi_sync_slave_enabled", on)))),
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
    }

    private static boolean logged(Cluster c, String node, String text) {
        return c.node(node).errorLog().lines().stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void aCleanShutdownEndsTheStreamWithAnEndPacketAndStopSlaveCannotKillTheDumpThread() {
        try (Cluster c = mariadb(true)) {
            c.kernel().runFor(100_000);
            c.stop("source");
            // The dump thread's EOF packet was on its way when the socket closed: it still arrives.
            assertTrue(logged(c, "replica1", "Slave: received end packet from server, apparent master shutdown"));
            assertFalse(logged(c, "replica1", "Error reading packet from server"));
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.kernel().runFor(100_000);
            // semisync_slave.cc kill_connection: the I/O thread still has its client handle while it
            // reconnects, so it tries to KILL its dump thread, and the source is down.
            assertTrue(logged(c, "replica1", "cannot connect to master to kill slave io_thread's connection"));
        }
    }

    @Test
    void aSourceThatIsShuttingDownRefusesTheReplicasReconnect() {
        try (Cluster c = mariadb(true)) {
            c.kernel().runFor(100_000);
            c.stop("source");
            // The replica reconnects the moment the end packet arrives, while the source still ends its
            // threads; its listening socket is already closed, so the connect is refused (2003), never
            // accepted and then lost (2013): the log a real 10.11.18 writes in rpl_semi_sync_master_shutdown.
            assertTrue(logged(c, "replica1", "Slave I/O: error reconnecting to master 'repl@source:3306'"));
            assertTrue(logged(c, "replica1", "(111 \"Connection refused\"), Internal MariaDB error code: 2003"));
            assertFalse(logged(c, "replica1", "Lost connection to server during query"));
        }
    }

    @Test
    void aMasterHostNoResolverKnowsIsUnknownNotRefused() {
        try (Cluster c = mariadb(true)) {
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.execute("replica1", Account.ROOT, "CHANGE MASTER TO MASTER_HOST = 'no-such-host.invalid'");
            c.execute("replica1", Account.ROOT, "START SLAVE");
            c.kernel().runFor(100_000);
            // CR_UNKNOWN_HOST at once, with getaddrinfo's EAI_NONAME (measured on 10.11.18)
            assertEquals(2005, c.node("replica1").channel().lastIoErrno());
            assertTrue(logged(c, "replica1", "message: Unknown server host 'no-such-host.invalid' (-2), Internal MariaDB"
                    + " error code: 2005"));
        }
    }

    @Test
    void theSqlThreadsExitLineNamesWhatItAppliedNotTheLocalTransactions() {
        try (Cluster c = mariadb(false)) {
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.execute("replica1", Account.ROOT, "CREATE TABLE mine (id INT PRIMARY KEY)"); // 0-2-1, the replica's own
            c.execute("replica1", Account.ROOT, "CHANGE MASTER TO MASTER_USE_GTID = current_pos");
            c.execute("replica1", Account.ROOT, "START SLAVE");
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.kernel().runFor(100_000);
            // started from gtid_current_pos, which holds the replica's own 0-2-1; stopped naming gtid_slave_pos, empty
            assertTrue(logged(c, "replica1", "relay log './replica1-relay-bin.000001' position: 4; GTID position '0-2-1'"));
            assertTrue(logged(c, "replica1", "Slave SQL thread exiting, replication stopped in log 'mysql-bin.000001' at"
                    + " position 328; GTID position '', master: source:3306"));
        }
    }

    @Test
    void aZombieDumpThreadIsEndedSilently() {
        try (Cluster c = mariadb(false)) {
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.kernel().runFor(500_000);
            c.execute("replica1", Account.ROOT, "START SLAVE");
            c.kernel().runFor(500_000);
            assertTrue(logged(c, "source", "Start binlog_dump to slave_server(2), pos(mysql-bin.000001, 328)"),
                    "the replica came back");
            assertFalse(logged(c, "source", "Aborted connection"));
        }
    }

    private static String slaveStatus(Cluster c, String field) {
        var rs = ((io.semisyncsim.server.StatementResult.Rows) c.execute("replica1", Account.ROOT,
                "SHOW SLAVE STATUS")).resultSet();
        return rs.rows().get(0).get(rs.columnIndex(field));
    }

    private static long count(Cluster c, String node, String text) {
        return c.node(node).errorLog().lines().stream().filter(l -> l.contains(text)).count();
    }

    @Test
    void aSecondFailedReadWithNoEventSinceWaitsConnectRetryBeforeTheReconnect() {
        try (Cluster c = mariadb(true)) {
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "SET GLOBAL slave_net_timeout = 3");
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.execute("replica1", Account.ROOT, "CHANGE MASTER TO MASTER_LOG_FILE = 'mysql-bin.000001', "
                    + "MASTER_LOG_POS = 5, MASTER_CONNECT_RETRY = 10");
            c.execute("replica1", Account.ROOT, "START SLAVE");
            // The dump at a position inside an event waits and sends nothing: each read times out.
            c.kernel().runFor(4_000_000);
            assertEquals(1, count(c, "replica1", "Failed reading log event, reconnecting to retry"),
                    "the first failed read reconnects at once");
            c.kernel().runFor(3_000_000);
            assertEquals("Waiting to reconnect after a failed master event read",
                    slaveStatus(c, "Slave_IO_State"));
            assertEquals("Connecting", slaveStatus(c, "Slave_IO_Running"));
            c.kernel().runFor(10_000_000);
            assertEquals(2, count(c, "replica1", "Failed reading log event, reconnecting to retry"),
                    "the second, after MASTER_CONNECT_RETRY");
        }
    }

    @Test
    void stopSlaveAfterARefusedLoginKillsAsNoUserAndTheSourceRefusesThatToo() {
        try (Cluster c = mariadb(true)) {
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.execute("replica1", Account.ROOT, "CHANGE MASTER TO MASTER_PASSWORD = 'wrong'");
            c.execute("replica1", Account.ROOT, "START SLAVE");
            c.kernel().runFor(100_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE");
            c.kernel().runFor(10_000);
            // the handle knows the source's host, not a user: kill_connection logs in as '' (measured on 10.11.19)
            assertTrue(logged(c, "source", "Access denied for user ''@'replica1' (using password: NO)"));
            assertTrue(logged(c, "replica1", "cannot connect to master to kill slave io_thread's connection"));
        }
    }
}
