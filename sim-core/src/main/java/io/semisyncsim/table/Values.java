package io.semisyncsim.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Locale;

/**
 * SQL values as the model holds them: {@code null} is SQL NULL; whole numbers are {@link Long} (or
 * {@link BigInteger} past a signed 64-bit range, for BIGINT UNSIGNED); exact decimals
 * {@link BigDecimal}; approximate numbers {@link Double}; strings, DATETIME and TIMESTAMP values
 * {@link String} (dates in their canonical {@code YYYY-MM-DD HH:MM:SS} text, which sorts as they do).
 * Comparisons follow MySQL's rules for the default case-insensitive collations.
 */
public final class Values {
    private Values() {
    }

    /** Orders non-null values as ORDER BY and primary keys do. */
    public static final Comparator<Object> ORDER = Values::compare;

    public static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal || v instanceof Double;
    }

    /**
     * Compares two non-null values: numerically when either is a number (a string then reads as its
     * leading number, as MySQL converts), otherwise as text, case-insensitively and ignoring trailing
     * spaces (PAD SPACE collations such as latin1_swedish_ci).
     */
    public static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof TimeOfDay || b instanceof TimeOfDay) {
            Long x = a instanceof TimeOfDay t ? (Long) t.micros() : TimeOfDay.parse(text(a));
            Long y = b instanceof TimeOfDay t ? (Long) t.micros() : TimeOfDay.parse(text(b));
            if (x != null && y != null) {
                return Long.compare(x, y); // a TIME against a TIME or a time's text: as spans
            }
        }
        if ((a instanceof Bytes || b instanceof Bytes) && !isNumber(a) && !isNumber(b)) {
            return text(a).compareTo(text(b)); // a binary string against text: byte for byte, NO PAD
        }
        if (isNumber(a) || isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return Double.compare(toDouble(a), toDouble(b));
            }
            return toDecimal(a).compareTo(toDecimal(b));
        }
        return compareText(text(a), text(b));
    }

    /**
     * As {@link #compare}, but text byte for byte as a _bin collation compares it (trailing spaces still
     * ignored: PAD SPACE), as for MariaDB's JSON columns (utf8mb4_bin).
     */
    public static int compareBinary(Object a, Object b) {
        if (isNumber(a) || isNumber(b)) {
            return compare(a, b);
        }
        return stripTrailingSpaces(text(a)).compareTo(stripTrailingSpaces(text(b)));
    }

    /**
     * Text as a case-insensitive collation weighs it: each character by its upper case (latin1_swedish_ci's
     * sort_order maps a lower-case letter to its capital's weight), so the punctuation between 'Z' and 'a'
     * ([ \\ ] ^ _ `) sorts after the letters (measured on MariaDB 10.11.18: abc, zz, _x), where comparing by
     * lower case put it before them.
     */
    private static int compareText(String a, String b) {
        String x = stripTrailingSpaces(a);
        String y = stripTrailingSpaces(b);
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char c = x.charAt(i);
            char d = y.charAt(i);
            if (c != d) {
                char cu = Character.toUpperCase(c);
                char du = Character.toUpperCase(d);
                if (cu != du) {
                    return cu - du;
                }
            }
        }
        return x.length() - y.length();
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** The value as a decimal; a string reads as its leading number (0 when it has none). */
    public static BigDecimal toDecimal(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? BigDecimal.ZERO : BigDecimal.valueOf(d);
        }
        String prefix = numericPrefix(text(v));
        return prefix.isEmpty() ? BigDecimal.ZERO : new BigDecimal(prefix);
    }

    /** The value as the nearest double (through its text: Java 17's BigDecimal.doubleValue can miss by one ulp). */
    public static double toDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        return Double.parseDouble(toDecimal(v).toString());
    }

    /** What reading a string as a number leaves over: nothing, trailing spaces, or anything else. */
    public enum Truncation { NONE, SPACES, TEXT }

    /**
     * What reading {@code s} as a number leaves over after its leading spaces and the longest number at its start
     * (digits, a fraction, an exponent): an empty string, or one with no number, is {@link Truncation#TEXT}
     * (my_strntod's end pointer; the server's "Truncated incorrect DOUBLE value").
     */
    public static Truncation numberTruncation(String s) {
        String number = numericPrefix(s);
        if (number.isEmpty()) {
            return Truncation.TEXT;
        }
        int end = s.indexOf(number) + number.length();
        if (end < s.length() && s.charAt(end) == '.' && number.indexOf('.') < 0 && number.indexOf('e') < 0
                && number.indexOf('E') < 0) {
            end++; // "12." is a whole number read to its end
        }
        if (end == s.length()) {
            return Truncation.NONE;
        }
        return s.substring(end).isBlank() ? Truncation.SPACES : Truncation.TEXT;
    }

    /** The longest prefix of {@code s} (after leading spaces) that is a number: "12abc" gives "12". */
    public static String numericPrefix(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            int j = i + 1;
            int fraction = 0;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
                fraction++;
            }
            if (digits + fraction > 0) {
                i = j;
                digits += fraction;
            }
        }
        if (digits == 0) {
            return "";
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            int exp = 0;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
                exp++;
            }
            if (exp > 0) {
                i = j;
            }
        }
        String n = s.substring(start, i);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** SQL truth: null for NULL, else whether the value is non-zero (a string reads as its number). */
    public static Boolean truth(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        return toDecimal(v).signum() != 0;
    }

    /** A boolean result as MySQL gives it: 1, 0 or NULL. */
    public static Object bool(Boolean b) {
        return b == null ? null : b ? 1L : 0L;
    }

    /** The value as the server sends it in a result set (NULL stays null). */
    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return doubleText(d);
        }
        return v.toString();
    }

    /**
     * MySQL prints a DOUBLE with the fewest significant digits that read back as the same double (dtoa's
     * shortest mode; up to 17) and no trailing zeros: 1e2 is 100, 1e23 is 1e23.
     */
    static String doubleText(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d); // no server value, but never a failure to print
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = shortest(d).stripTrailingZeros().toString();
        return s.replace("E+", "e").replace("E", "e");
    }

    /**
     * The shortest decimal that reads back as {@code d}. Not Double.toString, whose digits Java 17 does not
     * always keep shortest (9.999999999999999E22 for 1e23, JDK-4511638).
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal r = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
            if (Double.parseDouble(r.toString()) == d) {
                return r;
            }
        }
        return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN));
    }

    /** A whole number, narrowed to a Long when it fits. */
    public static Object whole(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private static final java.util.regex.Pattern DATETIME = java.util.regex.Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?)?");

    /**
     * A date and time in the canonical {@code YYYY-MM-DD HH:MM:SS} text, or null when {@code s} is not
     * one MySQL accepts: {@code YYYY-MM-DD}, with an optional time and fraction (dropped), or the
     * packed {@code YYYYMMDD[HHMMSS]} forms.
     */
    public static String datetime(String s) {
        int[] f = datetimeFields(s);
        if (f == null || f[6] != 0) {
            return null;
        }
        boolean zero = f[0] == 0 && f[1] == 0 && f[2] == 0;
        if (!zero && (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > daysIn(f[0], f[1]))
                || f[3] > 23 || f[4] > 59 || f[5] > 59) {
            return null;
        }
        return datetimeText(f);
    }

    /**
     * Year, month, day, hour, minute and second as {@code s} writes them, not yet checked against the
     * calendar (str_to_datetime's parse, before check_date), then 1 when text follows the date (which
     * str_to_datetime reads past with MYSQL_TIME_WARN_TRUNCATED), else 0; then the fraction's microseconds
     * (its first six digits), how many digits it has, and its seventh digit (0 when none); or null when it has
     * no date's shape.
     */
    public static int[] datetimeFields(String s) {
        String t = s.strip();
        java.util.regex.Matcher m = DATETIME.matcher(t);
        if (m.lookingAt()) {
            String fraction = m.group(7) == null ? "" : m.group(7);
            String six = (fraction.length() > 6 ? fraction.substring(0, 6) : fraction + "000000".substring(fraction.length()));
            return new int[] {num(m.group(1)), num(m.group(2)), num(m.group(3)), num(m.group(4)), num(m.group(5)),
                    num(m.group(6)), m.end() < t.length() ? 1 : 0, Integer.parseInt(six), fraction.length(),
                    fraction.length() > 6 ? fraction.charAt(6) - '0' : 0};
        }
        if (t.length() == 8 || t.length() == 14) {
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                    return null;
                }
            }
            return new int[] {num(t.substring(0, 4)), num(t.substring(4, 6)), num(t.substring(6, 8)),
                    t.length() > 8 ? num(t.substring(8, 10)) : 0, t.length() > 8 ? num(t.substring(10, 12)) : 0,
                    t.length() > 8 ? num(t.substring(12, 14)) : 0, 0, 0, 0, 0};
        }
        return null;
    }

    /** The canonical {@code YYYY-MM-DD HH:MM:SS} text of {@link #datetimeFields}. */
    public static String datetimeText(int[] f) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    /** The days in a month of a year (year 0 as a common year, as calc_days_in_year has it). */
    public static int daysIn(int year, int month) {
        return java.time.YearMonth.of(Math.max(year, 1), month).lengthOfMonth();
    }

    private static int num(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }

    /** Lower-cases for case-insensitive lookups (names, collation keys). */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
