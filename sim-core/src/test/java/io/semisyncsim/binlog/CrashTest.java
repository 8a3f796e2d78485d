package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A power loss keeps what was fsynced of the binlog and loses the rest. */
class CrashTest {
    private static final EventSizes SIZES = Layouts.MYSQL_ROW;

    private static Transaction trx(long id) {
        return new Transaction(id, null, 0, List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", id, "v")));
    }

    @Test
    void theUnsyncedTailIsLostAndPositionsGoBack() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        List<BinlogEvent> first = log.write(trx(1));
        log.markSynced();
        log.write(trx(2));
        assertEquals(5, log.powerLoss());
        assertEquals(first.get(first.size() - 1).end(), log.writtenEnd());
        assertTrue(log.isSynced(first.get(first.size() - 1).end()));
    }

    @Test
    void withNothingSyncedTheBinlogStartsOver() {
        BinaryLog log = new BinaryLog(SIZES, 1 << 30, () -> 0L);
        BinlogPosition end = last(log.write(trx(1))).end();
        log.publishWritten();
        log.powerLoss();
        assertEquals(new BinlogPosition("binlog.000001", 157), log.writtenEnd());
        assertFalse(log.isSynced(end));
        assertEquals(new BinlogPosition("binlog.000001", 157), log.readableEnd());
    }

    @Test
    void rotationSyncsTheFileItCloses() {
        BinaryLog log = new BinaryLog(SIZES, 400, () -> 0L);
        log.write(trx(1));
        log.write(trx(2)); // rotates first: file 1 is synced
        log.powerLoss();
        assertEquals(new BinlogPosition("binlog.000002", 157), log.writtenEnd());
        assertEquals(List.of("binlog.000001", "binlog.000002"), log.files());
    }

    private static BinlogEvent last(List<BinlogEvent> events) {
        return events.get(events.size() - 1);
    }
}
