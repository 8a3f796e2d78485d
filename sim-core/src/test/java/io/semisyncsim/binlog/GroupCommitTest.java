package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/** Group formation and hook order of the three-stage commit, driven by a tiny virtual clock. */
class GroupCommitTest {
    private static final EventSizes SIZES = new EventSizes("binlog", 157, 79, 78, 52, 40, 12, 31, 44, 78);

    private final List<String> log = new ArrayList<>();
    private boolean holdAfterSync;
    private boolean holdAfterCommit;
    private final BinaryLog binlog = new BinaryLog(SIZES, 1 << 30, () -> 0L);
    private long now;
    private long seq;
    private final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
            : Long.compare(a[1], b[1]));

    private final GroupCommit.Hooks hooks = new GroupCommit.Hooks() {
        @Override
        public void afterFlush(BinlogPosition groupEnd) {
            log.add(now + " after_flush " + groupEnd.pos());
        }

        @Override
        public void published(BinlogPosition readableEnd) {
            log.add(now + " published " + readableEnd.pos());
        }

        @Override
        public boolean afterSync(BinlogPosition lastEnd) {
            log.add(now + " after_sync " + lastEnd.pos());
            return !holdAfterSync;
        }

        @Override
        public boolean afterCommit(GroupCommit.Pending trx, BinlogPosition end) {
            log.add(now + " after_commit " + trx.client());
            return !holdAfterCommit;
        }

        @Override
        public void engineCommitted(GroupCommit.Pending trx, BinlogPosition end) {
        }

        @Override
        public void committed(GroupCommit.Pending trx, BinlogPosition end) {
            log.add(now + " OK " + trx.client());
        }
    };

    private GroupCommit gc(long syncBinlog) {
        return new GroupCommit(binlog, new GroupCommit.Settings(5, 200, 10, syncBinlog, 0), hooks);
    }

    private void schedule(List<GroupCommit.Work> work) {
        for (GroupCommit.Work w : work) {
            due.add(new long[] {now + w.micros(), seq++, w.stage().ordinal()});
        }
    }

    private void run(GroupCommit gc) {
        long[] next;
        while ((next = due.poll()) != null) {
            now = next[0];
            schedule(gc.done(GroupCommit.Stage.values()[(int) next[2]]));
        }
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
        assertEquals(List.of("5 after_flush 449", "205 published 449", "205 after_sync 449", "215 after_commit c1",
                "215 OK c1"), log);
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
        assertEquals(List.of("5 after_flush 449", "15 after_flush 1033"),
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
        assertEquals(List.of("205 after_sync 449", "405 after_sync 1033"),
                log.stream().filter(l -> l.contains("after_sync")).toList());
    }

    @Test
    void withSyncBinlogZeroDumpThreadsMaySendBeforeTheFsync() {
        GroupCommit gc = gc(0);
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals("5 published 449", log.get(1));
    }

    @Test
    void afterSyncHookHoldsTheCommitStageUntilReleased() {
        GroupCommit gc = gc(1);
        holdAfterSync = true;
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals("205 after_sync 449", log.get(log.size() - 1));
        holdAfterSync = false;
        now = 1_000_205;
        schedule(gc.releaseAfterSync());
        run(gc);
        assertEquals("1000215 OK c1", log.get(log.size() - 1));
        assertTrue(gc.idle());
    }

    @Test
    void afterCommitHookHoldsEachTransactionInTurn() {
        GroupCommit gc = gc(1);
        holdAfterCommit = true;
        schedule(gc.submit(trx(1)));
        run(gc);
        assertEquals("215 after_commit c1", log.get(log.size() - 1));
        now = 500;
        schedule(gc.releaseAfterCommit());
        run(gc);
        assertEquals("500 OK c1", log.get(log.size() - 1));
        assertTrue(gc.idle());
    }
}
