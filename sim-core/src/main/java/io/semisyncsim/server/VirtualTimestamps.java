package io.semisyncsim.server;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Renders virtual microseconds as wall-looking timestamps from a fixed epoch, never the real clock. */
public final class VirtualTimestamps {
    private VirtualTimestamps() {
    }

    private static LocalDateTime at(long micros) {
        long seconds = ErrorLog.EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    /** {@code 2026-01-01T00:00:01.000250Z}, as MySQL 5.7 and 8.0 write the error log. */
    public static String iso(long micros) {
        LocalDateTime t = at(micros);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }

    /** {@code 2026-01-01 00:00:01}: what NOW() returns on the node's virtual clock (whole seconds). */
    public static String datetime(long micros) {
        LocalDateTime t = at(micros);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    /** UNIX_TIMESTAMP() on the node's virtual clock. */
    public static long unixSeconds(long micros) {
        return ErrorLog.EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L);
    }

    /** UNIX_TIMESTAMP('2026-01-01 00:00:01') as the node's clock reads it (UTC): a {@code YYYY-MM-DD HH:MM:SS}. */
    public static long unixSeconds(String datetime) {
        return LocalDateTime.parse(datetime.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    }

    /** The node's virtual time at {@code unixSeconds}. */
    public static long micros(long unixSeconds) {
        return (unixSeconds - ErrorLog.EPOCH_SECONDS) * 1_000_000L;
    }

    /** {@code 2026-01-01  0:00:01}, as MariaDB writes it. */
    public static String mariadb(long micros) {
        LocalDateTime t = at(micros);
        return String.format("%04d-%02d-%02d %2d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }
}
