package io.semisyncsim.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MASTER_DELAY as sql_delay_event counts it: from the transaction's second (MariaDB: its event time rounded
 * down; MySQL 8: its commit time rounded up), sleeping whole seconds from now (slave_sleep).
 */
class SqlDelayTest {
    private ReplicaChannel channel;

    /** A transaction the source ran at 10.4 s, in the relay log, and MASTER_DELAY = 2. */
    @BeforeEach
    void aDelayedReplicaWithOneTransactionToApply() {
        channel = new ReplicaChannel(256, n -> 49, () -> 1L << 30, () -> true, () -> 0L,
                RelaySpace.Rules.AFTER_EVENT);
        channel.configure("source", 3306, "repl", null, null, null, null);
        channel.ioStarting("Connecting to master");
        channel.ioConnected("Waiting for master to send event", 1);
        channel.sqlStarted();
        channel.setSqlDelay(2);
        channel.queued(new BinlogEvent(EventType.GTID, "bin.000001", 300, 42, 1, 10_400_000, null), 10_400_000);
        channel.queued(new BinlogEvent(EventType.XID, "bin.000001", 400, 100, 1, 10_400_000,
                new Transaction(1, null, 10_400_000, List.of())), 10_400_000);
    }

    @Test
    void mariaDbSleepsWholeSecondsFromNowUntilTwoSecondsAfterTheEventsSecond() {
        assertEquals(10_500_000 + 2_000_000, channel.sqlDelayUntil(10_500_000, false)); // ends at 12 s, now in 10
        assertEquals(2L, channel.sqlRemainingDelay(10_500_000));
        assertEquals(1L, channel.sqlRemainingDelay(11_000_000));
        channel.sqlDelayOver();
        assertNull(channel.sqlRemainingDelay(12_500_000));
    }

    @Test
    void mySqlCountsFromTheCommitsSecondRoundedUp() {
        assertEquals(10_500_000 + 3_000_000, channel.sqlDelayUntil(10_500_000, true)); // ends at 13 s
    }

    @Test
    void aTransactionOldEnoughIsNotHeld() {
        assertEquals(-1, channel.sqlDelayUntil(12_000_000, false));
        assertNull(channel.sqlRemainingDelay(12_000_000));
    }
}
