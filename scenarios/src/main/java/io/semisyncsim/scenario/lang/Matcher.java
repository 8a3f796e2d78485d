package io.semisyncsim.scenario.lang;

import java.math.BigDecimal;

/**
 * What a value must be: a literal compared as MySQL prints it, {@code "OP VALUE"} with OP in
 * {@code == != < <= > >=} and an optional unit, {@code contains "text"}, or {@code absent}.
 */
public sealed interface Matcher {

    /** Whether {@code actual} (null: the variable or plugin does not exist) satisfies this. */
    boolean test(String actual);

    record Absent() implements Matcher {
        @Override
        public boolean test(String actual) {
            return actual == null;
        }

        @Override
        public String toString() {
            return "absent";
        }
    }

    record Contains(String text) implements Matcher {
        @Override
        public boolean test(String actual) {
            return actual != null && actual.contains(text);
        }

        @Override
        public String toString() {
            return "contains \"" + text + "\"";
        }
    }

    /** A comparison; a numeric one when the expected value is a number (with a unit, in µs). */
    record Compare(String op, String expected, BigDecimal number) implements Matcher {
        @Override
        public boolean test(String actual) {
            if (actual == null) {
                return false;
            }
            if (number != null) {
                BigDecimal a = numberOrNull(actual);
                long micros = a == null ? Durations.parse(actual) : -1;
                if (micros >= 0) {
                    a = BigDecimal.valueOf(micros); // a duration such as 215us compares in microseconds
                }
                if (a == null) {
                    return op.equals("!=");
                }
                int c = a.compareTo(number);
                return switch (op) {
                    case "==" -> c == 0;
                    case "!=" -> c != 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            }
            // MySQL prints ON/OFF, Yes/No; compare words case-insensitively as its collations do.
            boolean same = actual.equalsIgnoreCase(expected);
            return op.equals("==") == same;
        }

        @Override
        public String toString() {
            return op + " " + expected;
        }
    }

    public static BigDecimal numberOrNull(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses the value side; returns null and fills {@code error[0]} when it is malformed. */
    public static Matcher parse(String text, String[] error) {
        String t = text.strip();
        if (t.equals("absent")) {
            return new Absent();
        }
        if (t.startsWith("contains")) {
            String rest = t.substring("contains".length()).strip();
            if (rest.length() >= 2 && (rest.startsWith("\"") && rest.endsWith("\"") || rest.startsWith("'") && rest.endsWith("'"))) {
                return new Contains(rest.substring(1, rest.length() - 1));
            }
            error[0] = "contains needs quoted text, e.g. contains \"switched OFF\"";
            return null;
        }
        String op = "==";
        for (String candidate : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (t.startsWith(candidate)) {
                op = candidate;
                t = t.substring(candidate.length()).strip();
                break;
            }
        }
        if (t.isEmpty()) {
            error[0] = "'" + text + "' has an operator but no value";
            return null;
        }
        BigDecimal number = numberOrNull(t);
        long micros = Durations.parse(t);
        if (micros >= 0 && number == null) {
            number = BigDecimal.valueOf(micros);
        }
        if (number == null && !op.equals("==") && !op.equals("!=")) {
            error[0] = "'" + op + "' needs a number, got '" + t + "'";
            return null;
        }
        return new Compare(op, t, number);
    }
}
