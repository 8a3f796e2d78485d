package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryLogTest {
    private static final EventSizes SIZES = new EventSizes("binlog", 157, 79, 78, 52, 40, 12, 31, 44);

    private static Transaction insert(long id) {
        return new Transaction(id, null, 0, List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", id, "v")));
    }

    @Test
    void firstTransactionStartsAfterTheHeaderEvents() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30);
        List<BinlogEvent> events = log.write(insert(1));
        assertEquals(157, events.get(0).start().pos());
        assertEquals(157 + 79 + 78 + 52 + 52 + 31, log.writtenEnd().pos());
        assertEquals(log.writtenEnd(), events.get(events.size() - 1).end());
    }

    @Test
    void writtenEventsAreNotReadableUntilPublished() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30);
        log.write(insert(1));
        assertNull(log.readable(0));
        assertEquals(new BinlogPosition("binlog.000001", 157), log.readableEnd());
        log.publishWritten();
        assertEquals(log.writtenEnd(), log.readableEnd());
    }

    @Test
    void publishingUpToAPositionStopsThere() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30);
        BinlogPosition firstEnd = last(log.write(insert(1))).end();
        log.write(insert(2));
        log.publishUpTo(firstEnd);
        assertEquals(firstEnd, log.readableEnd());
    }

    @Test
    void aFullFileRotatesBeforeTheNextTransaction() {
        BinaryLog log = new BinaryLog(SIZES, 400);
        log.write(insert(1)); // ends at 449, past 400
        List<BinlogEvent> second = log.write(insert(2));
        assertEquals("binlog.000002", second.get(0).file());
        assertEquals(157, second.get(0).start().pos());
        assertEquals(List.of("binlog.000001", "binlog.000002"), log.files());
    }

    @Test
    void dumpStartsAtTheFirstEventEndingAfterTheRequestedPosition() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30);
        BinlogPosition end1 = last(log.write(insert(1))).end();
        log.write(insert(2));
        log.publishWritten();
        assertEquals(0, log.indexAfter(new BinlogPosition("binlog.000001", 157)));
        assertEquals(5, log.indexAfter(end1));
    }

    @Test
    void resetMasterStartsOverAtFileOne() {
        BinaryLog log = new BinaryLog(SIZES, 400);
        log.write(insert(1));
        log.write(insert(2));
        log.reset();
        assertEquals(new BinlogPosition("binlog.000001", 157), log.writtenEnd());
        assertEquals(List.of("binlog.000001"), log.files());
    }

    private static BinlogEvent last(List<BinlogEvent> events) {
        return events.get(events.size() - 1);
    }
}
