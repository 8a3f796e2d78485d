package io.semisyncsim.semisync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.binlog.BinlogPosition;
import org.junit.jupiter.api.Test;

/** AckContainer (semisync_source.h): the highest position acknowledged by N distinct server_ids. */
class AckContainerTest {
    private static BinlogPosition pos(long p) {
        return new BinlogPosition("binlog.000001", p);
    }

    @Test
    void firstAcksFillTheSlotsWithoutReporting() {
        AckContainer c = new AckContainer(2); // wait_for_replica_count = 3
        assertNull(c.insert(2, pos(100)));
        assertNull(c.insert(3, pos(100)));
    }

    @Test
    void theNthDistinctServerCompletesTheQuorumAtTheLowestCommonPosition() {
        AckContainer c = new AckContainer(2);
        c.insert(2, pos(300));
        c.insert(3, pos(200));
        assertEquals(pos(200), c.insert(4, pos(400)));
    }

    @Test
    void aServersNewerAckReplacesItsOwnWithoutReporting() {
        AckContainer c = new AckContainer(1); // count = 2
        c.insert(2, pos(100));
        assertNull(c.insert(2, pos(200)));
        assertEquals(pos(200), c.insert(3, pos(200)));
    }

    @Test
    void ackAtOrBelowTheLastReportedIsIgnored() {
        AckContainer c = new AckContainer(1);
        c.insert(2, pos(200));
        assertEquals(pos(200), c.insert(3, pos(200)));
        assertNull(c.insert(2, pos(150)));
        assertNull(c.insert(3, pos(200)));
    }

    @Test
    void whenAllHeldAcksAreAheadTheNewOneIsTheQuorum() {
        AckContainer c = new AckContainer(1);
        c.insert(2, pos(500));
        assertEquals(pos(300), c.insert(3, pos(300)));
    }

    @Test
    void shrinkingCanCompleteAQuorumFromWhatIsHeld() {
        AckContainer c = new AckContainer(2);
        c.insert(2, pos(300));
        c.insert(3, pos(200));
        assertEquals(pos(200), c.resize(1));
    }
}
