package io.semisyncsim.gtid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GtidSetTest {
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private static GtidSet set(String text) {
        return GtidSet.parse(text);
    }

    @Test
    void consecutiveNumbersOfOneServerMakeOneInterval() {
        GtidSet s = new GtidSet();
        for (long n = 1; n <= 5; n++) {
            s.add(new Gtid.Uuid(A, n));
        }
        assertEquals(A + ":1-5", s.toString());
    }

    @Test
    void serversAreWrittenInUuidOrderSeparatedByCommaNewline() {
        GtidSet s = GtidSet.of(new Gtid.Uuid(B, 3), new Gtid.Uuid(A, 1), new Gtid.Uuid(A, 7));
        assertEquals(A + ":1:7,\n" + B + ":3", s.toString());
    }

    @Test
    void aNumberBetweenTwoIntervalsJoinsThem() {
        GtidSet s = set(A + ":1-3:5-9");
        s.add(new Gtid.Uuid(A, 4));
        assertEquals(A + ":1-9", s.toString());
    }

    @Test
    void parsingAcceptsSpacesUpperCaseAndOverlaps() {
        assertEquals(A + ":1-10", set(" " + A.toUpperCase() + ":1-5:3-10 ").toString());
        assertEquals("", set("").toString());
    }

    @Test
    void malformedTextIsRefused() {
        assertNull(set("not-a-uuid:1"));
        assertNull(set(A));
        assertNull(set(A + ":0"));
        assertNull(set(A + ":5-3"));
        assertNull(set(A + ":x"));
    }

    @Test
    void subtractLeavesWhatTheOtherLacks() {
        assertEquals(A + ":1-2:6-10,\n" + B + ":1", set(A + ":1-10," + B + ":1").subtract(set(A + ":3-5")).toString());
        assertEquals("", set(A + ":1-3").subtract(set(A + ":1-10")).toString());
    }

    @Test
    void subsetHoldsWhenEveryGtidIsInTheOther() {
        assertTrue(set(A + ":2-4").isSubsetOf(set(A + ":1-10")));
        assertFalse(set(A + ":2-11").isSubsetOf(set(A + ":1-10")));
        assertTrue(new GtidSet().isSubsetOf(new GtidSet()));
    }

    @Test
    void theNextAutomaticNumberFillsTheFirstGap() {
        assertEquals(1, new GtidSet().nextGno(A));
        assertEquals(4, set(A + ":1-3:7").nextGno(A));
        assertEquals(1, set(A + ":2-3").nextGno(A));
    }

    @Test
    void encodedLengthIsThePreviousGtidsBody() {
        assertEquals(8, new GtidSet().encodedLength());
        assertEquals(8 + 16 + 8 + 2 * 16, set(A + ":1-3:5").encodedLength());
    }

    @Test
    void copiesAreIndependent() {
        GtidSet s = set(A + ":1-3");
        GtidSet c = s.copy();
        s.add(new Gtid.Uuid(A, 4));
        assertEquals(A + ":1-3", c.toString());
    }
}
