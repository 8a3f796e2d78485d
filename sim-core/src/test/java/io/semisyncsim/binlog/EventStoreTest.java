package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.gtid.Gtid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binlog's store keeps every event readable while holding only the newest ones as objects. */
class EventStoreTest {
    /** A whole number per item: the codec is not what these tests are about. */
    private static final EventStore.Codec<Long> LONGS = new EventStore.Codec<>() {
        @Override
        public void write(Long item, EventStore.Out out) {
            out.writeSigned(item);
        }

        @Override
        public Long read(EventStore.In in) {
            return in.readSigned();
        }
    };

    /** One chunk of objects, and a budget of a few bytes: everything older goes to the scratch file. */
    private static EventStore<Long> spilling() {
        return new EventStore<>(LONGS, EventStore.CHUNK, 100);
    }

    @Test
    void everyItemReadsBackWhereverItIsKept() {
        EventStore<Long> store = spilling();
        for (long i = 0; i < 50_000; i++) {
            store.add(i * 7 - 3);
        }
        assertTrue(store.spilled(), "older chunks went to the scratch file");
        assertTrue(store.bytesInMemory() <= 100 + 3 * EventStore.CHUNK, "memory stays near its budget");
        for (int i = 0; i < 50_000; i += 1) {
            assertEquals(i * 7L - 3, store.get(i));
        }
        assertEquals(50_000, store.size());
    }

    @Test
    void numbersOfEveryLengthReadBackFromAGrowingBuffer() {
        long[] numbers = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        EventStore.Out out = new EventStore.Out(16); // grows many times over
        for (int round = 0; round < 100; round++) {
            for (long n : numbers) {
                out.writeSigned(n);
                out.writeLong(n); // a negative one as ten bytes
            }
        }
        EventStore.In in = new EventStore.In(out.toArray());
        for (int round = 0; round < 100; round++) {
            for (long n : numbers) {
                assertEquals(n, in.readSigned());
                assertEquals(n, in.readLong());
            }
        }
    }

    @Test
    void anEagerStoreHoldsWhatAListHoldsThroughAnyMixOfAddsDropsAndCuts() {
        for (boolean eager : new boolean[] {false, true}) {
            java.util.Random random = new java.util.Random(7);
            EventStore<Long> store = new EventStore<>(LONGS, EventStore.CHUNK, 1 << 16, eager);
            List<Long> reference = new ArrayList<>();
            // Mostly adds, so the store grows to many chunks; small drops (apply, purge) and cuts (a
            // crash) all along, and now and then a cut reaching back into the encoded chunks.
            for (int step = 0; step < 300_000; step++) {
                int op = random.nextInt(100_000);
                int n = 0;
                if (op < 97_000) {
                    long item = random.nextLong() >> random.nextInt(64); // every length of number
                    store.add(item);
                    reference.add(item);
                } else if (op < 99_000) {
                    n = random.nextInt(Math.min(reference.size(), 32) + 1);
                    store.dropFirst(n);
                    reference.subList(0, n).clear();
                } else if (op < 99_700 || op < 99_705 && reference.size() > 3 * EventStore.CHUNK) {
                    n = random.nextInt(Math.min(reference.size(), op < 99_700 ? 32 : 3 * EventStore.CHUNK) + 1);
                    store.truncate(reference.size() - n);
                    reference.subList(reference.size() - n, reference.size()).clear();
                } else if (op < 99_999 && !reference.isEmpty()) {
                    int i = random.nextInt(reference.size());
                    assertEquals(reference.get(i), store.get(i), (eager ? "eager" : "lazy") + " item " + i);
                } else if (op == 99_999) {
                    store.clear();
                    reference.clear();
                }
                assertEquals(reference.size(), store.size());
            }
            assertTrue(reference.size() > 5 * EventStore.CHUNK, "the store grew to many chunks: " + reference.size());
            for (int i = 0; i < reference.size(); i++) {
                assertEquals(reference.get(i), store.get(i), (eager ? "eager" : "lazy") + " item " + i);
            }
        }
    }

    @Test
    void droppingTheOldestShiftsTheIndicesAcrossChunks() {
        EventStore<Long> store = spilling();
        for (long i = 0; i < 30_000; i++) {
            store.add(i);
        }
        store.dropFirst(5_000);
        store.dropFirst(10);
        assertEquals(15_010L, store.first() + 10_000);
        assertEquals(29_999L, store.last());
        assertEquals(24_990, store.size());
        store.dropFirst(store.size());
        assertTrue(store.isEmpty());
    }

    @Test
    void cuttingTheTailReachesBackIntoEncodedChunks() {
        EventStore<Long> store = spilling();
        for (long i = 0; i < 30_000; i++) {
            store.add(i);
        }
        store.dropFirst(100);
        store.truncate(1_000); // far below the objects still held
        assertEquals(1_000, store.size());
        assertEquals(1_099L, store.last());
        store.add(-1L);
        assertEquals(-1L, store.last());
        assertEquals(100L, store.first());
    }

    @Test
    void aDecodedEventEqualsTheOneWrittenAndKeepsItsFileNameInstance() {
        EventStore<BinlogEvent> store = new EventStore<>(new BinlogEventCodec(), EventStore.CHUNK, 100);
        String file = new String("binlog.000001");
        List<BinlogEvent> written = new ArrayList<>();
        for (int i = 0; i < 3 * EventStore.CHUNK; i++) {
            Gtid gtid = i % 3 == 0 ? null : i % 3 == 1 ? new Gtid.Uuid("3e11fa47-71ca-11e1-9e33-c80aa9429562", i)
                    : new Gtid.Domain(0, 1, i);
            // with its session's logging or none: a session's binlog_format, annotation and domain come back
            Transaction.Logging logging = i % 4 == 0 ? null : new Transaction.Logging(i % 4 == 1, i % 4 == 2, i % 5);
            Transaction trx = new Transaction(i, gtid, 1_000 + i, List.of(
                    Transaction.RowChange.generatedInsert("t1", i),
                    new Transaction.RowChange(EventType.UPDATE_ROWS, "t2", -i, "x"),
                    new Transaction.RowChange(EventType.DELETE_ROWS, "t2", i, null)), null, 1, logging);
            BinlogEvent e = new BinlogEvent(EventType.XID, file, 157 + i * 31L, 31, i, i == 0 ? -1 : 1_000 + i, trx,
                    gtid); // the GTID event's own field, here with the transaction it names
            written.add(e);
            store.add(e);
        }
        BinlogEvent back = store.get(1);
        assertEquals(written.get(1), back);
        assertSame(file, back.file(), "positions of one file share its name");
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i), store.get(i));
        }
    }

    @Test
    void aTransactionTheCompactFormCannotHoldComesBackAsItWas() {
        EventStore<BinlogEvent> store = new EventStore<>(new BinlogEventCodec(), EventStore.CHUNK, 100);
        Transaction sql = new Transaction(7, null, 5, List.of(
                Transaction.RowChange.images(EventType.UPDATE_ROWS, "shop", "orders", new Object[] {1L, "old", null},
                        new Object[] {1L, "new", 3.5}).withSql("UPDATE shop.orders SET v = 'new' WHERE id = 1"),
                new Transaction.RowChange(EventType.WRITE_ROWS, "shop", "t1", 9, null, null, null)));
        for (int i = 0; i < 2 * EventStore.CHUNK + 1; i++) {
            store.add(new BinlogEvent(EventType.XID, "binlog.000001", 100 + i, 31, 7, 5, i == 0 ? sql : null));
        }
        assertEquals(sql, store.get(0).transaction(), "row images, a database and the client's text survive");
        assertSame(sql, store.get(0).transaction(), "kept as the object, not encoded");
    }

    /**
     * The codec decides what it can encode by looking at the components it knows, not by a round trip per
     * transaction: a component added to one of these records must be added to BinlogEventCodec too.
     */
    @Test
    void theCompactFormCoversEveryComponent() {
        assertEquals(List.of("id", "gtid", "timestamp", "changes", "query", "serverId", "logging"),
                components(Transaction.class));
        assertEquals(List.of("statements", "annotate", "domainId"), components(Transaction.Logging.class));
        assertEquals(List.of("kind", "db", "table", "key", "value", "before", "after", "sql", "log"),
                components(Transaction.RowChange.class));
        assertEquals(List.of("sid", "gno"), components(io.semisyncsim.gtid.Gtid.Uuid.class));
        assertEquals(List.of("domain", "server", "seq"), components(io.semisyncsim.gtid.Gtid.Domain.class));
        assertEquals(List.of("type", "end", "size", "trx", "timestamp", "transaction", "gtid", "commitId",
                "info"), components(BinlogEvent.class));
    }

    @Test
    void whatAHeaderEventRecordsComesBackFromTheCompactForm() {
        EventStore<BinlogEvent> store = new EventStore<>(new BinlogEventCodec(), EventStore.CHUNK, 100);
        for (int i = 0; i < 2 * EventStore.CHUNK + 1; i++) {
            store.add(i % 2 == 0 ? BinlogEvent.recording(EventType.GTID_LIST, "mysql-bin.000001", 285, 29, "[0-1-" + i + "]")
                    : new BinlogEvent(EventType.XID, "mysql-bin.000001", 300 + i, 31, i, 5, null));
        }
        assertEquals("[0-1-0]", store.get(0).info(), "encoded and read back");
        assertEquals(null, store.get(1).info());
        assertEquals(EventType.GTID_LIST, store.get(2).type());
    }

    private static List<String> components(Class<?> record) {
        return java.util.Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                .toList();
    }

    @Test
    void generatedAndOtherRowValuesComeBackEqual() {
        EventStore<BinlogEvent> store = new EventStore<>(new BinlogEventCodec(), EventStore.CHUNK, 100);
        List<String> values = java.util.Arrays.asList("row-42", "row-420", "row-4", "row-", "xrow-42", "row-042", null,
                "row--3");
        long[] keys = {42, 42, 42, 42, 42, 42, 42, -3};
        List<BinlogEvent> written = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * EventStore.CHUNK + 1; i++) {
            int k = i % values.size();
            Transaction t = new Transaction(i, null, 5, List.of(
                    new Transaction.RowChange(EventType.WRITE_ROWS, "t1", keys[k], values.get(k))));
            BinlogEvent e = new BinlogEvent(EventType.XID, "binlog.000001", 100 + i, 31, i, 5, t);
            written.add(e);
            store.add(e);
        }
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i), store.get(i));
        }
    }

    @Test
    void aBinaryLogOfManyTransactionsKeepsItsMemoryWithinTheBudget() {
        BinaryLog log = new BinaryLog(Layouts.MYSQL_ROW, 1L << 30, () -> 0);
        for (long i = 1; i <= 200_000; i++) {
            log.write(new Transaction(i, null, i, List.of(Transaction.RowChange.generatedInsert("t1", i))));
        }
        log.publishWritten();
        assertEquals(200_000 * 5 + 2, log.size(), "every event is still there");
        BinaryLog.Reader all = log.openReader(null);
        long xids = 0;
        for (BinlogEvent e; (e = all.peek()) != null; all.advance()) {
            xids += e.endsTransaction() ? 1 : 0;
        }
        assertEquals(200_000, xids);
        assertFalse(log.writtenEnd().pos() < 0);
    }
}
