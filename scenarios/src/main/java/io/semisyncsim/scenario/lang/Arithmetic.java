package io.semisyncsim.scenario.lang;

import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code A + B - C} in an expected value, each operand a number, a duration or {@code ${name}}, the
 * operators written with spaces around them (so {@code mysql-bin.000001} and {@code -5} stay what they
 * are). Numbers add as numbers, durations as durations; the two do not mix.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    /** A computed value: a number, or a duration in µs. */
    public record Value(BigDecimal number, boolean duration) {
        /** As MySQL prints a number, or as a scenario writes a duration. */
        public String text() {
            return duration ? Durations.format(number.longValueExact()) : number.stripTrailingZeros().toPlainString();
        }
    }

    /** An expression that cannot be computed; the message says why. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether {@code text} is written as a sum: operands separated by lone {@code +} and {@code -}. */
    public static boolean isSum(String text) {
        String[] t = text.strip().split("\\s+");
        if (t.length < 3 || t.length % 2 == 0) {
            return false;
        }
        for (int i = 1; i < t.length; i += 2) {
            if (!t[i].equals("+") && !t[i].equals("-")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of the sum {@code text}; {@code vars} gives {@code ${name}}s' values, or is null at read
     * time (then references are taken on trust, and the result is null when one occurs).
     */
    public static Value evaluate(String text, Map<String, String> vars) throws Invalid, Template.Unbound {
        String[] t = text.strip().split("\\s+");
        BigDecimal sum = null;
        Boolean durations = null;
        boolean unknown = false;
        for (int i = 0; i < t.length; i += 2) {
            String operand = t[i];
            if (Template.has(operand)) {
                if (vars == null) {
                    unknown = true;
                    continue;
                }
                operand = Template.expand(operand, vars);
            }
            Value v = operand(operand, text);
            if (durations != null && durations != v.duration()) {
                throw new Invalid("'" + Printable.clip(text) + "' mixes numbers and durations; add like to like");
            }
            durations = v.duration();
            BigDecimal n = i > 0 && t[i - 1].equals("-") ? v.number().negate() : v.number();
            sum = sum == null ? n : sum.add(n);
        }
        if (unknown || sum == null) {
            return null;
        }
        if (durations && Math.abs(sum.doubleValue()) > Durations.MAX) {
            throw new Invalid("'" + Printable.clip(text) + "' is longer than a year of virtual time");
        }
        return new Value(sum, durations);
    }

    private static Value operand(String s, String whole) throws Invalid {
        BigDecimal n = Matcher.numberOrNull(s);
        if (n != null) {
            if (Double.isInfinite(n.doubleValue())) {
                throw new Invalid("'" + Printable.clip(s) + "' is out of range: larger than any number MySQL prints");
            }
            return new Value(n, false);
        }
        long micros = Durations.parse(s);
        if (micros >= 0) {
            return new Value(BigDecimal.valueOf(micros), true);
        }
        throw new Invalid("cannot compute '" + Printable.clip(whole) + "': '" + Printable.clip(s) + "' is not a number or a duration");
    }
}
