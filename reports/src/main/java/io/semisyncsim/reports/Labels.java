package io.semisyncsim.reports;

import java.util.Locale;

/** How the reports write times, durations, binlog positions and counts: short, and the same everywhere. */
public final class Labels {
    private Labels() {
    }

    /** A virtual time: {@code 10.205 ms} below a second, {@code 2.016125 s} from there (µs precision). */
    public static String time(long micros) {
        if (micros < 1_000_000) {
            return trim(String.format(Locale.ROOT, "%d.%03d", micros / 1000, micros % 1000)) + " ms";
        }
        return String.format(Locale.ROOT, "%d.%06d s", micros / 1_000_000, micros % 1_000_000);
    }

    /** A length of time in its largest sensible unit: {@code 500 µs}, {@code 1.225 ms}, {@code 2 s}. */
    public static String duration(long micros) {
        if (micros < 1000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return trim(String.format(Locale.ROOT, "%d.%03d", micros / 1000, micros % 1000)) + " ms";
        }
        if (micros < 600_000_000) {
            return trim(String.format(Locale.ROOT, "%d.%03d", micros / 1_000_000, micros % 1_000_000 / 1000)) + " s";
        }
        return trim(String.format(Locale.ROOT, "%.1f", micros / 60e6)) + " min";
    }

    /** {@code (binlog.000001, 449)} as {@code binlog.000001:449}; null stays empty. */
    public static String pos(String pos) {
        if (pos == null || pos.equals("null")) {
            return "";
        }
        String p = pos.strip();
        if (p.startsWith("(") && p.endsWith(")")) {
            p = p.substring(1, p.length() - 1);
        }
        return p.replace(", ", ":");
    }

    /** {@code 1 commit}, {@code 1,200 commits}. */
    public static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** At most {@code max} characters, with an ellipsis when cut; newlines become spaces. */
    public static String cut(String s, int max) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= max ? one : one.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static String trim(String decimal) {
        if (!decimal.contains(".")) {
            return decimal;
        }
        String t = decimal.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
