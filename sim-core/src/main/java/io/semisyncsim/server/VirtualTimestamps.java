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
        StringBuilder b = date(t).append('T');
        time(b, t, '0').append('.');
        return digits(b, t.getNano() / 1000, 6, '0').append('Z').toString();
    }

    /** {@code 2026-01-01 00:00:01}: what NOW() returns on the node's virtual clock (whole seconds). */
    public static String datetime(long micros) {
        LocalDateTime t = at(micros);
        return time(date(t).append(' '), t, '0').toString();
    }

    /** NOW(fsp): {@code 2026-01-01 00:00:01.000250} with {@code fsp} digits of the second's fraction (0: none). */
    public static String datetime(long micros, int fsp) {
        return withFraction(datetime(micros), micros, fsp);
    }

    /** CURTIME(fsp): {@code 00:00:01.000250}. */
    public static String time(long micros, int fsp) {
        return withFraction(datetime(micros).substring(11), micros, fsp);
    }

    private static String withFraction(String whole, long micros, int fsp) {
        if (fsp == 0) {
            return whole;
        }
        StringBuilder b = new StringBuilder(whole).append('.');
        return digits(b, Math.floorMod(micros, 1_000_000L), 6, '0').substring(0, whole.length() + 1 + fsp);
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
        return time(date(t).append(' '), t, ' ').toString();
    }

    // Written digit by digit, not with String.format: every error-log line renders a timestamp, and a
    // sweep's or an exploration's short runs spent a twentieth of their time in the Formatter.

    private static StringBuilder date(LocalDateTime t) {
        StringBuilder b = new StringBuilder(27);
        digits(b, t.getYear(), 4, '0').append('-');
        digits(b, t.getMonthValue(), 2, '0').append('-');
        return digits(b, t.getDayOfMonth(), 2, '0');
    }

    /** {@code hourPad}: MariaDB pads the hour with a space. */
    private static StringBuilder time(StringBuilder b, LocalDateTime t, char hourPad) {
        digits(b, t.getHour(), 2, hourPad).append(':');
        digits(b, t.getMinute(), 2, '0').append(':');
        return digits(b, t.getSecond(), 2, '0');
    }

    /** {@code value} (not negative) right-aligned in {@code width} characters, padded with {@code pad}. */
    static StringBuilder digits(StringBuilder b, long value, int width, char pad) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append(pad);
        }
        return b.append(s);
    }
}
