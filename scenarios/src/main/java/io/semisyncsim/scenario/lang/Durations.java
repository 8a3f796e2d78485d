package io.semisyncsim.scenario.lang;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenarios write them ({@code 500us}, {@code 0.5ms}, {@code 2s}, {@code 1m}), in µs. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m)");

    private Durations() {
    }

    /** Micros, or -1 when {@code text} is not a duration. */
    public static long parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return -1;
        }
        double scale = switch (m.group(2)) {
            case "us" -> 1;
            case "ms" -> 1_000;
            case "s" -> 1_000_000;
            default -> 60_000_000;
        };
        return Math.round(Double.parseDouble(m.group(1)) * scale);
    }

    /** The shortest exact spelling: 1500000 -> "1.5s". */
    public static String format(long micros) {
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000 + "s";
        }
        if (micros >= 1_000_000) {
            return trim(micros / 1e6) + "s";
        }
        if (micros % 1000 == 0 || micros >= 1000) {
            return trim(micros / 1e3) + "ms";
        }
        return micros + "us";
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
