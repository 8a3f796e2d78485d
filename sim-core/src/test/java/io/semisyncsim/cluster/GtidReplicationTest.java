package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.ResultSet;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GTID replication end to end: auto-positioning, failover by GTID, an old source rejoining, purged GTIDs. */
class GtidReplicationTest {
    private static final Map<String, String> GTID_ON = Map.of("gtid_mode", "ON", "enforce_gtid_consistency", "ON");

    private static Cluster cluster(String flavor, Map<String, String> options) {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(options)),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(options)),
                new NodeSpec("replica2", NodeSpec.Role.REPLICA, 3, OptionFile.of(options)));
        return Cluster.start(new Cluster.Spec(Flavors.standard().get(flavor), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
    }

    private static void sql(Cluster c, String node, String... statements) {
        for (String s : statements) {
            StatementResult r = c.execute(node, Account.ROOT, s);
            if (r instanceof StatementResult.Failed f) {
                throw new AssertionError(node + ": " + s + ": " + f.error());
            }
        }
    }

    private static String value(Cluster c, String node, String sql) {
        ResultSet rs = ((StatementResult.Rows) c.execute(node, Account.ROOT, sql)).resultSet();
        return rs.rows().get(0).get(0);
    }

    private static String status(Cluster c, String node, String field) {
        ResultSet rs = ((StatementResult.Rows) c.execute(node, Account.ROOT, "SHOW SLAVE STATUS")).resultSet();
        return rs.rows().get(0).get(rs.columnIndex(field));
    }

    private static String masterPosition(Cluster c, String node) {
        ResultSet rs = ((StatementResult.Rows) c.execute(node, Account.ROOT, "SHOW MASTER STATUS")).resultSet();
        return rs.rows().get(0).get(rs.columnIndex("Position"));
    }

    private static void commit(Cluster c, String node, long... keys) {
        for (long k : keys) {
            assertTrue(c.insert(node, 0, "t1", k, Long.MAX_VALUE).ok());
        }
        c.kernel().runFor(50_000);
    }

    private static String uuid(Cluster c, String node) {
        return c.node(node).uuid();
    }

    @Test
    void transactionsAreNumberedFromOneOnTheSourcesUuidAndReplicasExecuteTheSame() {
        try (Cluster c = cluster("mysql-8.0", GTID_ON)) {
            commit(c, "source", 1, 2, 3);
            String expected = uuid(c, "source") + ":1-3";
            assertEquals(expected, value(c, "source", "SELECT @@gtid_executed"));
            assertEquals(expected, value(c, "replica1", "SELECT @@GLOBAL.gtid_executed"));
            assertEquals(expected, status(c, "replica2", "Retrieved_Gtid_Set"));
            assertEquals(expected, status(c, "replica2", "Executed_Gtid_Set"));
        }
    }

    @Test
    void gtidModeOffLeavesTransactionsAnonymous() {
        try (Cluster c = cluster("mysql-8.0", Map.of())) {
            commit(c, "source", 1);
            assertEquals("", value(c, "source", "SELECT @@gtid_executed"));
        }
    }

    @Test
    void aLaggingReplicaRepointedByGtidGetsWhatTheNewSourceHas() {
        try (Cluster c = cluster("mysql-8.0", GTID_ON)) {
            for (String r : List.of("replica1", "replica2")) {
                sql(c, r, "STOP SLAVE", "CHANGE MASTER TO MASTER_AUTO_POSITION = 1", "START SLAVE");
            }
            commit(c, "source", 1, 2);
            sql(c, "replica2", "STOP SLAVE IO_THREAD");
            commit(c, "source", 3);
            c.crash("source");
            sql(c, "replica1", "STOP SLAVE", "RESET SLAVE ALL");
            sql(c, "replica2", "STOP SLAVE",
                    "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306, MASTER_AUTO_POSITION = 1",
                    "START SLAVE");
            c.kernel().runFor(100_000);
            assertEquals(uuid(c, "source") + ":1-3", value(c, "replica2", "SELECT @@gtid_executed"));
            assertEquals(3, c.node("replica2").store().rowCount());
        }
    }

    @Test
    void anOldSourceRejoiningKeepsItsErrantTransaction() {
        try (Cluster c = cluster("mysql-8.0", GTID_ON)) {
            for (String r : List.of("replica1", "replica2")) {
                sql(c, r, "STOP SLAVE", "CHANGE MASTER TO MASTER_AUTO_POSITION = 1", "START SLAVE");
            }
            commit(c, "source", 1, 2);
            sql(c, "replica1", "STOP SLAVE IO_THREAD");
            sql(c, "replica2", "STOP SLAVE IO_THREAD");
            commit(c, "source", 3); // no replica has it
            c.crash("source");
            sql(c, "replica1", "STOP SLAVE", "RESET SLAVE ALL");
            sql(c, "replica2", "STOP SLAVE",
                    "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306, MASTER_AUTO_POSITION = 1",
                    "START SLAVE");
            commit(c, "replica1", 10);
            c.start("source");
            sql(c, "source", "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306, MASTER_USER = 'repl',"
                    + " MASTER_AUTO_POSITION = 1", "START SLAVE");
            c.kernel().runFor(100_000);
            assertEquals("Yes", status(c, "source", "Slave_IO_Running"));
            String old = uuid(c, "source");
            String promoted = uuid(c, "replica1");
            List<String> sets = new ArrayList<>(List.of(old + ":1-3", promoted + ":1"));
            sets.sort(null);
            assertEquals(String.join(",\n", sets), value(c, "source", "SELECT @@gtid_executed"));
            assertEquals(old + ":3", c.node("source").gtids().errantAgainst(c.node("replica1").gtids()));
        }
    }

    @Test
    void aReplicaNeedingPurgedGtidsIsRefusedWith1236() {
        try (Cluster c = cluster("mysql-8.0", GTID_ON)) {
            sql(c, "replica1", "STOP SLAVE", "CHANGE MASTER TO MASTER_AUTO_POSITION = 1");
            sql(c, "source", "SET GLOBAL max_binlog_size = 4096", "SET GLOBAL binlog_expire_logs_seconds = 1");
            for (long k = 1; k <= 40; k++) {
                commit(c, "source", k);
                c.kernel().runFor(100_000);
            }
            assertTrue(!value(c, "source", "SELECT @@gtid_purged").isEmpty());
            sql(c, "replica1", "START SLAVE");
            c.kernel().runFor(100_000);
            assertEquals("No", status(c, "replica1", "Slave_IO_Running"));
            assertEquals("13114", status(c, "replica1", "Last_IO_Errno"));
            assertTrue(status(c, "replica1", "Last_IO_Error").startsWith("Got fatal error 1236 from source when reading"
                    + " data from binary log: 'Cannot replicate because the source purged required binary logs."));
        }
    }

    @Test
    void anEmptyTransactionOnTheSourceWithTheErrantGtidMakesItNoLongerErrant() {
        try (Cluster c = cluster("mysql-8.0", GTID_ON)) {
            commit(c, "source", 1);
            commit(c, "replica1", 2); // a write on a replica: its own GTID, which the source never had
            String errant = uuid(c, "replica1") + ":1";
            assertEquals(errant, c.node("replica1").gtids().errantAgainst(c.node("source").gtids()));
            long session = c.openSession(); // the documented fix: an empty transaction with that GTID
            for (String s : List.of("SET gtid_next = '" + errant + "'", "BEGIN", "COMMIT", "SET gtid_next = 'AUTOMATIC'")) {
                StatementResult r = c.execute("source", session, Account.ROOT, s, Long.MAX_VALUE);
                assertTrue(!(r instanceof StatementResult.Failed), s + ": " + r);
            }
            c.kernel().runFor(50_000);
            assertEquals("", c.node("replica1").gtids().errantAgainst(c.node("source").gtids()));
            assertTrue(value(c, "replica2", "SELECT @@gtid_executed").contains(errant)); // replicated, empty
            assertEquals(1, c.node("replica2").store().rowCount());
        }
    }

    @Test
    void gtidModeChangesOneStepAtATime() {
        try (Cluster c = cluster("mysql-8.0", Map.of())) {
            StatementResult r = c.execute("source", Account.ROOT, "SET GLOBAL gtid_mode = ON");
            assertEquals(1788, ((StatementResult.Failed) r).error().code());
            sql(c, "source", "SET GLOBAL gtid_mode = OFF_PERMISSIVE", "SET GLOBAL gtid_mode = ON_PERMISSIVE");
            r = c.execute("source", Account.ROOT, "SET GLOBAL gtid_mode = ON");
            assertEquals(3111, ((StatementResult.Failed) r).error().code());
            sql(c, "source", "SET GLOBAL enforce_gtid_consistency = ON", "SET GLOBAL gtid_mode = ON");
            r = c.execute("source", Account.ROOT, "SET GLOBAL enforce_gtid_consistency = OFF");
            assertEquals(1779, ((StatementResult.Failed) r).error().code());
        }
    }

    // --- MariaDB, as measured on 10.11.18

    private static final Map<String, String> LOG_UPDATES = Map.of("log_slave_updates", "ON");

    @Test
    void mariadbReplicasTrackGtidSlavePosEvenWhenPositional() {
        try (Cluster c = cluster("mariadb-10.11", Map.of())) {
            commit(c, "source", 1, 2);
            assertEquals("0-1-2", value(c, "source", "SELECT @@gtid_binlog_pos"));
            assertEquals("0-1-2", value(c, "replica1", "SELECT @@gtid_slave_pos"));
            assertEquals("0-1-2", value(c, "replica1", "SELECT @@gtid_current_pos"));
            assertEquals("", value(c, "replica1", "SELECT @@gtid_binlog_pos"));
            assertEquals("No", status(c, "replica1", "Using_Gtid"));
            assertEquals("", status(c, "replica1", "Gtid_IO_Pos"));
        }
    }

    @Test
    void mariadbSwitchingToGtidStartsFromTheSlavePosition() {
        try (Cluster c = cluster("mariadb-10.11", Map.of())) {
            commit(c, "source", 1, 2);
            sql(c, "replica1", "STOP SLAVE", "CHANGE MASTER TO MASTER_USE_GTID = slave_pos", "START SLAVE");
            c.kernel().runFor(50_000);
            assertEquals("Slave_Pos", status(c, "replica1", "Using_Gtid"));
            assertEquals("0-1-2", status(c, "replica1", "Gtid_IO_Pos"));
            // measured: fake rotate 47 + format description 252 + Gtid_list 29 + checkpoint 43 + fake Gtid_list 43
            assertEquals("670", status(c, "replica1", "Relay_Log_Pos"));
            assertTrue(String.join("\n", c.node("source").errorLog().lines()).contains(
                    "Start binlog_dump to slave_server(2), pos(mysql-bin.000001, 690), using_gtid(1), gtid('0-1-2')"));
            commit(c, "source", 3);
            assertEquals("0-1-3", status(c, "replica1", "Gtid_IO_Pos"));
            assertEquals(Long.toString(670 + 181), status(c, "replica1", "Relay_Log_Pos")); // Gtid, Query, Xid
        }
    }

    /** MariaDB's refusal of a GTID position its new master has gone past (give_error_start_pos_missing_in_binlog). */
    private static String diverged(String gtid) {
        return "Got fatal error 1236 from master when reading data from binary log: 'Error: connecting slave requested"
                + " to start from GTID " + gtid + ", which is not in the master's binlog. Since the master's binlog"
                + " contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to"
                + " executing extra erroneous transactions'";
    }

    /** replica1 promoted without log_slave_updates; replica2 stopped reading at 0-1-2, replica1 at 0-1-3. */
    private static Cluster promotedWithoutLogSlaveUpdates() {
        Cluster c = cluster("mariadb-10.11", Map.of());
        for (String r : List.of("replica1", "replica2")) {
            sql(c, r, "STOP SLAVE", "CHANGE MASTER TO MASTER_USE_GTID = slave_pos", "START SLAVE");
        }
        commit(c, "source", 1, 2);
        sql(c, "replica2", "STOP SLAVE IO_THREAD");
        commit(c, "source", 3);
        sql(c, "replica1", "STOP SLAVE", "RESET SLAVE ALL");
        assertEquals("", value(c, "replica1", "SELECT @@gtid_binlog_state"));
        return c;
    }

    @Test
    void mariadbReplicaAskingForAGtidTheNewMasterNeverLoggedIsRefusedOnlyWhenTheDomainComesToLife() {
        try (Cluster c = promotedWithoutLogSlaveUpdates()) {
            sql(c, "replica2", "STOP SLAVE", "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306,"
                    + " MASTER_USE_GTID = slave_pos", "START SLAVE");
            c.kernel().runFor(50_000);
            // measured on 10.11.18: connected, nothing to send (START_ON_EMPTY_DOMAIN)
            assertEquals("Yes", status(c, "replica2", "Slave_IO_Running"));
            assertEquals("328", status(c, "replica2", "Read_Master_Log_Pos"));
            assertEquals("627", status(c, "replica2", "Relay_Log_Pos"));
            commit(c, "replica1", 4);
            assertEquals("No", status(c, "replica2", "Slave_IO_Running"));
            assertEquals(diverged("0-1-2"), status(c, "replica2", "Last_IO_Error"));
            assertEquals("328", status(c, "replica2", "Read_Master_Log_Pos"));
        }
    }

    @Test
    void mariadbPromotedReplicaWithoutLogSlaveUpdatesServesItsOwnSlavePosFromItsFirstOwnGtid() {
        try (Cluster c = promotedWithoutLogSlaveUpdates()) {
            commit(c, "replica1", 4);
            assertEquals("0-2-4", value(c, "replica1", "SELECT @@gtid_binlog_state")); // 0-1-3 was never logged
            // 0-1-3 is replica1's own gtid_slave_pos: served from the first GTID it logged itself
            // (sql_repl.cc check_slave_start_position, START_OWN_SLAVE_POS)
            sql(c, "source", "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306, MASTER_USER = 'repl',"
                    + " MASTER_USE_GTID = current_pos", "START SLAVE");
            c.kernel().runFor(50_000);
            assertEquals("Yes", status(c, "source", "Slave_IO_Running"));
            assertEquals("0-2-4", value(c, "source", "SELECT @@gtid_current_pos"));
            assertEquals(4, c.node("source").store().rowCount());
            assertEquals(masterPosition(c, "replica1"), status(c, "source", "Read_Master_Log_Pos")); // all of it
        }
    }

    @Test
    void mariadbOldMasterRejoiningWithCurrentPosIsRefusedAsDiverged() {
        try (Cluster c = cluster("mariadb-10.11", LOG_UPDATES)) {
            for (String r : List.of("replica1", "replica2")) {
                sql(c, r, "STOP SLAVE", "CHANGE MASTER TO MASTER_USE_GTID = slave_pos", "START SLAVE");
            }
            commit(c, "source", 1, 2);
            sql(c, "replica2", "STOP SLAVE IO_THREAD");
            commit(c, "source", 3);
            sql(c, "replica1", "STOP SLAVE IO_THREAD");
            commit(c, "source", 4);
            c.crash("source");
            sql(c, "replica1", "STOP SLAVE", "RESET SLAVE ALL");
            sql(c, "replica2", "STOP SLAVE", "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306,"
                    + " MASTER_USE_GTID = slave_pos", "START SLAVE");
            c.kernel().runFor(50_000);
            assertEquals("0-1-3", value(c, "replica2", "SELECT @@gtid_slave_pos"));
            commit(c, "replica1", 5);
            assertEquals("0-2-4", value(c, "replica1", "SELECT @@gtid_binlog_pos"));
            assertEquals("0-1-3,0-2-4", value(c, "replica1", "SELECT @@gtid_binlog_state"));
            assertEquals("0-2-4", value(c, "replica2", "SELECT @@gtid_current_pos"));
            c.start("source");
            assertEquals("0-1-4", value(c, "source", "SELECT @@gtid_current_pos"));
            sql(c, "source", "CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_PORT = 3306, MASTER_USER = 'repl',"
                    + " MASTER_USE_GTID = current_pos", "START SLAVE");
            c.kernel().runFor(50_000);
            assertEquals("No", status(c, "source", "Slave_IO_Running"));
            assertEquals(diverged("0-1-4"), status(c, "source", "Last_IO_Error"));
            assertEquals("0-1-4", status(c, "source", "Gtid_IO_Pos"));
            assertEquals("0-1-4", c.node("source").gtids().errantAgainst(c.node("replica1").gtids()));
        }
    }
}
