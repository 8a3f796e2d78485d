package io.semisyncsim.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * relay_log_space_limit as MariaDB's slave.cc enforces it: handle_slave_io waits after the event that takes
 * the relay log over the limit (wait_for_relay_log_space) until a purge frees space, or until the SQL
 * thread, with everything read, lets one more event through (ignore_log_space_limit) and, outside a
 * transaction, has the relay log rotated first (sql_force_rotate_relay); and as MySQL 8's rpl_replica.cc does:
 * before an event outside a transaction, with a forced purge to end the wait. Sizes as in RelayLogRotationTest.
 */
class RelaySpaceLimitTest {
    private static final long HEADER = 256;
    private static final int FORMAT = 252;
    private static final int RELAY_ROTATE = 31 + "r-relay-bin.000002".length();
    /** Relay file 1 (its header and the Rotate that closed it) and file 2 (header, fake Rotate, format). */
    private static final long BASE = HEADER + RELAY_ROTATE + HEADER + 43 + FORMAT;

    private ReplicaChannel channel;
    private long limit;
    private long sourcePos;
    private long trx;

    @BeforeEach
    void aReplicaReadingFromTheSourcesFirstFile() {
        limit = 0;
        channel = new ReplicaChannel(HEADER, n -> 31 + ReplicaChannel.relayFileName("r", n).length(), () -> 1L << 30,
                () -> true, () -> limit, RelaySpace.Rules.AFTER_EVENT);
        channel.configure("source", 3306, "repl", null, null, null, null);
        sourcePos = 256;
    }

    /** The same channel under MySQL 8.0's rules. */
    private void mysql8() {
        channel = new ReplicaChannel(HEADER, n -> 31 + ReplicaChannel.relayFileName("r", n).length(), () -> 1L << 30,
                () -> true, () -> limit, new RelaySpace.Rules(true, false, false));
        channel.configure("source", 3306, "repl", null, null, null, null);
    }

    private void start(long spaceLimit) {
        limit = spaceLimit;
        channel.ioStarting("Connecting to master");
        channel.ioConnected("Waiting for master to send event", 1);
        queue(new BinlogEvent(EventType.FAKE_ROTATE, "bin.000001", 4, 43, 0, -1, null));
        queue(new BinlogEvent(EventType.FORMAT_DESCRIPTION, "bin.000001", 256, FORMAT, 0, -1, null));
        channel.sqlStarted();
    }

    private void queue(BinlogEvent e) {
        channel.queued(e, e.timestamp());
    }

    /** A transaction's first event: 100 bytes, not its end. */
    private void begin() {
        trx++;
        sourcePos += 100;
        queue(new BinlogEvent(EventType.GTID, "bin.000001", sourcePos, 100, trx, 0, null));
    }

    /** Its last: 100 bytes. */
    private void end() {
        sourcePos += 100;
        queue(new BinlogEvent(EventType.XID, "bin.000001", sourcePos, 100, trx, 0, new Transaction(trx, null, 0, List.of())));
    }

    private void applyAll() {
        for (BinlogEvent e; (e = channel.nextToApply()) != null; ) {
            channel.applied(e);
        }
    }

    @Test
    void withoutALimitTheRelayLogNeverStopsTheIoThread() {
        start(0);
        for (int i = 0; i < 50; i++) {
            begin();
            end();
        }
        assertFalse(channel.relaySpace().limits());
        assertFalse(channel.relaySpace().waitsAfterQueueing());
    }

    @Test
    void theIoThreadWaitsOnlyAfterTheEventThatTakesTheRelayLogPastTheLimit() {
        start(BASE + 400); // room for 4 events
        begin();
        end();
        begin();
        end();
        assertFalse(channel.relaySpace().waitsAfterQueueing()); // at the limit, not past it
        begin();
        assertTrue(channel.relaySpace().waitsAfterQueueing());
    }

    @Test
    void theSqlThreadAtTheEndOfTheRelayLogLetsOneMoreEventThroughAfterARotation() {
        start(BASE + 150);
        begin();
        end();
        assertTrue(channel.relaySpace().waitsAfterQueueing());
        applyAll(); // the whole file is read, but it is the one written: nothing can be purged
        assertEquals(RelaySpace.Wait.GOES_ON, channel.relaySpace().woken());

        channel.sqlWaitsForEvents();

        assertTrue(channel.relaySpace().takeSignal());
        assertEquals(RelaySpace.Wait.OVER_ROTATED, channel.relaySpace().woken());
        assertEquals(3, relayFileWritten());
        begin();
        assertTrue(channel.relaySpace().waitsAfterQueueing()); // the limit holds again from the next event
    }

    @Test
    void insideATransactionTheSqlThreadAsksForOneMoreEventWithoutARotation() {
        start(BASE + 50);
        begin();
        assertTrue(channel.relaySpace().waitsAfterQueueing());
        applyAll(); // in the middle of the transaction: the file could not be purged after a rotation

        channel.sqlWaitsForEvents();

        assertEquals(RelaySpace.Wait.OVER, channel.relaySpace().woken());
        assertEquals(2, relayFileWritten());
    }

    @Test
    void aPurgeOfAFileReadWakesTheIoThreadWhenItFreesEnough() {
        start(BASE + 200 + RELAY_ROTATE + HEADER + FORMAT + 199); // one byte short of two more events
        begin();
        end();
        assertTrue(channel.rotateRelayLog()); // as max_relay_log_size would
        begin();
        end();
        assertTrue(channel.relaySpace().waitsAfterQueueing());

        applyAll(); // into file 3: file 1 is purged, file 2 stays until file 3 is read past

        assertTrue(channel.relaySpace().takeSignal());
        assertEquals(RelaySpace.Wait.OVER, channel.relaySpace().woken());
        assertFalse(channel.relaySpace().waitsAfterQueueing());
    }

    @Test
    void aNewSqlThreadHonoursTheLimitAgain() {
        start(BASE + 150);
        begin();
        end();
        applyAll();
        channel.sqlWaitsForEvents(); // one more event let through, and the I/O thread has not used it
        assertFalse(channel.relaySpace().waitsAfterQueueing());

        channel.sqlStopped();
        channel.sqlStarted();

        assertTrue(channel.relaySpace().waitsAfterQueueing());
    }

    private int relayFileWritten() {
        return channel.relayFileWritten();
    }

    @Test
    void mysql8WaitsBeforeATransactionThatWouldNotFitAndNeverInsideOne() {
        mysql8();
        start(BASE + 350);
        BinlogEvent gtid = new BinlogEvent(EventType.GTID, "bin.000001", sourcePos + 100, 100, 1, 0, null);
        assertFalse(channel.relaySpace().waitsBeforeQueueing(gtid, 200));
        begin();
        end();
        begin(); // 50 bytes left: the rest of this transaction is written whatever its size
        assertFalse(channel.relaySpace().waitsBeforeQueueing(new BinlogEvent(EventType.WRITE_ROWS, "bin.000001", 0, 500, trx, 0, null), 500));
        end();
        assertTrue(channel.relaySpace().waitsBeforeQueueing(gtid, 200)); // the next whole transaction would not fit
        assertFalse(channel.relaySpace().waitsAfterQueueing()); // MariaDB's check is not MySQL's
    }

    @Test
    void mysql8sWaitRotatesAndEndsWhenTheApplierHasPurgedTheFileItLeft() {
        mysql8();
        start(BASE + 250);
        begin();
        end();
        begin();
        end(); // 150 bytes over: the file being written cannot be purged

        assertTrue(channel.relaySpace().beginWaitBeforeQueueing(200)); // rotates to file 3
        assertEquals(RelaySpace.Wait.GOES_ON, channel.relaySpace().woken());
        applyAll(); // the applier reads file 2 to its Rotate and, the receiver waiting, purges it too

        assertTrue(channel.relaySpace().takeSignal());
        assertEquals(RelaySpace.Wait.OVER, channel.relaySpace().woken());
        assertEquals(3, channel.relayFileNumber());
        assertEquals(HEADER + FORMAT, channel.relayLogSpace()); // only the new file is left
    }
}
