package io.semisyncsim.scenario.lang;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a value must be: a literal compared as MySQL prints it; {@code "OP VALUE"} with OP in
 * {@code == != < <= > >=} and an optional unit or a sum ({@code == ${before} + 10}); {@code contains "text"}
 * or {@code not contains "text"}; {@code matches "regex"} or {@code not matches "regex"} (found anywhere,
 * {@code ^} and {@code $} at line ends); {@code count("text") OP N}; or {@code absent}.
 */
public sealed interface Matcher {

    /** Every operator a value may use, as the JSON Schema lists them. */
    List<String> OPERATORS = List.of("==", "!=", "<", "<=", ">", ">=", "contains", "not contains", "matches",
            "not matches", "count", "absent");

    /** The comparisons, longest first, so that {@code <=} is not read as {@code <}. */
    List<String> COMPARISONS = List.of("==", "!=", "<=", ">=", "<", ">");

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

    /** {@code contains "text"}, or with {@code negated} {@code not contains "text"}; the value must exist. */
    record Contains(String text, boolean negated) implements Matcher {
        @Override
        public boolean test(String actual) {
            return actual != null && actual.contains(text) != negated;
        }

        @Override
        public String toString() {
            return (negated ? "not " : "") + "contains \"" + text + "\"";
        }
    }

    /** {@code matches "regex"}: found anywhere in the value, {@code ^} and {@code $} matching at line ends. */
    record Matches(Pattern pattern, boolean negated) implements Matcher {
        @Override
        public boolean test(String actual) {
            return actual != null && pattern.matcher(actual).find() != negated;
        }

        @Override
        public String toString() {
            return (negated ? "not " : "") + "matches \"" + pattern.pattern() + "\"";
        }
    }

    /** {@code count("text") OP N}: how many times the text occurs (without overlapping), compared with N. */
    record Count(String text, String op, long n) implements Matcher {
        @Override
        public boolean test(String actual) {
            if (actual == null) {
                return false;
            }
            long count = 0;
            if (!text.isEmpty()) {
                for (int i = actual.indexOf(text); i >= 0; i = actual.indexOf(text, i + text.length())) {
                    count++;
                }
            }
            return holds(Long.compare(count, n), op);
        }

        @Override
        public String toString() {
            return "count(\"" + text + "\") " + op + " " + n;
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
                return holds(a.compareTo(number), op);
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

    private static boolean holds(int c, String op) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    static BigDecimal numberOrNull(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses a value that may not refer to captured values; null and {@code error[0]} when malformed. */
    static Matcher parse(String text, String[] error) {
        return parse(text, Map.of(), error);
    }

    /**
     * Parses the value side. {@code vars} gives the values of {@code ${name}}s at play time; null at read
     * time, when only what does not depend on them is checked (and the matcher returned is not for use).
     * Returns null and fills {@code error[0]} when the value is malformed (or a reference has no value).
     */
    static Matcher parse(String text, Map<String, String> vars, String[] error) {
        try {
            return Parsing.parse(text.strip(), vars);
        } catch (Arithmetic.Invalid | Template.Unbound e) {
            error[0] = e.getMessage();
            return null;
        }
    }

    /** The parser behind {@link #parse}; it says what is wrong by throwing. */
    final class Parsing {
        private static final Pattern NOT_A_NUMBER = Pattern.compile("(?i)[+-]?(nan|\\.nan|inf|\\.inf|infinity)");
        private static final Pattern COUNT = Pattern.compile("count\\(\\s*([\"'])(.*)\\1\\s*\\)(.*)", Pattern.DOTALL);

        private Parsing() {
        }

        static Matcher parse(String t, Map<String, String> vars) throws Arithmetic.Invalid, Template.Unbound {
            if (t.equals("absent")) {
                return new Absent();
            }
            if (t.isEmpty()) {
                return new Compare("==", "", null); // "": the value exists and is empty (no errant GTIDs, no error)
            }
            for (String kw : List.of("not contains", "contains", "not matches", "matches")) {
                if (t.startsWith(kw) && (t.length() == kw.length() || !Character.isLetterOrDigit(t.charAt(kw.length())))) {
                    return quoted(kw, t.substring(kw.length()).strip(), vars);
                }
            }
            if (t.startsWith("count(")) {
                return count(t, vars);
            }
            String[] opAndValue = operator(t, t);
            return compare(opAndValue[0], opAndValue[1], t, vars);
        }

        private static Matcher quoted(String kw, String rest, Map<String, String> vars)
                throws Arithmetic.Invalid, Template.Unbound {
            String inner = unquote(rest);
            if (inner == null) {
                throw new Arithmetic.Invalid(kw + " needs quoted text, e.g. " + kw
                        + (kw.endsWith("contains") ? " \"switched OFF\"" : " \"switched (ON|OFF)\""));
            }
            boolean negated = kw.startsWith("not ");
            if (kw.endsWith("contains")) {
                return new Contains(vars == null ? inner : Template.expand(inner, vars), negated);
            }
            // A captured value stands for itself in a regex: its dots and brackets are not operators.
            String regex = vars == null ? inner.replaceAll("\\$\\{[^}]*}", "") : Template.expand(inner, vars,
                    Pattern::quote);
            try {
                return new Matches(Pattern.compile(regex, Pattern.MULTILINE), negated);
            } catch (PatternSyntaxException e) {
                throw new Arithmetic.Invalid("bad regular expression in " + kw + " \"" + inner + "\": "
                        + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }

        private static String unquote(String s) {
            if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
                return s.substring(1, s.length() - 1);
            }
            return null;
        }

        private static Matcher count(String t, Map<String, String> vars) throws Arithmetic.Invalid, Template.Unbound {
            java.util.regex.Matcher m = COUNT.matcher(t);
            if (!m.matches()) {
                throw new Arithmetic.Invalid("count takes quoted text, an operator and a number, e.g. "
                        + "count(\"switched OFF\") == 1; got '" + Printable.clip(t) + "'");
            }
            String text = vars == null ? m.group(2) : Template.expand(m.group(2), vars);
            String[] opAndValue = operator(m.group(3).strip(), t);
            if (opAndValue[0] == null) {
                throw new Arithmetic.Invalid("count(\"" + m.group(2) + "\") needs an operator and a number, e.g. "
                        + "count(\"" + m.group(2) + "\") == 1");
            }
            if (vars == null && Template.has(opAndValue[1])) {
                return new Count(text, opAndValue[0], 0); // the number is known at play time
            }
            Compare n = (Compare) compare(opAndValue[0], opAndValue[1], t, vars);
            boolean whole = n.number() != null && numberOrNull(n.expected()) != null && n.number().signum() >= 0
                    && n.number().stripTrailingZeros().scale() <= 0;
            if (!whole) {
                throw new Arithmetic.Invalid("count(\"" + m.group(2) + "\") is compared with a whole number, got '"
                        + opAndValue[1] + "'");
            }
            return new Count(text, opAndValue[0], n.number().longValue());
        }

        /**
         * The operator at the start of {@code t} and the rest; an implicit {@code ==} is a null operator
         * for count and {@code ==} elsewhere. A run of operator characters that is no operator is refused.
         */
        private static String[] operator(String t, String whole) throws Arithmetic.Invalid {
            int n = 0;
            while (n < t.length() && "=<>!~".indexOf(t.charAt(n)) >= 0) {
                n++;
            }
            if (n == 0) {
                return new String[] {whole.startsWith("count(") ? null : "==", t};
            }
            String op = t.substring(0, n);
            if (!COMPARISONS.contains(op)) {
                String reversed = new StringBuilder(op).reverse().toString();
                String hint = op.equals("<>") ? "; did you mean '!='?" // SQL's spelling of not equal
                        : COMPARISONS.contains(reversed) ? "; did you mean '" + reversed + "'?"
                        : Suggest.didYouMean(op, COMPARISONS);
                throw new Arithmetic.Invalid("unknown operator '" + Printable.clip(op) + "' in '" + Printable.clip(whole) + "'" + hint
                        + " (operators: == != < <= > >=, contains, not contains, matches, not matches,"
                        + " count(\"text\") OP N, absent)");
            }
            return new String[] {op, t.substring(n).strip()};
        }

        private static Matcher compare(String op, String value, String whole, Map<String, String> vars)
                throws Arithmetic.Invalid, Template.Unbound {
            if (value.isEmpty()) {
                throw new Arithmetic.Invalid("'" + Printable.clip(whole) + "' has an operator but no value");
            }
            String[] tokens = value.split("\\s+");
            if (tokens.length > 1 && (tokens[tokens.length - 1].equals("+") || tokens[tokens.length - 1].equals("-"))) {
                throw new Arithmetic.Invalid("'" + Printable.clip(value) + "' ends with '" + Printable.clip(tokens[tokens.length - 1]) + "': a sum needs"
                        + " a value after each + and -");
            }
            if (Arithmetic.isSum(value)) {
                Arithmetic.Value v = Arithmetic.evaluate(value, vars);
                return v == null ? new Compare(op, value, BigDecimal.ZERO) : new Compare(op, v.text(), v.number());
            }
            if (Template.has(value)) {
                if (vars == null) {
                    return new Compare(op, value, null); // what it compares with is known at play time
                }
                value = Template.expand(value, vars);
            }
            if (NOT_A_NUMBER.matcher(value).matches()) {
                throw new Arithmetic.Invalid("'" + Printable.clip(value) + "' is not a number MySQL prints; compare with a number"
                        + " or a word");
            }
            BigDecimal number = numberOrNull(value);
            if (number != null && Double.isInfinite(number.doubleValue())) {
                throw new Arithmetic.Invalid("'" + Printable.clip(value) + "' is out of range: larger than any number MySQL prints");
            }
            long micros = Durations.parse(value);
            if (micros >= 0 && number == null) {
                number = BigDecimal.valueOf(micros);
            }
            if (number == null && micros < 0 && Durations.problem(value, "x").contains("longer than a year")) {
                throw new Arithmetic.Invalid("'" + Printable.clip(value) + "' is longer than a year of virtual time");
            }
            if (number == null && !op.equals("==") && !op.equals("!=")) {
                throw new Arithmetic.Invalid("'" + Printable.clip(op) + "' needs a number, got '" + Printable.clip(value) + "'");
            }
            return new Compare(op, value, number);
        }
    }
}
