package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryLogTest {
    private static final EventSizes SIZES = Layouts.MYSQL_ROW;

    private static Transaction insert(long id) {
        return new Transaction(id, null, 0, List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", id, "v")));
    }

    @Test
    void firstTransactionStartsAfterTheHeaderEvents() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        List<BinlogEvent> events = log.write(insert(1));
        assertEquals(157, events.get(0).start().pos());
        assertEquals(157 + 79 + 75 + 52 + 52 + 31, log.writtenEnd().pos());
        assertEquals(log.writtenEnd(), events.get(events.size() - 1).end());
    }

    @Test
    void mysql8sGtidEventPacksTheTransactionsLengthInOneByteUnder251Bytes() {
        EventSizes mysql8 = io.semisyncsim.flavor.Flavors.standard().get("mysql-8.0").eventSizes();
        BinaryLog log = new BinaryLog(mysql8, 1 << 30, () -> 0L);
        // a short DDL: 77 + its Query event is under 251 bytes in all
        List<BinlogEvent> ddl = log.write(new Transaction(1, null, 0, List.of(),
                new Transaction.Query("test", "CREATE TABLE t (id INT)", null)));
        assertEquals(77, ddl.get(0).size());
        // a one-row insert (BEGIN, Table_map, Write_rows, Xid) is over: a 3-byte length
        assertEquals(79, log.write(insert(2)).get(0).size());
        assertEquals(77, mysql8.gtidEvent(false, 250 - 77));
        assertEquals(79, mysql8.gtidEvent(false, 251 - 77));
        assertEquals(84, mysql8.gtidEvent(true, 100), "as a replica logs it: with the original commit timestamp");
        assertEquals(65, io.semisyncsim.flavor.Flavors.standard().get("mysql-5.7").eventSizes().gtidEvent(false, 100),
                "5.7 writes no length");
    }

    @Test
    void writtenEventsAreNotReadableUntilPublished() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        log.write(insert(1));
        assertNull(log.openReader(new BinlogPosition("binlog.000001", 157)).peek());
        assertEquals(new BinlogPosition("binlog.000001", 157), log.readableEnd());
        log.publishWritten();
        assertEquals(log.writtenEnd(), log.readableEnd());
    }

    @Test
    void publishingUpToAPositionStopsThere() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        BinlogPosition firstEnd = last(log.write(insert(1))).end();
        log.write(insert(2));
        log.publishUpTo(firstEnd);
        assertEquals(firstEnd, log.readableEnd());
    }

    @Test
    void aFullFileRotatesBeforeTheNextTransaction() {
        BinaryLog log = new BinaryLog(SIZES, 400, () -> 0L);
        log.write(insert(1)); // ends at 446, past 400
        List<BinlogEvent> second = log.write(insert(2));
        assertEquals("binlog.000002", second.get(0).file());
        assertEquals(157, second.get(0).start().pos());
        assertEquals(List.of("binlog.000001", "binlog.000002"), log.files());
    }

    @Test
    void aMariaDbRotationWithNothingUncommittedWritesTheNewFilesSecondCheckpointAtOnce() {
        BinaryLog log = new BinaryLog(Layouts.MARIADB_ROW, 1 << 30, () -> 0L);
        log.rotate();
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.GTID_LIST, EventType.BINLOG_CHECKPOINT,
                EventType.BINLOG_CHECKPOINT), typesIn(log, "mysql-bin.000002"));
    }

    @Test
    void aMariaDbFlushBeforeTheRedoLogIsFlushedLeavesTheSecondCheckpointToTheNextEngineCommit() {
        BinaryLog log = new BinaryLog(Layouts.MARIADB_ROW, 1 << 30, () -> 0L);
        assertTrue(log.flush(false), "the caller schedules the engine's next background flush");
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.GTID_LIST, EventType.BINLOG_CHECKPOINT),
                typesIn(log, "mysql-bin.000002"));
        log.write(insert(1));
        log.xidWritten();
        log.xidDone("mysql-bin.000002");
        assertEquals(EventType.BINLOG_CHECKPOINT, last(typesInEvents(log)).type(), "after the transaction");
        assertFalse(log.redoFlushed(), "the background flush finds nothing left to write");
    }

    @Test
    void aMariaDbFlushBeforeTheRedoLogIsFlushedWritesTheCheckpointAtTheEnginesBackgroundFlush() {
        BinaryLog log = new BinaryLog(Layouts.MARIADB_ROW, 1 << 30, () -> 0L);
        log.flush(false);
        log.publishWritten();
        assertTrue(log.redoFlushed(), "written and readable");
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.GTID_LIST, EventType.BINLOG_CHECKPOINT,
                EventType.BINLOG_CHECKPOINT), typesIn(log, "mysql-bin.000002"));
        assertEquals(log.writtenEnd(), log.readableEnd());
    }

    @Test
    void aMariaDbFileFilledByCommittedTransactionsStartsWithBothCheckpoints() {
        BinaryLog log = new BinaryLog(Layouts.MARIADB_ROW, 400, () -> 0L);
        log.write(insert(1)); // past 400: the next write rotates
        log.xidWritten();
        log.xidDone("mysql-bin.000001");
        log.write(insert(2));
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.GTID_LIST, EventType.BINLOG_CHECKPOINT,
                EventType.BINLOG_CHECKPOINT), typesIn(log, "mysql-bin.000002").subList(0, 4));
    }

    @Test
    void aMariaDbRotationWaitsForThePreviousFilesTransactionsBeforeItsSecondCheckpoint() {
        BinaryLog log = new BinaryLog(Layouts.MARIADB_ROW, 1 << 30, () -> 0L);
        BinlogPosition end = last(log.write(insert(1))).end();
        log.xidWritten();
        log.publishWritten();
        log.rotate();
        log.publishWritten();
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.GTID_LIST, EventType.BINLOG_CHECKPOINT),
                typesIn(log, "mysql-bin.000002"));
        assertTrue(log.xidDone(end.file()), "the checkpoint is written and readable: the dump threads may send it");
        assertEquals(EventType.BINLOG_CHECKPOINT, last(typesInEvents(log)).type());
        assertEquals(log.writtenEnd(), log.readableEnd());
    }

    @Test
    void purgeToDeletesTheFilesBeforeTheOneNamed() {
        BinaryLog log = threeFiles(SIZES);
        BinaryLog.PurgeResult r = log.purgeTo("binlog.000003");
        assertEquals(new BinaryLog.PurgeResult(2, 2, null, 0), r);
        assertEquals(List.of("binlog.000003"), log.files());
    }

    @Test
    void purgeToAFileNotInTheIndexIsRefused() {
        BinaryLog log = threeFiles(SIZES);
        assertNull(log.purgeTo("binlog.000009"));
        assertEquals(3, log.files().size());
    }

    @Test
    void purgeStopsAtAFileADumpThreadStillReads() {
        BinaryLog log = threeFiles(SIZES);
        log.openReader(new BinlogPosition("binlog.000002", 4));
        BinaryLog.PurgeResult r = log.purgeTo("binlog.000003");
        assertEquals(new BinaryLog.PurgeResult(1, 2, "binlog.000002", 1), r);
        assertEquals(List.of("binlog.000002", "binlog.000003"), log.files());
    }

    @Test
    void aMariaDbPurgeStopsAtTheFileItsCheckpointStillNames() {
        BinaryLog log = new BinaryLog(Layouts.MARIADB_ROW, 1 << 30, () -> 0L);
        log.write(insert(1));
        log.xidWritten(); // written, not yet committed in the engine: the rotation keeps the file
        log.publishWritten();
        log.rotate();
        log.publishWritten();
        assertEquals(new BinaryLog.PurgeResult(0, 1, "mysql-bin.000001", 0), log.purgeTo("mysql-bin.000002"));
        log.xidDone("mysql-bin.000001");
        assertEquals(new BinaryLog.PurgeResult(1, 1, null, 0), log.purgeTo("mysql-bin.000002"));
    }

    /** binlog.000001 to .000003, a transaction in each, all published. */
    private static BinaryLog threeFiles(EventSizes sizes) {
        BinaryLog log = new BinaryLog(sizes, 1 << 30, () -> 0L);
        for (int i = 1; i <= 3; i++) {
            if (i > 1) {
                log.rotate();
            }
            log.write(insert(i));
            log.publishWritten();
        }
        return log;
    }

    @Test
    void mySqlWritesNoCheckpoints() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        log.rotate();
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.PREVIOUS_GTIDS), typesIn(log, "binlog.000002"));
    }

    private static List<EventType> typesIn(BinaryLog log, String file) {
        return typesInEvents(log).stream().filter(e -> e.file().equals(file)).map(BinlogEvent::type).toList();
    }

    private static List<BinlogEvent> typesInEvents(BinaryLog log) {
        log.publishWritten();
        List<BinlogEvent> out = new java.util.ArrayList<>();
        BinaryLog.Reader r = log.openReader(null);
        for (BinlogEvent e; (e = r.peek()) != null; r.advance()) {
            out.add(e);
        }
        r.close();
        return out;
    }

    @Test
    void dumpStartsAtTheFirstEventEndingAfterTheRequestedPosition() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        BinlogPosition end1 = last(log.write(insert(1))).end();
        log.write(insert(2));
        log.publishWritten();
        assertEquals(157, log.openReader(new BinlogPosition("binlog.000001", 157)).peek().start().pos());
        assertEquals(end1.pos(), log.openReader(end1).peek().start().pos());
    }

    @Test
    void resetMasterStartsOverAtFileOne() {
        BinaryLog log = new BinaryLog(SIZES, 400, () -> 0L);
        log.write(insert(1));
        log.write(insert(2));
        log.reset();
        assertEquals(new BinlogPosition("binlog.000001", 157), log.writtenEnd());
        assertEquals(List.of("binlog.000001"), log.files());
    }

    @Test
    void aDumpReadingAFileResetMasterDeletedReadsItToItsEndAndFindsNoNextFile() {
        BinaryLog log = new BinaryLog(SIZES, 400, () -> 0L);
        log.write(insert(1));
        log.write(insert(2)); // binlog.000002
        log.publishWritten();
        BinaryLog.Reader lagging = log.openReader(new BinlogPosition("binlog.000002", 4));

        log.reset();

        List<BinlogEvent> rest = new java.util.ArrayList<>();
        for (BinlogEvent e; (e = lagging.peek()) != null; lagging.advance()) {
            rest.add(e);
        }
        assertTrue(rest.stream().allMatch(e -> e.file().equals("binlog.000002")), rest.toString());
        assertEquals(EventType.XID, rest.get(rest.size() - 1).type());
        assertTrue(lagging.lostItsFile());
    }

    @Test
    void aDumpInTheFileResetMasterNamesAgainHasNotLostIt() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        log.write(insert(1));
        log.publishWritten();
        BinaryLog.Reader reader = log.openReader(null);
        log.reset();
        for (; reader.peek() != null; reader.advance()) {
            assertEquals("binlog.000001", reader.peek().file());
        }
        assertFalse(reader.lostItsFile());
    }

    @Test
    void expiredClosedFilesArePurgedAtRotation() {
        long[] now = {0};
        BinaryLog log = new BinaryLog(SIZES, 400, () -> now[0]);
        log.setExpiry(1_000_000);
        log.write(insert(1));
        log.publishWritten();
        now[0] = 2_000_000;
        log.write(insert(2)); // rotates: file 1 closed at 2 s, not expired yet
        log.publishWritten();
        assertEquals(List.of("binlog.000001", "binlog.000002"), log.files());
        now[0] = 3_500_000;
        log.write(insert(3)); // rotates: file 1 has been closed 1.5 s
        assertEquals(List.of("binlog.000002", "binlog.000003"), log.files());
    }

    @Test
    void aFileADumpThreadIsReadingIsNotPurged() {
        long[] now = {0};
        BinaryLog log = new BinaryLog(SIZES, 400, () -> now[0]);
        log.setExpiry(1_000_000);
        log.write(insert(1));
        log.publishWritten();
        BinaryLog.Reader dump = log.openReader(null); // still at the start of file 1
        now[0] = 2_000_000;
        log.write(insert(2));
        log.publishWritten();
        now[0] = 4_000_000;
        log.write(insert(3));
        assertEquals(List.of("binlog.000001", "binlog.000002", "binlog.000003"), log.files());
        dump.close();
        assertEquals(1, log.purgeClosedBefore(now[0]));
        assertEquals("binlog.000002", log.files().get(0));
    }

    @Test
    void aReaderReadsOnAcrossAPurge() {
        long[] now = {0};
        BinaryLog log = new BinaryLog(SIZES, 400, () -> now[0]);
        log.write(insert(1));
        log.write(insert(2));
        log.publishWritten();
        BinaryLog.Reader dump = log.openReader(null);
        while (dump.peek() != null && dump.peek().file().equals("binlog.000001")) {
            dump.advance();
        }
        now[0] = 10_000_000;
        assertEquals(1, log.purgeClosedBefore(now[0]));
        assertEquals("binlog.000002", dump.peek().file());
        assertEquals(EventType.FORMAT_DESCRIPTION, dump.peek().type()); // the new file's own header
        assertEquals(4, dump.peek().start().pos());
        assertFalse(log.exists(new BinlogPosition("binlog.000001", 157)));
    }

    @Test
    void withoutExpiryNothingIsPurged() {
        long[] now = {0};
        BinaryLog log = new BinaryLog(SIZES, 400, () -> now[0]);
        for (int i = 1; i <= 4; i++) {
            now[0] += 10_000_000;
            log.write(insert(i));
            log.publishWritten();
        }
        assertEquals(4, log.files().size());
    }

    private static BinlogEvent last(List<BinlogEvent> events) {
        return events.get(events.size() - 1);
    }
}
