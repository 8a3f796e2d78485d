package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The compressed time axis: slower hops look slower, long quiet stretches are cut and said. */
class TimeAxisTest {

    private static TimeAxis axis(long... times) {
        TreeMap<Long, Integer> rows = new TreeMap<>();
        for (long t : times) {
            rows.put(t, 1);
        }
        return TimeAxis.of(rows);
    }

    @Test
    void aTwentyMillisecondHopIsLongerThanAHalfMillisecondOne() {
        TimeAxis a = axis(0, 500, 20_500);
        double fast = a.at(500) - a.at(0);
        double slow = a.at(20_500) - a.at(500);
        assertTrue(slow > 3 * (fast - TimeAxis.ROW), "sqrt scale: " + fast + " vs " + slow);
        assertTrue(TimeAxis.gap(500) < TimeAxis.gap(1_000) && TimeAxis.gap(1_000) < TimeAxis.gap(20_000));
    }

    @Test
    void aQuietStretchLongerThanTheCutIsCutToAFixedLengthAndListed() {
        TimeAxis a = axis(0, 10_000, 10_010_000);
        assertEquals(TimeAxis.BREAK, a.at(10_010_000) - a.at(10_000) - TimeAxis.ROW, 1e-9);
        assertEquals(1, a.breaks().size());
        assertEquals("10 s later", a.breaks().get(0).label());
        assertEquals(0, axis(0, 10_000, 90_000).breaks().size());
    }

    @Test
    void timesBetweenInstantsLieProportionallyInTheirGap() {
        TimeAxis a = axis(0, 1_000);
        double mid = a.at(500);
        assertTrue(mid > a.at(0) + TimeAxis.ROW && mid < a.at(1_000), "" + mid);
        assertTrue(a.at(250) < a.at(500), "monotone");
    }
}
