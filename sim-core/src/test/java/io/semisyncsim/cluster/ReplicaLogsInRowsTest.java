package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.ResultSet;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica with log_slave_updates and binlog_format ROW logs in rows what its source wrote as statements: the
 * rows each statement changed here, and, for a statement that changed none, nothing (MariaDB) or an empty
 * group for a GTID it owns (MySQL).
 */
class ReplicaLogsInRowsTest {

    private static Cluster cluster(String flavor, Map<String, String> both) {
        Map<String, String> source = new HashMap<>(both);
        source.put("binlog_format", "STATEMENT");
        Map<String, String> replica = new HashMap<>(both);
        replica.put("binlog_format", "ROW");
        replica.put("log_slave_updates", "ON");
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(source)),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(replica)));
        return Cluster.start(new Cluster.Spec(Flavors.standard().get(flavor), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
    }

    private static ResultSet query(Cluster c, String node, String sql) {
        return ((StatementResult.Rows) c.execute(node, Account.ROOT, sql)).resultSet();
    }

    private static String binlogEnd(Cluster c) {
        ResultSet rs = query(c, "replica1", "SHOW MASTER STATUS");
        return rs.rows().get(0).get(rs.columnIndex("Position"));
    }

    /** The source's table of three rows, on the replica too; then the replica's row 1 is deleted by hand. */
    private static void drifted(Cluster c) {
        c.kernel().runFor(10_000);
        c.execute("source", Account.ROOT, "CREATE TABLE c (id INT PRIMARY KEY, n INT)");
        c.execute("source", Account.ROOT, "INSERT INTO c VALUES (1, 1), (2, 2), (3, 3)");
        c.kernel().runFor(100_000);
        c.execute("replica1", Account.ROOT, "DELETE FROM c WHERE id = 1");
    }

    /** Whether the replica's binlog grew when the source's UPDATE of row 1, which it lacks, reached it. */
    private static boolean updateOfTheMissingRowLogged(Cluster c) {
        drifted(c);
        String before = binlogEnd(c);
        c.execute("source", Account.ROOT, "UPDATE c SET n = 99 WHERE id = 1");
        c.kernel().runFor(100_000);
        return !before.equals(binlogEnd(c));
    }

    @Test
    void mariadbWritesNothingForAStatementThatChangedNoRowHere() {
        try (Cluster c = cluster("mariadb-10.11", Map.of())) {
            assertFalse(updateOfTheMissingRowLogged(c), "measured on MariaDB 10.11.18");
            String applied = query(c, "replica1", "SELECT @@gtid_slave_pos").rows().get(0).get(0);
            assertNotEquals(applied, query(c, "replica1", "SELECT @@gtid_binlog_pos").rows().get(0).get(0));
        }
    }

    @Test
    void mysqlWritesAnEmptyGroupForAGtidItOwns() {
        try (Cluster c = cluster("mysql-8.0", Map.of("gtid_mode", "ON", "enforce_gtid_consistency", "ON"))) {
            assertTrue(updateOfTheMissingRowLogged(c));
            ResultSet events = query(c, "replica1", "SHOW BINLOG EVENTS");
            List<String> last = events.rows().get(events.rows().size() - 1);
            assertEquals("COMMIT", last.get(events.columnIndex("Info")));
        }
    }

    @Test
    void mysqlWritesNothingForAnAnonymousTransaction() {
        try (Cluster c = cluster("mysql-8.0", Map.of())) {
            assertFalse(updateOfTheMissingRowLogged(c));
        }
    }

    @Test
    void aStatementThatChangedRowsHereIsLoggedAsTheRowsItChangedHere() {
        try (Cluster c = cluster("mariadb-10.11", Map.of())) {
            drifted(c);
            c.execute("source", Account.ROOT, "DELETE FROM c WHERE id < 3"); // rows 1 and 2 there, row 2 here
            c.kernel().runFor(100_000);
            ResultSet events = query(c, "replica1", "SHOW BINLOG EVENTS");
            List<String> types = events.rows().stream().map(r -> r.get(events.columnIndex("Event_type"))).toList();
            assertEquals(List.of("Gtid", "Table_map", "Delete_rows_v1", "Xid"), types.subList(types.size() - 4,
                    types.size()));
            assertEquals(List.of(List.of("3", "3")), query(c, "replica1", "SELECT id, n FROM c").rows());
        }
    }
}
