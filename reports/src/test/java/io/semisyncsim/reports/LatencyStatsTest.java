package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesCountEveryCommitByNearestRank() {
        LatencyStats s = new LatencyStats();
        for (int i = 1; i <= 100; i++) {
            s.record(i, i * 10L, true);
        }
        assertEquals(500, s.percentile(50));
        assertEquals(950, s.percentile(95));
        assertEquals(990, s.percentile(99));
        assertEquals(1000, s.max());
    }

    @Test
    void acknowledgedAsynchronousAndUnknownAreCountedApart() {
        LatencyStats s = new LatencyStats();
        s.record(1, 1_200, true);
        s.record(2, 10_000_000, false);
        s.record(3, 900, null);
        assertEquals(1, s.count(LatencyStats.Ack.SEMISYNC));
        assertEquals(1, s.count(LatencyStats.Ack.ASYNC));
        assertEquals(1, s.count(LatencyStats.Ack.UNKNOWN));
        assertEquals(LatencyStats.Ack.UNKNOWN, s.points().get(2).ack());
    }

    @Test
    void aLongRunKeepsABoundedEvenSampleOfPoints() {
        LatencyStats s = new LatencyStats();
        for (int i = 0; i < 100_000; i++) {
            s.record(i, 1_000 + i % 7, true);
        }
        assertTrue(s.points().size() <= LatencyStats.POINTS, "" + s.points().size());
        assertTrue(s.points().size() >= LatencyStats.POINTS / 4, "" + s.points().size());
        assertEquals(100_000, s.count());
        long stride = s.stride();
        for (int i = 0; i < s.points().size(); i++) {
            assertEquals(i * stride, s.points().get(i).time(), "every " + stride + "-th commit");
        }
    }
}
