package io.semisyncsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TraceDigestTest {
    private static String digest(TraceEvent... events) {
        TraceDigest d = new TraceDigest();
        for (TraceEvent e : events) {
            d.accept(e);
        }
        return d.hex();
    }

    @Test
    void equalEventsGiveEqualDigests() {
        assertEquals(digest(new TraceEvent(1, "a", "b", "c", "x", 1L)), digest(new TraceEvent(1, "a", "b", "c", "x", 1L)));
    }

    @Test
    void anyDifferenceChangesTheDigest() {
        String base = digest(new TraceEvent(1, "a", "b", "c", "x", 1L));
        assertNotEquals(base, digest(new TraceEvent(2, "a", "b", "c", "x", 1L)));
        assertNotEquals(base, digest(new TraceEvent(1, "a", "b", "c", "x", 2L)));
        assertNotEquals(base, digest(new TraceEvent(1, "a", "b", "c", "x", "1")));
        assertNotEquals(base, digest(new TraceEvent(1, "a", "b", "c", "y", 1L)));
    }

    @Test
    void headerPartsAndFieldsDoNotStandInForOneAnother() {
        assertNotEquals(digest(new TraceEvent(1, "a", "b", "c")), digest(new TraceEvent(1, "b", "a", "c")));
        assertNotEquals(digest(new TraceEvent(1, "a", "b", "c", "x", 1L, "y", 2L)),
                digest(new TraceEvent(1, "a", "b", "c", "y", 2L, "x", 1L)));
        assertNotEquals(digest(new TraceEvent(1, "a", "b", "c", "x", null)),
                digest(new TraceEvent(1, "a", "b", "c", "x", false)));
    }

    @Test
    void fieldBoundariesCount() {
        assertNotEquals(digest(new TraceEvent(1, "ab", "c", "k")), digest(new TraceEvent(1, "a", "bc", "k")));
    }

    @Test
    void orderOfEventsCounts() {
        TraceEvent a = new TraceEvent(1, "a", "x", "k");
        TraceEvent b = new TraceEvent(1, "b", "x", "k");
        assertNotEquals(digest(a, b), digest(b, a));
    }
}
