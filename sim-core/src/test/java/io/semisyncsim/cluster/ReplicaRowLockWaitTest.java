package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replicated transaction whose row a local transaction on the replica holds (exec_relay_log_event's retry
 * of a temporary error, InnoDB's lock_wait; measured on MariaDB 10.11.19 by the library scenario
 * replica-waits-for-a-local-row-lock-mariadb): the SQL thread waits, tries again after a lock wait timeout,
 * and gives up when replica_transaction_retries are spent.
 */
class ReplicaRowLockWaitTest {
    private static final long SECOND = 1_000_000;

    private static Cluster cluster(String retries) {
        return cluster(retries, "1");
    }

    private static Cluster cluster(String retries, String lockWaitTimeout) {
        Cluster c = Cluster.start(new Cluster.Spec(Flavors.standard().get("mariadb-10.11"), List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of("binlog_format", "ROW",
                        "rpl_semi_sync_master_enabled", "1"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "rpl_semi_sync_slave_enabled", "1", "innodb_lock_wait_timeout", lockWaitTimeout,
                        "slave_transaction_retries", retries)))),
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
        c.kernel().runFor(200_000);
        c.execute("source", Account.ROOT, "INSERT INTO t1 VALUES (1, 'a'), (2, 'b')");
        c.kernel().runFor(100_000);
        return c;
    }

    /** A local transaction on the replica that holds row {@code id}; returns its connection. */
    private static long localHolds(Cluster c, int id) {
        long local = c.openSession();
        c.execute("replica1", local, Account.ROOT, "BEGIN", Long.MAX_VALUE);
        c.execute("replica1", local, Account.ROOT, "UPDATE t1 SET v = 'local' WHERE id = " + id, Long.MAX_VALUE);
        return local;
    }

    /** A local transaction holds row 1 when the source updates it: the replica's SQL thread then waits for it. */
    private static long sourceUpdatesAHeldRow(Cluster c) {
        long local = localHolds(c, 1);
        c.execute("source", Account.ROOT, "UPDATE t1 SET v = 'source' WHERE id = 1");
        return local;
    }

    private static String value(Cluster c, int id) {
        var r = (io.semisyncsim.server.StatementResult.Rows) c.execute("replica1", Account.ROOT,
                "SELECT v FROM t1 WHERE id = " + id);
        return r.resultSet().rows().get(0).get(0);
    }

    private static String status(Mysqld node, String name) {
        return node.status().get(name);
    }

    private static io.semisyncsim.server.Threads.Thread sqlThread(Mysqld node) {
        return node.threads().listed().stream().filter(t -> t.command().equals("Slave_SQL")).findFirst()
                .orElseThrow();
    }

    private static String sqlThreadState(Mysqld node) {
        return sqlThread(node).state();
    }

    @Test
    void theSourceCommitsAcknowledgedWhileTheReplicaWaitsForTheRow() {
        try (Cluster c = cluster("10")) {
            sourceUpdatesAHeldRow(c);
            c.kernel().runFor(300_000);

            Mysqld replica = c.node("replica1");
            assertEquals("2", status(c.node("source"), "Rpl_semi_sync_master_yes_tx"));
            assertEquals("Update_rows_log_event::find_row()", sqlThreadState(replica));
            assertEquals("1", status(replica, "Innodb_row_lock_current_waits"));
            assertEquals("a", value(c, 1), "acknowledged, not applied");
        }
    }

    @Test
    void aRowLetGoInTimeIsAppliedAfterTheWait() {
        try (Cluster c = cluster("10")) {
            long local = sourceUpdatesAHeldRow(c);
            c.kernel().runFor(500_000);
            c.execute("replica1", local, Account.ROOT, "ROLLBACK", Long.MAX_VALUE);
            c.kernel().runFor(10_000);

            assertEquals("source", value(c, 1));
            assertEquals("0", status(c.node("replica1"), "Slave_retried_transactions"));
        }
    }

    @Test
    void eachTimeoutIsReportedAndTriedAgainAfterASleepOfOneSecondMoreEachTime() {
        try (Cluster c = cluster("10")) {
            sourceUpdatesAHeldRow(c);
            Mysqld replica = c.node("replica1");
            // timeouts at 1, 2, 4, 7 s (waits of 1 s, sleeps of 0, 1, 2 s); each try counted after its sleep
            c.kernel().runFor(SECOND + 100_000);
            assertEquals("1", status(replica, "Slave_retried_transactions"));
            c.kernel().runFor(SECOND + 500_000);
            assertEquals("After apply log event", sqlThreadState(replica), "asleep before the third try");
            assertEquals("1", status(replica, "Slave_retried_transactions"));
            c.kernel().runFor(SECOND);
            assertEquals("2", status(replica, "Slave_retried_transactions"));
            assertEquals(2, replica.errorLog().lines().stream()
                    .filter(l -> l.contains("Lock wait timeout exceeded") && l.contains("Update_rows_v1")).count());
            assertTrue(replica.channel().sqlRunning());
        }
    }

    @Test
    void spentRetriesStopTheSqlThreadWithTheBareMessage() {
        try (Cluster c = cluster("1")) {
            sourceUpdatesAHeldRow(c);
            c.kernel().runFor(2 * SECOND + 100_000); // timeouts at 1 s and 2 s

            Mysqld replica = c.node("replica1");
            assertFalse(replica.channel().sqlRunning());
            assertEquals(1205, replica.channel().lastSqlErrno());
            assertEquals("Lock wait timeout exceeded; try restarting transaction", replica.channel().lastSqlError());
            assertTrue(replica.errorLog().lines().stream().anyMatch(l -> l.contains(
                    "Slave SQL thread retried transaction 1 time(s) in vain, giving up.")));
        }
    }

    @Test
    void noRetriesStopAtTheFirstTimeoutWithTheEventsReport() {
        try (Cluster c = cluster("0")) {
            sourceUpdatesAHeldRow(c);
            c.kernel().runFor(SECOND + 100_000);

            Mysqld replica = c.node("replica1");
            assertFalse(replica.channel().sqlRunning());
            assertTrue(replica.channel().lastSqlError().startsWith(
                    "Could not execute Update_rows_v1 event on table test.t1; Lock wait timeout exceeded"));
            assertTrue(replica.errorLog().lines().stream().noneMatch(l -> l.contains("in vain")));
        }
    }

    @Test
    void stopSlaveWaitsForTheRowWaitToTimeOutAndLeavesNoError() {
        try (Cluster c = cluster("10")) {
            sourceUpdatesAHeldRow(c);
            c.kernel().runFor(300_000);

            long session = c.openSession();
            long id = c.send("replica1", session, Account.ROOT, "STOP SLAVE");
            c.kernel().runFor(600_000);
            assertNull(c.poll(id), "still waiting with the SQL thread");
            c.kernel().runFor(200_000);
            Cluster.Answer stopped = c.poll(id);
            assertTrue(stopped != null && stopped.result() instanceof io.semisyncsim.server.StatementResult.Ok);

            Mysqld replica = c.node("replica1");
            assertEquals(0, replica.channel().lastSqlErrno());
            assertEquals("1", status(replica, "Slave_retried_transactions"));
        }
    }

    @Test
    void killOfTheSqlThreadEndsItsWaitAtOnceWithConnectionWasKilled() {
        try (Cluster c = cluster("10")) {
            sourceUpdatesAHeldRow(c);
            c.kernel().runFor(300_000);
            Mysqld replica = c.node("replica1");
            long sqlThread = sqlThread(replica).id();

            c.execute("replica1", Account.ROOT, "KILL " + sqlThread);
            c.kernel().runFor(10_000);
            assertFalse(replica.channel().sqlRunning());
            assertEquals(1927, replica.channel().lastSqlErrno());
            assertTrue(replica.channel().lastSqlError().startsWith("Could not execute Update_rows_v1 event on table test.t1;"
                    + " Connection was killed, Error_code: 1927; the event's master log mysql-bin.000001, end_log_pos "),
                    replica.channel().lastSqlError());
            assertEquals("0", status(replica, "Slave_retried_transactions"));
            assertEquals("0", status(replica, "Innodb_row_lock_current_waits"));
        }
    }

    @Test
    void theSqlThreadsTimeCountsFromTheEventItWaitsInAndAgainOnceItApplied() {
        try (Cluster c = cluster("10", "3")) {
            c.kernel().runFor(SECOND); // the thread's start well before the event
            long local = sourceUpdatesAHeldRow(c);
            c.kernel().runFor(2 * SECOND + 200_000); // 3.5 s after the thread started, 2.2 s into the wait
            Mysqld replica = c.node("replica1");
            var sql = sqlThread(replica);
            assertEquals(2, (c.kernel().now() - sql.since()) / SECOND);

            c.execute("replica1", local, Account.ROOT, "ROLLBACK", Long.MAX_VALUE);
            c.kernel().runFor(100_000);
            assertEquals(0, (c.kernel().now() - sql.since()) / SECOND);
        }
    }
}
