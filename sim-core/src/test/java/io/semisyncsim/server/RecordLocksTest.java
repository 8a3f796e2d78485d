package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * InnoDB's record locks on one node, client against client (RecordLocks): who waits, how a wait ends, and
 * who a deadlock rolls back. The library scenario row-locks-and-the-ack-wait-mariadb plays them with the
 * semisync wait on a cluster, and against a real MariaDB.
 */
class RecordLocksTest {
    private final List<Long> reruns = new ArrayList<>();
    private Mysqld node;

    /** A client connection: its thread and its session. */
    private record Client(long thread, Session session) {
    }

    @BeforeEach
    void twoRows() {
        node = node("mariadb-10.11");
        Client setup = client();
        committed(setup, "CREATE TABLE t1 (id INT PRIMARY KEY, v VARCHAR(10))");
        committed(setup, "INSERT INTO t1 VALUES (1, 'a'), (2, 'b')");
    }

    /** Runs {@code sql} and commits it as the group commit does, whose engine commit frees the rows. */
    private void committed(Client c, String sql) {
        node.callAs(c.thread(), () -> MysqldFixture.committed(node, c.session(), "root", sql));
        node.recordLocks().release(c.thread());
    }

    private Client client() {
        return new Client(node.threads().open(Threads.Kind.CLIENT, "root", "localhost", "Query", 0).id(),
                new Session());
    }

    /** SHOW STATUS's Innodb_row_lock_* counters now. */
    private java.util.Map<String, String> rowLockStatus() {
        java.util.Map<String, String> status = new java.util.TreeMap<>();
        node.recordLocks().addStatusTo(status);
        return status;
    }

    private StatementResult run(Client c, String sql) {
        return node.callAs(c.thread(), () -> node.execute(Account.ROOT, sql, c.session()));
    }

    /** Begins a transaction in which {@code sql} takes rows. */
    private void holds(Client c, String sql) {
        run(c, "BEGIN");
        run(c, sql);
    }

    /** Runs {@code sql}, which must wait for a row; returns the wait's id. */
    private long waits(Client c, String sql) {
        StatementResult r = run(c, sql);
        return node.waits().add(c.thread(), assertInstanceOf(StatementResult.Blocked.class, r), c.session(),
                reruns::add);
    }

    @Test
    void aSecondWriterOfARowWaitsUpdatingUntilTheFirstTransactionEnds() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");

        waits(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1");
        assertEquals("Updating", node.threads().find(c2.thread()).state());

        run(c1, "ROLLBACK");
        assertEquals(List.of(1L), reruns);
        assertInstanceOf(StatementResult.CommitNeeded.class, run(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1"));
    }

    @Test
    void otherRowsAreFree() {
        Client c1 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        assertInstanceOf(StatementResult.CommitNeeded.class, run(client(), "UPDATE t1 SET v = 'c2' WHERE id = 2"));
    }

    @Test
    void anUpdateThatChangesNothingStillLocksTheRowsItMatched() {
        Client c1 = client();
        holds(c1, "UPDATE t1 SET v = 'a' WHERE id = 1");
        waits(client(), "DELETE FROM t1 WHERE id = 1");
    }

    @Test
    void anInsertOfAKeyAnotherTransactionDeletedWaitsAndThenFindsItFree() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "DELETE FROM t1 WHERE id = 2");
        waits(c2, "INSERT INTO t1 VALUES (2, 'c2')");
        assertEquals("Update", node.threads().find(c2.thread()).state());

        MysqldFixture.committed(node, c1.session(), "root", "COMMIT");
        node.recordLocks().release(c1.thread());

        assertEquals(List.of(1L), reruns);
        assertInstanceOf(StatementResult.CommitNeeded.class, run(c2, "INSERT INTO t1 VALUES (2, 'c2')"));
    }

    @Test
    void anUpdateWithNoKeyToReadByLocksEveryRowItReads() {
        Client c1 = client();
        holds(c1, "UPDATE t1 SET v = 'x' WHERE v = 'b'");
        waits(client(), "UPDATE t1 SET v = 'y' WHERE id = 1");
    }

    @Test
    void theLockWaitTimeoutUndoesTheStatementKeepsTheTransactionAndMariaDbListsItTwice() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        run(c2, "SET SESSION innodb_lock_wait_timeout = 1");
        holds(c2, "UPDATE t1 SET v = 'c2' WHERE id = 2");
        long wait = waits(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1");

        node.waits().timedOut(wait);
        StatementResult r = run(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1");

        assertEquals("ERROR 1205 (HY000): Lock wait timeout exceeded; try restarting transaction", error(r));
        assertEquals(2, r.warnings().size());
        assertTrue(c2.session().inTransaction());
    }

    @Test
    void killQueryEndsARowWaitWith1317() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        waits(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1");

        node.waits().killed(c2.thread());

        assertEquals("ERROR 1317 (70100): Query execution was interrupted",
                error(run(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1")));
    }

    @Test
    void ofTwoEqualTransactionsTheOneThatClosesTheCycleIsTheDeadlocksVictim() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        holds(c2, "UPDATE t1 SET v = 'c2' WHERE id = 2");
        waits(c1, "UPDATE t1 SET v = 'c1' WHERE id = 2");

        StatementResult r = run(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1");

        assertEquals("ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction",
                error(r));
        assertEquals(false, c2.session().inTransaction());
        assertEquals(List.of(1L), reruns, "c2's rows are free: c1 runs its statement again");
    }

    @Test
    void aTransactionThatChangedNothingIsTheVictimThoughTheOtherClosedTheCycle() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        run(c2, "BEGIN");
        run(c2, "UPDATE t1 SET v = 'b' WHERE id = 2"); // locks row 2, changes nothing
        waits(c2, "DELETE FROM t1 WHERE id = 1");

        assertInstanceOf(StatementResult.Ok.class, run(c1, "UPDATE t1 SET v = 'c1' WHERE id = 2"));

        assertEquals(List.of(1L), reruns);
        assertEquals("ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction",
                error(run(c2, "DELETE FROM t1 WHERE id = 1")));
        assertEquals(false, c2.session().inTransaction());
    }

    @Test
    void aDeadlockWhoseRequesterIsTheVictimCountsNoWaitForTheRequest() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        holds(c2, "UPDATE t1 SET v = 'c2' WHERE id = 2");
        waits(c1, "UPDATE t1 SET v = 'c1' WHERE id = 2");
        run(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1"); // a tie: the requester is the victim, and never waits

        java.util.Map<String, String> status = rowLockStatus();
        assertEquals("1", status.get("Innodb_row_lock_waits"));
        assertEquals("0", status.get("Innodb_row_lock_current_waits"));
    }

    @Test
    void aDeadlockRequesterThatWaitsOutAnotherVictimCountsAWait() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'c1' WHERE id = 1");
        holds(c2, "UPDATE t1 SET v = 'b' WHERE id = 2"); // changes nothing: the lighter transaction
        waits(c2, "DELETE FROM t1 WHERE id = 1");
        run(c1, "UPDATE t1 SET v = 'c1' WHERE id = 2"); // closes the cycle; c2 is rolled back

        assertEquals("2", rowLockStatus().get("Innodb_row_lock_waits"));
    }

    /** The changes {@code sql} makes in a transaction of its own, undone again: what a replica would apply. */
    private List<io.semisyncsim.binlog.Transaction.RowChange> changesOf(String sql) {
        Client c = client();
        holds(c, sql);
        List<io.semisyncsim.binlog.Transaction.RowChange> changes = List.copyOf(c.session().pending());
        run(c, "ROLLBACK");
        return changes;
    }

    @Test
    void aReplicasAppliedChangeOfAHeldRowWaitsUntilTheRowIsLetGo() {
        var changes = changesOf("UPDATE t1 SET v = 'source' WHERE id = 1");
        Client local = client();
        holds(local, "UPDATE t1 SET v = 'local' WHERE id = 1");
        List<String> woken = new ArrayList<>();

        assertEquals(0, node.recordLocks().applierWaits(99, changes, () -> woken.add("sql")));
        java.util.Map<String, String> status = rowLockStatus();
        assertEquals("1", status.get("Innodb_row_lock_current_waits"));

        run(local, "ROLLBACK");
        assertEquals(List.of("sql"), woken);
        status = rowLockStatus();
        assertEquals("0", status.get("Innodb_row_lock_current_waits"));
        assertEquals("1", status.get("Innodb_row_lock_waits"));
    }

    @Test
    void aReplicasAppliedChangeOfFreeRowsGoesOnAtOnce() {
        var changes = changesOf("UPDATE t1 SET v = 'source' WHERE id = 2");
        Client local = client();
        holds(local, "UPDATE t1 SET v = 'local' WHERE id = 1");

        assertEquals(-1, node.recordLocks().applierWaits(99, changes, () -> { }));
    }

    @Test
    void aReplicaWaitThatTimesOutIsNoLongerAWaitAndIsNotWoken() {
        var changes = changesOf("DELETE FROM t1 WHERE id = 1");
        Client local = client();
        holds(local, "UPDATE t1 SET v = 'local' WHERE id = 1");
        List<String> woken = new ArrayList<>();
        node.recordLocks().applierWaits(99, changes, () -> woken.add("sql"));

        node.recordLocks().applierWaitEnded(99);
        run(local, "ROLLBACK");
        assertEquals(List.of(), woken);
        java.util.Map<String, String> status = rowLockStatus();
        assertEquals("0", status.get("Innodb_row_lock_current_waits"));
    }

    @Test
    void selectForUpdateLocksTheRowItReadsAndAWriterWaitsUpdating() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "SELECT * FROM t1 WHERE id = 1 FOR UPDATE");

        waits(c2, "UPDATE t1 SET v = 'c2' WHERE id = 1");
        assertEquals("Updating", node.threads().find(c2.thread()).state());
    }

    @Test
    void aLockingReadWaitsInStatisticsForAPinnedRowAndInSendingDataForAScan() {
        Client c1 = client();
        holds(c1, "SELECT * FROM t1 WHERE id = 1 FOR UPDATE");
        Client pinned = client();
        Client scan = client();

        waits(pinned, "SELECT * FROM t1 WHERE id = 1 FOR UPDATE");
        waits(scan, "SELECT * FROM t1 WHERE v = 'a' FOR UPDATE");
        assertEquals("Statistics", node.threads().find(pinned.thread()).state());
        assertEquals("Sending data", node.threads().find(scan.thread()).state());
    }

    @Test
    void nowaitIs1205AtOnceAndCountsNoWait() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "SELECT * FROM t1 WHERE id = 1 FOR UPDATE");

        assertEquals("ERROR 1205 (HY000): Lock wait timeout exceeded; try restarting transaction",
                error(run(c2, "SELECT * FROM t1 WHERE id = 1 FOR UPDATE NOWAIT")));
        java.util.Map<String, String> status = rowLockStatus();
        assertEquals("0", status.get("Innodb_row_lock_waits"));
    }

    @Test
    void sharedLocksAndSkipLockedAreNotModelledYet() {
        Client c = client();
        assertTrue(error(run(c, "SELECT * FROM t1 LOCK IN SHARE MODE")).startsWith("ERROR 9000"));
        assertTrue(error(run(c, "SELECT * FROM t1 FOR SHARE")).startsWith("ERROR 9000"));
        assertTrue(error(run(c, "SELECT * FROM t1 FOR UPDATE SKIP LOCKED")).startsWith("ERROR 9000"));
    }

    @Test
    void aScanWithALimitStopsAtTheRowThatReachedItAndLeavesTheRestFree() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'x' WHERE v = 'a' LIMIT 1");

        assertInstanceOf(StatementResult.CommitNeeded.class, run(c2, "UPDATE t1 SET v = 'c2' WHERE id = 2"));
    }

    @Test
    void aScanWithALimitAndAnOrderItMustSortReadsAndLocksEveryRow() {
        Client c1 = client();
        Client c2 = client();
        holds(c1, "UPDATE t1 SET v = 'x' WHERE v = 'a' OR v = 'b' ORDER BY v LIMIT 1");

        waits(c2, "UPDATE t1 SET v = 'c2' WHERE id = 2");
    }
}
