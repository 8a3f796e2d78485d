package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VirtualTimestampsTest {
    private static final long AN_HOUR_AND_A_BIT = ((9 * 60 + 5) * 60 + 7) * 1_000_000L + 250; // 09:05:07.000250

    @Test
    void mysqlErrorLogTimestampsAreIsoWithMicroseconds() {
        assertEquals("2026-01-01T00:00:00.000000Z", VirtualTimestamps.iso(0));
        assertEquals("2026-01-01T09:05:07.000250Z", VirtualTimestamps.iso(AN_HOUR_AND_A_BIT));
        assertEquals("2026-01-02T00:00:01.000000Z", VirtualTimestamps.iso(86_401_000_000L));
    }

    @Test
    void mariadbPadsTheHourWithASpace() {
        assertEquals("2026-01-01  9:05:07", VirtualTimestamps.mariadb(AN_HOUR_AND_A_BIT));
        assertEquals("2026-01-01 23:00:00", VirtualTimestamps.mariadb(23 * 3_600_000_000L));
    }

    @Test
    void nowIsWholeSeconds() {
        assertEquals("2026-01-01 09:05:07", VirtualTimestamps.datetime(AN_HOUR_AND_A_BIT));
    }
}
