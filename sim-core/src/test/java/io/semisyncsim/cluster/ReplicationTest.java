package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.ResultSet;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.MemorySink;
import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Asynchronous replication end to end on virtual time. */
class ReplicationTest {

    private static Cluster cluster(String flavor, boolean running, TraceSink... sinks) {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.empty()),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.empty()),
                new NodeSpec("replica2", NodeSpec.Role.REPLICA, 3, OptionFile.empty()));
        return Cluster.start(new Cluster.Spec(Flavors.standard().get(flavor), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), running), sinks);
    }

    private static String status(Cluster c, String node, String field) {
        StatementResult.Rows r = (StatementResult.Rows) c.execute(node, Account.ROOT, "SHOW SLAVE STATUS");
        ResultSet rs = r.resultSet();
        return rs.rows().get(0).get(rs.columnIndex(field));
    }

    @Test
    void replicasConnectAtTimeZeroAndApplyWhatTheSourceCommits() {
        try (Cluster c = cluster("mysql-8.0", true)) {
            c.kernel().runFor(10_000);
            assertEquals("Yes", status(c, "replica1", "Slave_IO_Running"));
            for (long k = 1; k <= 10; k++) {
                assertTrue(c.insert("source", 0, "t1", k, Long.MAX_VALUE).ok());
            }
            c.kernel().runFor(100_000);
            assertEquals(10, c.node("replica1").store().rowCount());
            assertEquals(10, c.node("replica2").store().rowCount());
            assertEquals(c.node("source").binlog().writtenEnd().pos(),
                    Long.parseLong(status(c, "replica1", "Exec_Master_Log_Pos")));
            assertEquals("0", status(c, "replica1", "Seconds_Behind_Master"));
            assertEquals(0, c.kernel().foreignSubmissions());
        }
    }

    @Test
    void aTransactionReachesEachReplicaAsOneSocketWriteOfItsEvents() {
        MemorySink trace = new MemorySink();
        long t0;
        try (Cluster c = cluster("mysql-8.0", true, trace)) {
            c.kernel().runFor(10_000);
            t0 = c.kernel().now(); // the dump threads have sent each replica the binlog file's header
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            c.kernel().runFor(10_000);
        }
        List<TraceEvent> writes = trace.events().stream()
                .filter(e -> e.time() >= t0 && e.kind().equals("send") && "events".equals(e.field("what"))).toList();
        // Anonymous GTID, BEGIN, Table_map, Write_rows, Xid: buffered, flushed before the dump thread waits.
        assertEquals(List.of("replica1", "replica2"), writes.stream().map(e -> e.field("to")).toList());
        assertEquals(List.of(5L, 5L), writes.stream().map(e -> e.field("packets")).toList());
    }

    @Test
    void showBinaryLogsListsEachFileWithItsSize() {
        try (Cluster c = cluster("mysql-5.7", true)) {
            c.execute("source", Account.ROOT, "SET GLOBAL max_binlog_size = 4096");
            for (long k = 1; k <= 20; k++) {
                c.insert("source", 0, "t1", k, Long.MAX_VALUE);
            }
            ResultSet logs = ((StatementResult.Rows) c.execute("source", Account.ROOT, "SHOW MASTER LOGS")).resultSet();
            assertEquals(2, logs.columns().size(), "5.7 has no Encrypted column");
            assertEquals(List.of("mysql-bin.000001", "mysql-bin.000002"), logs.rows().stream().map(r -> r.get(0)).toList());
            assertEquals(Long.toString(c.node("source").binlog().writtenEnd().pos()), logs.rows().get(1).get(1));
        }
    }

    @Test
    void expireLogsDaysIsTheOnlyExpiryOn57() {
        try (Cluster c = cluster("mysql-5.7", true)) {
            assertEquals(1193, ((StatementResult.Failed) c.execute("source", Account.ROOT,
                    "SET GLOBAL binlog_expire_logs_seconds = 2")).error().code());
            assertTrue(c.execute("source", Account.ROOT, "SET GLOBAL expire_logs_days = 1") instanceof StatementResult.Ok);
        }
    }

    @Test
    void commitLatencyComesFromTheConfiguredCosts() {
        try (Cluster c = cluster("mysql-8.0", true)) {
            long before = c.kernel().now();
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            // flush 5 us + fsync 200 us (sync_binlog=1) + engine commit 10 us
            assertEquals(215, c.kernel().now() - before);
        }
    }

    @Test
    void stopSlaveIoThreadStopsReadingButNotApplying() {
        try (Cluster c = cluster("mysql-8.0", true)) {
            c.kernel().runFor(10_000);
            c.execute("replica1", Account.ROOT, "STOP SLAVE IO_THREAD");
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            c.kernel().runFor(100_000);
            assertEquals(ReplicaChannel.IoRunning.NO, c.node("replica1").channel().ioRunning());
            assertEquals("Yes", status(c, "replica1", "Slave_SQL_Running"));
            assertEquals(0, c.node("replica1").store().rowCount());
            assertEquals(1, c.node("replica2").store().rowCount());
            c.execute("replica1", Account.ROOT, "START SLAVE IO_THREAD");
            c.kernel().runFor(100_000);
            assertEquals(1, c.node("replica1").store().rowCount(), "resumes from where it stopped reading");
        }
    }

    @Test
    void silentSourceIsNoticedAfterTheNetTimeoutThenReplicationResumesAfterHeal() {
        try (Cluster c = cluster("mysql-8.0", true)) {
            c.kernel().runFor(10_000);
            c.partition(Set.of("source"), Set.of("replica1"), false, NetworkModel.Cut.HOLD);
            long cut = c.kernel().now();
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            c.kernel().runUntil(() -> c.node("replica1").channel().ioRunning() != ReplicaChannel.IoRunning.YES,
                    cut + 120_000_000);
            // Heartbeats every 30 s stop arriving; 60 s (slave_net_timeout) after the last one it reconnects.
            assertTrue(c.kernel().now() - cut >= 30_000_000 && c.kernel().now() - cut <= 60_010_000,
                    "noticed after " + (c.kernel().now() - cut));
            c.heal();
            c.kernel().runFor(120_000_000);
            assertEquals("Yes", status(c, "replica1", "Slave_IO_Running"));
            assertEquals(1, c.node("replica1").store().rowCount());
        }
    }

    @Test
    void resetIsNoticedAtOnce() {
        try (Cluster c = cluster("mysql-8.0", true)) {
            c.kernel().runFor(10_000);
            c.reset("replica1", "source");
            assertEquals("Reconnecting after a failed source event read", status(c, "replica1", "Slave_IO_State"));
            c.kernel().runFor(10_000);
            assertEquals("Yes", status(c, "replica1", "Slave_IO_Running"));
        }
    }

    @Test
    void crashedSourceIsRetriedEveryConnectRetryUntilItIsBack() {
        try (Cluster c = cluster("mysql-5.7", true)) {
            c.kernel().runFor(10_000);
            c.crash("source");
            c.kernel().runFor(5_000_000);
            assertEquals("Connecting", status(c, "replica1", "Slave_IO_Running"));
            assertEquals("2003", status(c, "replica1", "Last_IO_Errno"));
            // 5.7's text after a connection it had (rpl_slave.cc): "reconnecting", two spaces, the attempt count.
            assertEquals("error reconnecting to master 'repl@source:3306' - retry-time: 60  retries: 1",
                    status(c, "replica1", "Last_IO_Error"));
            c.start("source");
            c.kernel().runFor(61_000_000);
            assertEquals("Yes", status(c, "replica1", "Slave_IO_Running"));
        }
    }

    @Test
    void stoppedTopologyStartsIdleAndStartSlaveStartsIt() {
        try (Cluster c = cluster("mysql-8.0", false)) {
            assertEquals("No", status(c, "replica1", "Slave_IO_Running"));
            c.execute("replica1", Account.ROOT, "START SLAVE");
            c.kernel().runFor(10_000);
            assertEquals("Yes", status(c, "replica1", "Slave_IO_Running"));
        }
    }

    private static List<List<String>> rows(Cluster c, String node, String select) {
        return ((StatementResult.Rows) c.execute(node, Account.ROOT, select)).resultSet().rows();
    }

    /** The source's table c with {@code rows} (as VALUES writes them), replicated, once the replicas connected. */
    private static void tableC(Cluster c, String rows) {
        c.kernel().runFor(10_000);
        c.execute("source", Account.ROOT, "CREATE TABLE c (id INT PRIMARY KEY, n INT)");
        c.execute("source", Account.ROOT, "INSERT INTO c VALUES " + rows);
        c.kernel().runFor(100_000);
    }

    @Test
    void aStatementWrittenAsAStatementChangesTheReplicasRowsAsTheyAre() {
        try (Cluster c = cluster("mariadb-10.11", true)) { // binlog_format MIXED
            tableC(c, "(1, 1), (2, 2), (3, 3)");
            c.execute("replica1", Account.ROOT, "UPDATE c SET n = 50 WHERE id = 1"); // the replica drifts
            c.execute("replica1", Account.ROOT, "DELETE FROM c WHERE id = 3");
            c.execute("source", Account.ROOT, "UPDATE c SET n = n + 1 WHERE id = 1");
            c.execute("source", Account.ROOT, "UPDATE c SET n = n * 10");
            c.execute("source", Account.ROOT, "DELETE FROM c WHERE n > 25");
            c.kernel().runFor(100_000);
            // measured on MariaDB 10.11.18: 50 became 51, then 510, and then went; the source kept (1, 20)
            assertEquals(List.of(List.of("2", "20")), rows(c, "replica1", "SELECT id, n FROM c ORDER BY id"));
            assertEquals(List.of(List.of("1", "20"), List.of("2", "20")),
                    rows(c, "source", "SELECT id, n FROM c ORDER BY id"));
            assertEquals("Yes", status(c, "replica1", "Slave_SQL_Running"));
        }
    }

    @Test
    void insideATransactionEachStatementRunsAgainOnWhatTheOnesBeforeItLeft() {
        try (Cluster c = cluster("mariadb-10.11", true)) {
            tableC(c, "(1, 1), (2, 2), (3, 3)");
            c.execute("replica1", Account.ROOT, "UPDATE c SET n = 50 WHERE id = 1");
            long session = c.openSession();
            for (String s : List.of("BEGIN", "UPDATE c SET n = n + 1 WHERE id = 1", "INSERT INTO c VALUES (4, 4)",
                    "UPDATE c SET n = n * 10 WHERE id > 1", "DELETE FROM c WHERE n > 45", "COMMIT")) {
                c.execute("source", session, Account.ROOT, s, Long.MAX_VALUE);
            }
            c.kernel().runFor(100_000);
            // measured on MariaDB 10.11.18: 51 there, then gone with the DELETE; the INSERT's row as it came
            assertEquals(List.of(List.of("2", "20"), List.of("3", "30"), List.of("4", "40")),
                    rows(c, "replica1", "SELECT id, n FROM c ORDER BY id"));
            assertEquals(List.of(List.of("1", "2"), List.of("2", "20"), List.of("3", "30"), List.of("4", "40")),
                    rows(c, "source", "SELECT id, n FROM c ORDER BY id"));
        }
    }

    @Test
    void anUpsertWrittenAsAStatementUpdatesTheReplicasOwnRow() {
        try (Cluster c = cluster("mariadb-10.11", true)) {
            tableC(c, "(1, 1)");
            c.execute("replica1", Account.ROOT, "UPDATE c SET n = 50 WHERE id = 1");
            c.execute("source", Account.ROOT, "INSERT INTO c VALUES (1, 7) ON DUPLICATE KEY UPDATE n = n + 100");
            c.kernel().runFor(100_000);
            assertEquals(List.of(List.of("1", "150")), rows(c, "replica1", "SELECT id, n FROM c")); // measured
        }
    }

    @Test
    void aReplicaUnderSuperReadOnlyStillAppliesAndRunsStatementsAgain() {
        try (Cluster c = cluster("mysql-8.0", true)) {
            c.execute("source", Account.ROOT, "SET GLOBAL binlog_format = 'STATEMENT'");
            tableC(c, "(1, 1)");
            c.execute("replica1", Account.ROOT, "SET GLOBAL super_read_only = ON");
            c.execute("source", Account.ROOT, "UPDATE c SET n = n + 1");
            c.kernel().runFor(100_000);
            assertEquals(List.of(List.of("1", "2")), rows(c, "replica1", "SELECT id, n FROM c"));
            assertEquals("Yes", status(c, "replica1", "Slave_SQL_Running"));
        }
    }

    @Test
    void aReplicaRunsAStatementInTheDatabaseItRanInOnTheSource() {
        try (Cluster c = cluster("mariadb-10.11", true)) {
            c.kernel().runFor(10_000);
            c.execute("source", Account.ROOT, "CREATE DATABASE d2");
            c.execute("source", Account.ROOT, "CREATE TABLE d2.z (id INT PRIMARY KEY)");
            long session = c.openSession();
            c.execute("source", session, Account.ROOT, "USE d2", Long.MAX_VALUE);
            c.execute("source", session, Account.ROOT, "INSERT INTO z VALUES (1)", Long.MAX_VALUE);
            c.kernel().runFor(100_000);
            assertEquals(List.of(List.of("1")), rows(c, "replica1", "SELECT id FROM d2.z"));
        }
    }

    @Test
    void sameSeedSameTrace() {
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            try (Cluster c = cluster("mysql-8.0", true)) {
                for (long k = 1; k <= 20; k++) {
                    c.insert("source", 0, "t1", k, Long.MAX_VALUE);
                }
                c.kernel().runFor(1_000_000);
                digests[i] = c.kernel().trace().digest().hex();
            }
        }
        assertEquals(digests[0], digests[1]);
    }
}
