package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** UUID(), UUID_SHORT() and the sessions' RAND() seeds of one run of a server: its own, and repeatable. */
class ServerRandomTest {
    @Test
    void uuidIsAVersionOneUuidThatNeverRepeats() {
        ServerRandom r = new ServerRandom(3, 0);
        String a = r.uuid(1_000_000);
        String b = r.uuid(1_000_000); // the clock has not moved: the next 100 ns
        assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-8003-020000000003"), a);
        assertEquals(Long.parseLong(a.substring(0, 8), 16) + 1, Long.parseLong(b.substring(0, 8), 16));
    }

    @Test
    void uuidShortIsServerIdThenStartTimeThenACounter() {
        ServerRandom r = new ServerRandom(1, 0);
        long first = r.uuidShort();
        assertEquals(1, first >>> 56);
        assertEquals(VirtualTimestamps.unixSeconds(0), (first >>> 24) & 0xFFFFFFFFL);
        assertEquals(first + 1, r.uuidShort());
    }

    @Test
    void eachRunOfAServerDrawsItsOwnSeedsTheSameWayEveryTime() {
        RandStruct once = new ServerRandom(1, 0).sessionRand(5);
        RandStruct again = new ServerRandom(1, 0).sessionRand(5);
        RandStruct restarted = new ServerRandom(1, 60_000_000).sessionRand(5);
        assertEquals(once.seed1(), again.seed1());
        assertEquals(once.seed2(), again.seed2());
        assertNotEquals(once.seed1(), restarted.seed1());
    }
}
