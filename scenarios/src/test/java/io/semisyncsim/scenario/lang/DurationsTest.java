package io.semisyncsim.scenario.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void formatsInTheLargestUnitThatKeepsTheValueExact() {
        assertEquals("500us", Durations.format(500));
        assertEquals("1ms", Durations.format(1_000));
        assertEquals("1.5ms", Durations.format(1_500));
        assertEquals("120ms", Durations.format(120_000));
        assertEquals("2s", Durations.format(2_000_000));
        assertEquals("1.5s", Durations.format(1_500_000));
        assertEquals("1.234567s", Durations.format(1_234_567));
        assertEquals("-1.5ms", Durations.format(-1_500));
    }

    @Test
    void formatReadsBackAsTheSameDuration() {
        for (long micros : new long[] {1, 999, 1_001, 25_250, 999_999, 1_000_001, 86_400_000_000L}) {
            assertEquals(micros, Durations.parse(Durations.format(micros)), "micros " + micros);
        }
    }
}
