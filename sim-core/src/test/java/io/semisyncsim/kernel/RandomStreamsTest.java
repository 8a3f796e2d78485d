package io.semisyncsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    @Test
    void sameSeedAndNameGiveTheSameNumbers() {
        SimRandom a = new RandomStreams(7).stream("net:source->replica1");
        SimRandom b = new RandomStreams(7).stream("net:source->replica1");
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void streamsOfDifferentComponentsDiffer() {
        RandomStreams streams = new RandomStreams(7);
        assertNotEquals(streams.stream("a").nextLong(), streams.stream("b").nextLong());
    }

    @Test
    void drawingFromOneStreamDoesNotShiftAnother() {
        RandomStreams quiet = new RandomStreams(7);
        RandomStreams busy = new RandomStreams(7);
        for (int i = 0; i < 50; i++) {
            busy.stream("other").nextLong();
        }
        assertEquals(quiet.stream("link").nextLong(), busy.stream("link").nextLong());
    }

    @Test
    void numbersArePinnedAcrossJdksAndReleases() {
        // SplitMix64 is ours: these values must never change, or old traces stop reproducing.
        // The reference SplitMix64 sequence for seed 0.
        SimRandom r = new SimRandom(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
    }

    @Test
    void boundedDrawsStayInRange() {
        SimRandom r = new RandomStreams(3).stream("x");
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong(10);
            assertTrue(v >= 0 && v < 10);
            long j = r.jitter(5);
            assertTrue(j >= -5 && j <= 5);
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
        }
    }

    @Test
    void zeroJitterDrawsNothing() {
        SimRandom a = new RandomStreams(3).stream("x");
        SimRandom b = new RandomStreams(3).stream("x");
        assertEquals(0, a.jitter(0));
        assertEquals(a.nextLong(), b.nextLong());
    }
}
