package io.semisyncsim.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.ShowBinlogEvents;
import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What SHOW RELAYLOG EVENTS reads of a relay file: every event the I/O thread wrote there, applied or not,
 * until relay_log_purge deletes the file; with MariaDB 10.11's sizes, as in RelayLogRotationTest
 * (show-relaylog-events-mariadb plays the same on a real server).
 */
class RelayLogContentsTest {
    private static final long HEADER = 256;
    private static final long REPLICA_ID = 2;
    private static final long SOURCE_ID = 1;

    private ReplicaChannel channel;
    private long sourcePos = 256;

    @BeforeEach
    void aChannelThatReadTheSourcesHeader() {
        channel = new ReplicaChannel(HEADER, n -> 31 + ReplicaChannel.relayFileName("r", n).length(), () -> 1L << 30,
                () -> true, () -> 0L, RelaySpace.Rules.AFTER_EVENT);
        channel.configure("source", 3306, "repl", null, null, null, null);
        channel.ioConnected("Waiting for master to send event", SOURCE_ID);
        channel.sourceKnown(SOURCE_ID, "");
        queue(new BinlogEvent(EventType.FAKE_ROTATE, "bin.000001", 4, 43, 0, -1, null));
        queue(new BinlogEvent(EventType.FORMAT_DESCRIPTION, "bin.000001", 256, 252, 0, -1, null));
    }

    private void queue(BinlogEvent e) {
        channel.queued(e, e.timestamp());
    }

    private void commitOne() {
        sourcePos += 100;
        queue(new BinlogEvent(EventType.XID, "bin.000001", sourcePos, 100, 1, 0, new Transaction(1, null, 0, List.of())));
    }

    private void applyAll() {
        for (BinlogEvent e; (e = channel.nextToApply()) != null; ) {
            channel.applied(e);
        }
    }

    private List<ShowBinlogEvents.Written> file(Integer n) {
        ReplicaChannel.RelayFileEvents f = channel.relayFileEvents(n, REPLICA_ID, false, k -> "r-relay-bin.00000" + k);
        return f == null ? null : f.events();
    }

    @Test
    void appliedEventsStayInTheirFile() {
        commitOne();
        applyAll();

        List<ShowBinlogEvents.Written> events = file(2);
        assertEquals(3, events.size(), "the fake Rotate, the source's Format_description and the transaction");
        assertEquals(EventType.XID, events.get(2).event().type());
        assertEquals(HEADER + 43 + 252, events.get(2).pos());
        assertEquals(sourcePos, events.get(2).endLogPos(), "the source's End_log_pos");
        assertEquals(SOURCE_ID, events.get(2).serverId());
    }

    @Test
    void theDumpsMadeUpEventsCarryEndLogPosZero() {
        List<ShowBinlogEvents.Written> events = file(2);
        assertEquals(EventType.FAKE_ROTATE, events.get(0).event().type());
        assertEquals(0, events.get(0).endLogPos());
        assertEquals(HEADER, events.get(0).pos());
    }

    @Test
    void theRotateClosingAFileIsTheReplicasOwnAndNamesTheNext() {
        List<ShowBinlogEvents.Written> first = file(null);
        assertEquals(1, first.size(), "the first file holds its header and the Rotate START SLAVE wrote");
        ShowBinlogEvents.Written rotate = first.get(0);
        assertEquals(REPLICA_ID, rotate.serverId());
        assertEquals("r-relay-bin.000002;pos=4", rotate.event().info());
        assertEquals(HEADER + rotate.event().size(), rotate.endLogPos(), "this relay file's own position");
    }

    @Test
    void aPurgedFileIsNoLongerThereNorAreItsEvents() {
        commitOne();
        applyAll();
        channel.rotateRelayLog(); // FLUSH RELAY LOGS
        commitOne();
        applyAll(); // the SQL thread reads into file 3: file 1, before its group's file's predecessor, goes

        assertNull(file(1));
        assertEquals(2, channel.relayFileEvents(null, REPLICA_ID, false, k -> "f" + k).number());
        assertEquals(4, file(2).size(), "file 2 stays whole: the events read and its closing Rotate");
    }

    @Test
    void eventsNotAppliedYetAreListedAfterThoseApplied() {
        commitOne();
        applyAll();
        commitOne();

        List<ShowBinlogEvents.Written> events = file(2);
        assertEquals(4, events.size());
        assertEquals(sourcePos, events.get(3).endLogPos());
    }

    @Test
    void aChannelNeverConfiguredHasNoRelayLogOpen() {
        ReplicaChannel fresh = new ReplicaChannel(HEADER, n -> 49, () -> 1L << 30, () -> true, () -> 0L,
                RelaySpace.Rules.AFTER_EVENT);
        assertFalse(fresh.relayLogOpen());
        assertNull(fresh.relayFileEvents(null, REPLICA_ID, false, k -> "f" + k));
    }

    @Test
    void aGroupThatFailedIsReadAgainFromItsStartAndStaysInItsFileOnce() {
        applyAll();
        sourcePos += 60;
        queue(new BinlogEvent(EventType.GTID, "bin.000001", sourcePos, 60, 2, 0, null));
        sourcePos += 100;
        queue(new BinlogEvent(EventType.XID, "bin.000001", sourcePos, 100, 2, 0, new Transaction(2, null, 0, List.of())));
        long groupStart = channel.relayLogPos();
        channel.applied(channel.nextToApply()); // the Gtid event; applying the Xid fails
        channel.rewindGroup();
        channel.sqlStopped();
        assertEquals(EventType.GTID, channel.nextToApply().type());
        assertEquals(groupStart, channel.relayLogPos());
        applyAll();
        long gtids = file(2).stream().filter(w -> w.event().type() == EventType.GTID).count();
        assertEquals(1, gtids);
    }
}
