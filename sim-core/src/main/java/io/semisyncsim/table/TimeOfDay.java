package io.semisyncsim.table;

/**
 * A TIME value: a signed span of up to 838:59:59.999999, kept in microseconds with the column's digits of a
 * second; compared as a span (100:00:00 after 99:00:00), written [-]HH:MM:SS[.fff] (Time_to_str).
 */
public record TimeOfDay(long micros, int fsp) implements Comparable<TimeOfDay> {
    /** 838:59:59, TIME's largest (TIME_MAX_HOUR). */
    static final long MAX = (838L * 3600 + 59 * 60 + 59) * 1_000_000L + 999_999;

    @Override
    public int compareTo(TimeOfDay o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        long m = Math.abs(micros);
        long seconds = m / 1_000_000;
        StringBuilder out = new StringBuilder(micros < 0 ? "-" : "");
        long hours = seconds / 3600;
        out.append(hours < 10 ? "0" : "").append(hours).append(':');
        append2(out, seconds / 60 % 60).append(':');
        append2(out, seconds % 60);
        if (fsp > 0) {
            out.append('.').append(Long.toString(1_000_000 + m % 1_000_000).substring(1, 1 + fsp));
        }
        return out.toString();
    }

    private static StringBuilder append2(StringBuilder out, long v) {
        return out.append(v < 10 ? "0" : "").append(v);
    }

    /**
     * A TIME written as MariaDB reads one (str_to_time, number_to_time): [-][D ]HH:MM[:SS[.frac]], [-]SS or
     * [-]HHMMSS as a number or digits; the microseconds it says (unbounded), or null when it is none (a minute or
     * second of 60 or more, another shape).
     */
    public static Long parse(String text) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?:(\\d+) )?(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?").matcher(t);
        long hours;
        long minutes;
        long seconds;
        String fraction = "";
        if (m.matches()) {
            if (m.group(2).length() > 7 || m.group(1) != null && m.group(1).length() > 5) {
                return MAX + 1; // far past TIME's range
            }
            hours = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 24) + Long.parseLong(m.group(2));
            minutes = Long.parseLong(m.group(3));
            seconds = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
            fraction = m.group(5) == null ? "" : m.group(5);
        } else if (t.matches("\\d{1,12}(\\.\\d+)?")) { // HHMMSS, its last two digits the seconds
            int dot = t.indexOf('.');
            String whole = dot < 0 ? t : t.substring(0, dot);
            fraction = dot < 0 ? "" : t.substring(dot + 1);
            long n = Long.parseLong(whole);
            hours = n / 10000;
            minutes = n / 100 % 100;
            seconds = n % 100;
        } else {
            return null;
        }
        if (minutes > 59 || seconds > 59) {
            return null;
        }
        String six = fraction.length() >= 6 ? fraction.substring(0, 6) : fraction + "000000".substring(fraction.length());
        long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + Long.parseLong(six);
        return negative ? -micros : micros;
    }
}
