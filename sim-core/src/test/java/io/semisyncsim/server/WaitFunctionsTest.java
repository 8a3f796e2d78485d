package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The functions that wait for the replica, on their own: what they answer at once, what makes them wait,
 * and how a wait ends (ReplicationWaits). The library scenarios pos-wait-mariadb (played against a real
 * MariaDB) and pos-wait play them on a running cluster.
 */
class WaitFunctionsTest {
    private final List<Long> reruns = new ArrayList<>();

    private static StatementResult run(Mysqld node, Session s, String sql) {
        return node.execute(Account.ROOT, sql, s);
    }

    /** A client thread that runs {@code sql} and, when it must wait, waits in the node's registry. */
    private long waiting(Mysqld node, Session s, String sql) {
        long thread = node.threads().open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0).id();
        StatementResult r = run(node, s, sql);
        node.waits().add(thread, assertInstanceOf(StatementResult.Blocked.class, r), s, reruns::add);
        return thread;
    }

    @Test
    void masterGtidWaitAnswersAtOnceWhenTheReplicaHasTheGtidAndWaitsOtherwise() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        run(node, s, "SET GLOBAL gtid_slave_pos = '0-1-5'");
        assertEquals(List.of(List.of("0", "-1")), rows(run(node, s, "SELECT MASTER_GTID_WAIT('0-1-5'), MASTER_GTID_WAIT('0-1-6', 0)")));
        StatementResult r = run(node, s, "SELECT MASTER_GTID_WAIT('0-1-6', 1.5)");
        assertEquals(1_500_000, assertInstanceOf(StatementResult.Blocked.class, r).timeoutMicros());
    }

    @Test
    void theWaiterForTheSmallestGtidIsTheOneTheSqlThreadWakes() {
        Mysqld node = node("mariadb-10.11");
        long later = waiting(node, new Session(), "SELECT MASTER_GTID_WAIT('0-1-9')");
        long sooner = waiting(node, new Session(), "SELECT MASTER_GTID_WAIT('0-1-3')");
        assertEquals("Waiting in MASTER_GTID_WAIT()", node.threads().find(later).state());
        assertEquals("Waiting in MASTER_GTID_WAIT() (primary waiter)", node.threads().find(sooner).state());
    }

    @Test
    void aWaitThatIsOverRunsItsStatementAgainWithTheFunctionsValue() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        waiting(node, s, "SELECT MASTER_GTID_WAIT('0-1-3', 5), 7");

        run(node, new Session(), "SET GLOBAL gtid_slave_pos = '0-1-3'");

        assertEquals(List.of(1L), reruns);
        assertEquals(List.of(List.of("0", "7")), rows(run(node, s, "SELECT MASTER_GTID_WAIT('0-1-3', 5), 7")));
    }

    @Test
    void killQueryEndsAGtidWaitWithError1317() {
        Mysqld node = node("mariadb-10.11");
        Session gtid = new Session();
        long gtidThread = waiting(node, gtid, "SELECT MASTER_GTID_WAIT('0-1-3')");
        node.waits().killed(gtidThread);
        assertEquals("ERROR 1317 (70100): Query execution was interrupted",
                error(run(node, gtid, "SELECT MASTER_GTID_WAIT('0-1-3')")));
        assertEquals(List.of(1L), reruns);
    }

    @Test
    void aGtidWaitCountsWhenItStartsAndAddsTheTimeItWaitedWhenReachedOrTimedOut() {
        long[] now = {0};
        Mysqld node = new Mysqld("replica1", 2, io.semisyncsim.flavor.Flavors.standard().get("mariadb-10.11"),
                OptionFile.of(java.util.Map.of()), io.semisyncsim.semisync.SemisyncPlugins.register(
                        new io.semisyncsim.server.plugin.PluginFactories()), () -> now[0]);
        node.start();
        Session reader = new Session();
        waiting(node, reader, "SELECT MASTER_GTID_WAIT('0-1-3')");
        assertEquals("1", node.status().get("Master_gtid_wait_count"));
        now[0] = 250_000;
        run(node, new Session(), "SET GLOBAL gtid_slave_pos = '0-1-3'");
        assertEquals("250000", node.status().get("Master_gtid_wait_time"));
        assertEquals(List.of(List.of("0")), rows(run(node, reader, "SELECT MASTER_GTID_WAIT('0-1-3')"))); // its rerun
        Session killed = new Session();
        now[0] = 300_000;
        node.waits().killed(waiting(node, killed, "SELECT MASTER_GTID_WAIT('0-1-9')"));
        now[0] = 400_000;
        assertEquals("2", node.status().get("Master_gtid_wait_count"));
        assertEquals("250000", node.status().get("Master_gtid_wait_time")); // a KILL adds no time
        assertEquals("1", node.status(reader).get("Master_gtid_wait_count"));
        assertEquals("ERROR 1941 (HY000): Could not parse GTID list", error(run(node, reader, "SELECT MASTER_GTID_WAIT('x')")));
        assertEquals("1", node.status(reader).get("Master_gtid_wait_count"));
    }

    @Test
    void aTimeoutEndsOnlyItsOwnWait() {
        Mysqld node = node("mariadb-10.11");
        Session first = new Session();
        waiting(node, first, "SELECT MASTER_GTID_WAIT('0-1-3', 1)");
        waiting(node, new Session(), "SELECT MASTER_GTID_WAIT('0-1-3', 2)");

        node.waits().timedOut(1);
        node.waits().timedOut(1); // already over: nothing

        assertEquals(List.of(1L), reruns);
        assertEquals(List.of(List.of("-1")), rows(run(node, first, "SELECT MASTER_GTID_WAIT('0-1-3', 1)")));
    }

    @Test
    void aPositionWaitWithoutAReplicationChannelIsNull() {
        Mysqld node = node("mariadb-10.11");
        assertEquals(List.of(java.util.Arrays.asList((String) null)), rows(run(node, new Session(), "SELECT MASTER_POS_WAIT('mysql-bin.000001', 4)")));
    }

    @Test
    void mysqlRefusesANegativeTimeoutAndWarnsOfTheOldName() {
        Mysqld node = node("mysql-8.0");
        Session s = new Session();
        assertEquals("ERROR 1210 (HY000): Incorrect arguments to SOURCE_POS_WAIT.",
                error(run(node, s, "SELECT SOURCE_POS_WAIT('binlog.000001', 4, -1)")));
        run(node, s, "SELECT MASTER_POS_WAIT('binlog.000001', 4)");
        assertEquals(List.of(List.of("Warning", "1287",
                "'MASTER_POS_WAIT' is deprecated and will be removed in a future release. Please use SOURCE_POS_WAIT instead")),
                rows(run(node, s, "SHOW WARNINGS")));
    }

    @Test
    void waitForExecutedGtidSetNeedsGtids() {
        Mysqld node = node("mysql-8.0");
        assertEquals("ERROR 3062 (HY000): Cannot use WAIT_FOR_EXECUTED_GTID_SET when GTID_MODE = OFF.",
                error(run(node, new Session(), "SELECT WAIT_FOR_EXECUTED_GTID_SET('3E11FA47-71CA-11E1-9E33-C80AA9429562:1')")));
    }
}
