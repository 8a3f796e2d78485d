package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/** Group formation and hook order of the three-stage commit, driven by a tiny virtual clock. */
class GroupCommitTest {
    private static final EventSizes SIZES = Layouts.MYSQL_ROW;

    private final List<String> log = new ArrayList<>();
    private boolean holdAfterSync;
    private boolean holdAfterCommit;
    private final BinaryLog binlog = new BinaryLog(SIZES, 1 << 30, () -> 0L);
    private long now;
    private long seq;
    private final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
            : Long.compare(a[1], b[1]));

    private final java.util.Set<Object> holdAtCommit = new java.util.HashSet<>();

    private final GroupCommit.Hooks hooks = new GroupCommit.Hooks() {
        @Override
        public void afterFlush(List<BinlogPosition> ends) {
            log.add(now + " after_flush " + ends.get(ends.size() - 1).pos());
        }

        @Override
        public void published(BinlogPosition readableEnd) {
            log.add(now + " published " + readableEnd.pos());
        }

        @Override
        public boolean afterSync(GroupCommit.Pending leader, BinlogPosition pos) {
            log.add(now + " after_sync " + pos.pos());
            return !holdAfterSync;
        }

        @Override
        public boolean afterCommit(GroupCommit.Pending trx, BinlogPosition end) {
            log.add(now + " after_commit " + trx.client());
            return !holdAfterCommit && !holdAtCommit.contains(trx.client());
        }

        @Override
        public void engineCommitted(GroupCommit.Pending trx, BinlogPosition end) {
            log.add(now + " visible " + trx.client());
        }

        @Override
        public void committed(GroupCommit.Pending trx, BinlogPosition end) {
            log.add(now + " OK " + trx.client());
        }
    };

    private GroupCommit gc(long syncBinlog) {
        return gc(syncBinlog, GroupCommit.AfterSyncWait.PER_GROUP, GroupCommit.AfterCommitWait.STAGE_LEADER);
    }

    private GroupCommit gc(long syncBinlog, GroupCommit.AfterSyncWait afterSync, GroupCommit.AfterCommitWait afterCommit) {
        return new GroupCommit(binlog, new GroupCommit.Settings(5, 200, 10, syncBinlog, 0), afterSync, afterCommit,
                hooks);
    }

    private List<String> only(String what) {
        return log.stream().filter(l -> l.contains(what)).toList();
    }

    private void schedule(List<GroupCommit.Work> work) {
        for (GroupCommit.Work w : work) {
            due.add(new long[] {now + w.micros(), seq++, w.stage().ordinal(), w.token()});
        }
    }

    private void run(GroupCommit gc) {
        runUntil(gc, Long.MAX_VALUE);
    }

    private void runUntil(GroupCommit gc, long until) {
        while (!due.isEmpty() && due.peek()[0] <= until) {
            long[] next = due.poll();
            now = next[0];
            schedule(gc.done(GroupCommit.Stage.values()[(int) next[2]], next[3]));
        }
        now = Math.max(now, until == Long.MAX_VALUE ? now : until);
    }

    /** MariaDB's layout, whose Gtid events name a group of several, with binlog_commit_wait_count and _usec. */
    private GroupCommit waitingGc(BinaryLog log, long count, long usec) {
        return new GroupCommit(log, new GroupCommit.Settings(5, 200, 10, 1, 0, count, usec),
                GroupCommit.AfterSyncWait.PER_TRANSACTION, GroupCommit.AfterCommitWait.EACH_SESSION, hooks);
    }

    private static List<BinlogEvent> gtidEvents(BinaryLog log) {
        return log.contents("mysql-bin.000001").events().stream().filter(e -> e.type() == EventType.GTID).toList();
    }

    private static BinaryLog mariaDbLog() {
        return new BinaryLog(io.semisyncsim.flavor.Flavors.standard().get("mariadb-10.11").eventSizes(), 1 << 30,
                () -> 0L);
    }

    @Test
    void theFlushLeaderWaitsUntilBinlogCommitWaitCountCommitsAreQueued() {
        BinaryLog log = mariaDbLog();
        GroupCommit gc = waitingGc(log, 3, 1000);
        schedule(gc.submit(trx(1)));
        schedule(gc.submit(trx(2)));
        assertEquals(List.of(), only("after_flush"), "two of three: the leader waits");
        schedule(gc.submit(trx(3)));
        run(gc);
        assertEquals(List.of("15 after_flush 865"), only("after_flush"), "the third completes the group at once");
        assertEquals(1, gc.flushGroups());
        assertEquals(1, gc.triggerCount());
        assertEquals(0, gc.triggerTimeout());
        assertEquals(3, gc.transactionsWritten());
    }

    @Test
    void eachGtidEventOfAGroupOfSeveralNamesTheGroup() {
        BinaryLog log = mariaDbLog();
        GroupCommit gc = waitingGc(log, 2, 1000);
        schedule(gc.submit(trx(1)));
        schedule(gc.submit(trx(2)));
        run(gc);
        List<BinlogEvent> gtids = gtidEvents(log);
        assertEquals(List.of(1L, 1L), gtids.stream().map(BinlogEvent::commitId).toList(), "the leader's number");
        assertEquals(List.of(44, 44), gtids.stream().map(BinlogEvent::size).toList(), "42 + the commit_id's 2");
    }

    @Test
    void aCommitAloneWaitsTheWholeBinlogCommitWaitUsecAndNamesNoGroup() {
        BinaryLog log = mariaDbLog();
        GroupCommit gc = waitingGc(log, 3, 1000);
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals(List.of("1005 after_flush 505"), only("after_flush"));
        assertEquals(1, gc.triggerTimeout());
        assertEquals(0L, gtidEvents(log).get(0).commitId());
    }

    @Test
    void aCountPastTwoToTheSixtyThirdIsStillACountToWaitFor() {
        BinaryLog log = mariaDbLog();
        GroupCommit gc = waitingGc(log, Long.parseUnsignedLong("9223372036854775808"), 1000);
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals(List.of("1005 after_flush 505"), only("after_flush"), "binlog_commit_wait_count is unsigned");
        assertEquals(1, gc.triggerTimeout());
    }

    @Test
    void aWaitThatItsGroupEndedEarlyDoesNotCutTheNextWaitShort() {
        BinaryLog log = mariaDbLog();
        GroupCommit gc = waitingGc(log, 2, 1000);
        schedule(gc.submit(trx(1)));
        schedule(gc.submit(trx(2))); // the group is complete at 0; the first wait's timer still fires at 1000
        runUntil(gc, 500);
        schedule(gc.submit(trx(3))); // a new wait, until 1500
        run(gc);
        assertEquals("1505 after_flush", only("after_flush").get(1).substring(0, 16));
        assertEquals(1, gc.triggerCount());
        assertEquals(1, gc.triggerTimeout());
    }

    private static GroupCommit.Pending trx(long id) {
        return new GroupCommit.Pending(new Transaction(id, null, 0,
                List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", id, "v"))), "c" + id);
    }

    @Test
    void aLoneTransactionGoesThroughTheStagesInOrder() {
        GroupCommit gc = gc(1);
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals(List.of("5 after_flush 446", "205 published 446", "205 after_sync 446", "215 visible c1",
                "215 after_commit c1", "215 OK c1"), log);
        assertTrue(gc.idle());
    }

    @Test
    void transactionsArrivingDuringAFlushFormTheNextGroup() {
        GroupCommit gc = gc(1);
        schedule(gc.submit(trx(1)));
        schedule(gc.submit(trx(2))); // the flush stage is busy: 2 and 3 queue
        schedule(gc.submit(trx(3)));
        run(gc);
        assertEquals(2, gc.flushGroups());
        assertEquals(List.of("5 after_flush 446", "15 after_flush 1024"),
                log.stream().filter(l -> l.contains("after_flush")).toList());
    }

    @Test
    void syncLeaderTakesEveryFlushGroupQueuedBehindIt() {
        GroupCommit gc = gc(1);
        schedule(gc.submit(trx(1)));
        schedule(gc.submit(trx(2)));
        schedule(gc.submit(trx(3)));
        run(gc);
        // group 1 syncs alone (5..205); group 2 flushed at 15 and waited, then synced 205..405.
        assertEquals(List.of("205 after_sync 446", "405 after_sync 1024"),
                log.stream().filter(l -> l.contains("after_sync")).toList());
    }

    @Test
    void withSyncBinlogZeroDumpThreadsMaySendBeforeTheFsync() {
        GroupCommit gc = gc(0);
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals("5 published 446", log.get(1));
    }

    @Test
    void afterSyncHookHoldsTheCommitStageUntilReleased() {
        GroupCommit gc = gc(1);
        holdAfterSync = true;
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals("205 after_sync 446", log.get(log.size() - 1));
        holdAfterSync = false;
        now = 1_000_205;
        schedule(gc.releaseAfterSync());
        run(gc);
        assertEquals("1000215 OK c1", log.get(log.size() - 1));
        assertTrue(gc.idle());
    }

    /** MariaDB's shape: trx_group_commit_leader keeps LOCK_log until it holds the after_sync lock. */
    private GroupCommit mariaDbGc() {
        return new GroupCommit(binlog, new GroupCommit.Settings(5, 200, 10, 1, 0), GroupCommit.AfterSyncWait.PER_TRANSACTION,
                GroupCommit.AfterCommitWait.EACH_SESSION, GroupCommit.LogLock.UNTIL_AFTER_SYNC, hooks);
    }

    /** Each transaction submitted once the one before it has gone as far as it can. */
    private void commitOneAtATime(GroupCommit gc, long... ids) {
        for (long id : ids) {
            schedule(gc.submit(trx(id)));
            run(gc);
        }
    }

    @Test
    void aDdlIsCountedInNeitherBinlogCommitsNorBinlogGroupCommits() {
        GroupCommit gc = mariaDbGc();
        schedule(gc.submit(new GroupCommit.Pending(new Transaction(1, null, 0, List.of(),
                new Transaction.Query("test", "CREATE TABLE k (id INT PRIMARY KEY)", null)), "c1")));
        run(gc);
        assertEquals(0, gc.transactionsWritten(), "measured on MariaDB 10.11.18: written outside group commit");
        assertEquals(0, gc.flushGroups());
        commitOneAtATime(gc, 2);
        assertEquals(1, gc.transactionsWritten());
        assertEquals(1, gc.flushGroups());
    }

    @Test
    void behindACommitHeldAtAfterSyncTheNextLeaderKeepsTheLogLockAndNoThirdGroupIsWritten() {
        GroupCommit gc = mariaDbGc();
        holdAfterSync = true;
        commitOneAtATime(gc, 1, 2, 3);
        assertEquals(List.of("5 after_flush 446", "210 after_flush 735"), only("after_flush"),
                "the second is written, the third waits for LOCK_log");
        assertTrue(gc.logLockHeld());
        assertEquals(0, gc.transactionsWritten(), "Binlog_commits counts a group once past after_sync");
        holdAfterSync = false;
        now = 1_000_000;
        schedule(gc.releaseAfterSync());
        run(gc);
        assertEquals(3, only("after_flush").size(), "the lock passed on: the third is written");
        assertEquals(3, gc.transactionsWritten());
        assertEquals(3, gc.flushGroups());
        assertTrue(gc.idle());
    }

    @Test
    void aCommitHeldAtAfterSyncAloneHoldsNoLogLock() {
        GroupCommit gc = mariaDbGc();
        holdAfterSync = true;
        schedule(gc.submit(trx(1)));
        run(gc);
        assertTrue(!gc.logLockHeld());
    }

    @Test
    void mysqlWritesEveryGroupWhileTheFirstIsHeldAtAfterSync() {
        GroupCommit gc = gc(1);
        holdAfterSync = true;
        commitOneAtATime(gc, 1, 2, 3);
        assertEquals(3, only("after_flush").size(), "ordered_commit's LOCK_log covers the flush stage only");
        assertTrue(!gc.logLockHeld());
    }

    @Test
    void afterCommitHookHoldsEachTransactionInTurn() {
        GroupCommit gc = gc(1);
        holdAfterCommit = true;
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals("215 after_commit c1", log.get(log.size() - 1));
        now = 500;
        gc.releaseAfterCommit(trx(1));
        run(gc);
        assertEquals("500 OK c1", log.get(log.size() - 1));
        assertTrue(gc.idle());
    }

    /** Three groups: c1 alone, then c2 and c3 together (they arrive while c1 flushes). */
    private void threeInTwoGroups(GroupCommit gc) {
        schedule(gc.submit(trx(1)));
        schedule(gc.submit(trx(2)));
        schedule(gc.submit(trx(3)));
        run(gc);
    }

    @Test
    void mariadbsLeaderWaitsAtAfterSyncForEachTransactionOfItsGroupInTurn() {
        GroupCommit gc = gc(1, GroupCommit.AfterSyncWait.PER_TRANSACTION, GroupCommit.AfterCommitWait.EACH_SESSION);
        threeInTwoGroups(gc);
        assertEquals(List.of("205 after_sync 446", "405 after_sync 735", "405 after_sync 1024"), only("after_sync"));
    }

    @Test
    void mysqlWaitsAtAfterSyncOncePerGroupForItsLastTransaction() {
        GroupCommit gc = gc(1);
        threeInTwoGroups(gc);
        assertEquals(List.of("205 after_sync 446", "405 after_sync 1024"), only("after_sync"));
    }

    @Test
    void withTheAfterCommitStageHeldLaterGroupsCommitInTheEngineButWaitForTheStage() {
        GroupCommit gc = gc(1, GroupCommit.AfterSyncWait.PER_GROUP, GroupCommit.AfterCommitWait.STAGE_LEADER);
        holdAtCommit.add("c1");
        threeInTwoGroups(gc);
        assertEquals(List.of("215 visible c1", "425 visible c2", "425 visible c3"), only("visible"));
        assertEquals(List.of("215 after_commit c1"), only("after_commit"), "the stage is c1's until released");
        gc.releaseAfterCommit(trx(1));
        assertEquals(List.of("215 after_commit c1", "425 after_commit c2", "425 after_commit c3"), only("after_commit"));
    }

    @Test
    void mysql57GroupLeadersRunTheirAfterCommitsSideBySide() {
        GroupCommit gc = gc(1, GroupCommit.AfterSyncWait.PER_GROUP, GroupCommit.AfterCommitWait.GROUP_LEADER);
        holdAtCommit.add("c1");
        holdAtCommit.add("c2");
        threeInTwoGroups(gc);
        // c2's leader waits while c1 still waits; c3, behind c2 in its group, waits for c2.
        assertEquals(List.of("215 after_commit c1", "425 after_commit c2"), only("after_commit"));
        holdAtCommit.clear();
        gc.releaseAfterCommit(trx(2));
        assertEquals(List.of("425 OK c2", "425 OK c3"), only(" OK "));
    }

    @Test
    void mariadbsSessionsEachWaitAtAfterCommitAllAtOnce() {
        GroupCommit gc = gc(1, GroupCommit.AfterSyncWait.PER_TRANSACTION, GroupCommit.AfterCommitWait.EACH_SESSION);
        holdAfterCommit = true;
        threeInTwoGroups(gc);
        assertEquals(List.of("215 after_commit c1", "425 after_commit c2", "425 after_commit c3"), only("after_commit"));
        holdAfterCommit = false;
        gc.releaseAfterCommit(trx(3));
        assertEquals(List.of("425 OK c3"), only(" OK "), "c3 goes on while c1 and c2 still wait");
        gc.releaseAfterCommit(trx(1));
        gc.releaseAfterCommit(trx(2));
        assertTrue(gc.idle());
    }
}
