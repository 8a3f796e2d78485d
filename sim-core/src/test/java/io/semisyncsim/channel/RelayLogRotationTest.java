package io.semisyncsim.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay log's own rotations and what relay_log_purge keeps, with MariaDB 10.11's sizes (a relay file's
 * header is its Format_description, 256 bytes in all; a Rotate naming "r-relay-bin.00000N" is 31 + 18). The
 * figures follow flush-relay-logs-mariadb, which a real MariaDB plays to the byte.
 */
class RelayLogRotationTest {
    private static final long HEADER = 256;
    private static final int RELAY_ROTATE = 31 + "r-relay-bin.000002".length();
    private static final int SOURCE_FORMAT = 252;

    private ReplicaChannel channel;
    private long sourcePos;
    private boolean purge = true;

    @BeforeEach
    void aChannelReadingFromTheStartOfTheSourcesFirstFile() {
        channel = new ReplicaChannel(HEADER, n -> 31 + ReplicaChannel.relayFileName("r", n).length(), () -> 1L << 30, () -> purge, () -> 0L, RelaySpace.Rules.AFTER_EVENT);
        channel.configure("source", 3306, "repl", null, null, null, null);
        channel.ioConnected("Waiting for master to send event", 1);
        // the dump's fake Rotate opens relay file 2, and the source's format follows
        queue(new BinlogEvent(EventType.FAKE_ROTATE, "bin.000001", 4, 43, 0, -1, null));
        queue(new BinlogEvent(EventType.FORMAT_DESCRIPTION, "bin.000001", 256, SOURCE_FORMAT, 0, -1, null));
        sourcePos = 256;
    }

    private void queue(BinlogEvent e) {
        channel.queued(e, e.timestamp());
    }

    private void commitOne() {
        sourcePos += 100;
        queue(new BinlogEvent(EventType.XID, "bin.000001", sourcePos, 100, 1, 0,
                new Transaction(1, null, 0, List.of())));
    }

    private void applyAll() {
        for (BinlogEvent e; (e = channel.nextToApply()) != null; ) {
            channel.applied(e);
        }
    }

    @Test
    void theClosedFileKeepsItsRotateAndTheFileBeforeTheOneReadIsKept() {
        commitOne();
        applyAll();
        assertEquals(2, channel.relayFileNumber());
        assertEquals(HEADER + 43 + SOURCE_FORMAT + 100, channel.relayLogPos());
        // relay file 1 (its header and the Rotate that closed it) stays until file 2 is read past
        assertEquals((HEADER + RELAY_ROTATE) + (HEADER + 43 + SOURCE_FORMAT + 100), channel.relayLogSpace());
    }

    @Test
    void flushRelayLogsMovesTheSqlThreadPastTheCopyOfTheSourcesFormat() {
        commitOne();
        applyAll();
        long file2 = HEADER + 43 + SOURCE_FORMAT + 100 + RELAY_ROTATE;

        assertEquals(true, channel.rotateRelayLog());
        applyAll();

        assertEquals(3, channel.relayFileNumber());
        assertEquals(HEADER + SOURCE_FORMAT, channel.relayLogPos()); // 508 on MariaDB
        assertEquals(file2 + HEADER + SOURCE_FORMAT, channel.relayLogSpace()); // file 1 purged, file 2 kept
        assertEquals(sourcePos, channel.execSourceLogPos()); // the source's coordinates do not move
    }

    @Test
    void withTheIoThreadStoppedTheNewFileHasNoCopyAndThePositionStaysWithTheLastTransaction() {
        commitOne();
        applyAll();
        long applied = channel.relayLogPos();
        channel.ioStopped();

        channel.rotateRelayLog();
        applyAll();

        assertEquals(2, channel.relayFileNumber());
        assertEquals(applied, channel.relayLogPos());
        assertEquals((applied + RELAY_ROTATE) + HEADER, channel.relayLogSpace());
        assertNull(channel.nextToApply());
    }

    @Test
    void aTransactionSpanningTwoFilesMovesThePositionOnlyWhenItEnds() {
        commitOne();
        applyAll();
        long lastEnd = channel.relayLogPos();
        queue(new BinlogEvent(EventType.GTID, "bin.000001", sourcePos + 40, 40, 2, 0, null));
        channel.rotateRelayLog(); // max_relay_log_size passed in the middle of transaction 2
        applyAll();
        assertEquals(2, channel.relayFileNumber(), "the copy of the source's format inside it moves nothing");
        assertEquals(lastEnd, channel.relayLogPos());

        sourcePos += 40;
        commitOne();
        applyAll();
        assertEquals(3, channel.relayFileNumber());
        assertEquals(HEADER + SOURCE_FORMAT + 100, channel.relayLogPos());
    }

    @Test
    void withRelayLogPurgeOffEveryFileStaysUntilItIsOnAgain() {
        purge = false;
        commitOne();
        applyAll();
        channel.rotateRelayLog();
        applyAll();
        long file1 = HEADER + RELAY_ROTATE;
        long file2 = HEADER + 43 + SOURCE_FORMAT + 100 + RELAY_ROTATE;
        assertEquals(file1 + file2 + HEADER + SOURCE_FORMAT, channel.relayLogSpace());

        purge = true;
        channel.rotateRelayLog();
        applyAll();
        assertEquals((HEADER + SOURCE_FORMAT + RELAY_ROTATE) + (HEADER + SOURCE_FORMAT), channel.relayLogSpace());
    }

    @Test
    void aChannelNeverConfiguredHasNoRelayLogToRotate() {
        ReplicaChannel none = new ReplicaChannel(HEADER, n -> RELAY_ROTATE, () -> 1L << 30, () -> purge, () -> 0L, RelaySpace.Rules.AFTER_EVENT);
        assertFalse(none.rotateRelayLog());
        assertEquals(0, none.relayLogBacklog());
    }
}
