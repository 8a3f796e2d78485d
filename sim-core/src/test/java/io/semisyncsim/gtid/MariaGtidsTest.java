package io.semisyncsim.gtid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MariaDB's positions and binlog state, as measured on 10.11.18. */
class MariaGtidsTest {

    @Test
    void aPositionHoldsOneGtidPerDomainInDomainOrder() {
        GtidList p = new GtidList();
        p.put(new Gtid.Domain(3, 5, 1));
        p.put(new Gtid.Domain(0, 1, 4));
        p.put(new Gtid.Domain(0, 2, 6));
        assertEquals("0-2-6,3-5-1", p.toString());
    }

    @Test
    void parsingRefusesMalformedTextAndTwoGtidsOfOneDomain() {
        assertEquals("0-1-3,1-2-5", GtidList.parse(" 0-1-3 , 1-2-5").list().toString());
        assertNotNull(GtidList.parse("0-1").malformed());
        assertEquals(2, GtidList.parse("0-1-3,0-2-4").conflict().size());
        assertTrue(GtidList.parse("").list().isEmpty());
    }

    @Test
    void theBinlogStateListsEachServerWithTheDomainsLastGtidLast() {
        BinlogState s = new BinlogState();
        s.logged(new Gtid.Domain(0, 2, 4));
        s.logged(new Gtid.Domain(0, 1, 5));
        assertEquals("0-2-4,0-1-5", s.toString());
        assertEquals("0-1-5", s.pos().toString());
    }

    @Test
    void aPromotedReplicaNumbersOnFromWhatItApplied() {
        // measured: a replica at 0-1-3 (log_slave_updates OFF) promoted writes 0-2-4
        BinlogState s = new BinlogState();
        s.bump(0, 3);
        assertEquals(new Gtid.Domain(0, 2, 4), s.next(0, 2));
        assertTrue(s.toString().isEmpty());
    }

    @Test
    void strictModeRefusesAGtidNotAfterTheDomainsLast() {
        BinlogState s = new BinlogState();
        s.logged(new Gtid.Domain(0, 1, 4));
        assertEquals(new Gtid.Domain(0, 1, 4), s.outOfOrder(new Gtid.Domain(0, 2, 4)));
        assertNull(s.outOfOrder(new Gtid.Domain(0, 2, 5)));
        assertNull(s.outOfOrder(new Gtid.Domain(1, 2, 1)));
    }

    @Test
    void holdsMeansThatServerLoggedThatNumberOrLater() {
        BinlogState s = new BinlogState();
        s.logged(new Gtid.Domain(0, 1, 3));
        assertTrue(s.holds(new Gtid.Domain(0, 1, 2)));
        assertFalse(s.holds(new Gtid.Domain(0, 1, 4)));
        assertFalse(s.holds(new Gtid.Domain(0, 2, 1)));
    }
}
