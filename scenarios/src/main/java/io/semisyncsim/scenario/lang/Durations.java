package io.semisyncsim.scenario.lang;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenarios write them ({@code 500us}, {@code 0.5ms}, {@code 2s}, {@code 1m}), in µs, from
 * 0 to a year: a longer one is a mistake (a run's virtual time is a {@code long} of µs, and nothing in
 * replication waits a year), refused rather than capped or wrapped.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m)");

    /** A year of virtual time (365 days), the longest duration a scenario may write. */
    public static final long MAX = 365L * 86_400 * 1_000_000;

    private Durations() {
    }

    /** Micros, or -1 when {@code text} is not a duration or is longer than {@link #MAX}. */
    public static long parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return -1;
        }
        long scale = switch (m.group(2)) {
            case "us" -> 1;
            case "ms" -> 1_000;
            case "s" -> 1_000_000;
            default -> 60_000_000;
        };
        BigDecimal micros = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        if (micros.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            return -1;
        }
        return micros.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /** Why {@code text} is refused as a duration for {@code key}, or null when it is one. */
    public static String problem(String text, String key) {
        if (parse(text) >= 0) {
            return null;
        }
        if (DURATION.matcher(text.strip()).matches()) {
            return "duration '" + Printable.clip(text) + "' for " + key + " is longer than a year of virtual time";
        }
        return "bad duration '" + Printable.clip(text) + "' for " + key + ": write a number and a unit (us, ms, s, m), e.g. 500ms";
    }

    /** The shortest exact spelling: 1500000 -> "1.5s". */
    public static String format(long micros) {
        if (micros < 0) {
            return "-" + format(-micros);
        }
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000 + "s";
        }
        if (micros >= 1_000_000) {
            return decimal(micros, 6) + "s";
        }
        if (micros % 1000 == 0 || micros >= 1000) {
            return decimal(micros, 3) + "ms";
        }
        return micros + "us";
    }

    /** {@code micros} over 10^{@code places}, exactly, without trailing zeros: 1500 and 3 give 1.5. */
    private static String decimal(long micros, int places) {
        return BigDecimal.valueOf(micros, places).stripTrailingZeros().toPlainString();
    }
}
