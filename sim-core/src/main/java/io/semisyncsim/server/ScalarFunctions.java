package io.semisyncsim.server;

import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The built-in string and number functions a statement computes from its arguments alone, as
 * item_strfunc.cc and item_func.cc compute them (values measured on MariaDB 10.11.18, sql/scalar-functions-mariadb):
 * a NULL argument gives NULL; strings are counted in characters, searched as the default case-insensitive
 * collations compare (LOCATE, INSTR) or byte for byte (REPLACE); whole numbers stay whole, exact decimals
 * round half away from zero, doubles half to even (rint).
 */
final class ScalarFunctions {
    /** {@link #call}'s answer for a name that is none of these functions. */
    static final Object NOT_MINE = new Object();

    private ScalarFunctions() {
    }

    /** Whether {@code name}'s value is a number: the transcript right-aligns it. */
    static boolean numeric(String name) {
        return switch (name) {
            case "ROUND", "FLOOR", "CEIL", "CEILING", "MOD", "SIGN", "POW", "POWER", "SQRT", "TRUNCATE", "ASCII",
                    "LOCATE", "INSTR", "STRCMP" -> true;
            default -> false;
        };
    }

    /** What a function tells its statement besides its value. */
    interface Complaints {
        /** MOD's division by zero (Warning 1365). */
        void divisionByZero();

        /** A result longer than max_allowed_packet, NULL instead (Warning 1301 naming the function). */
        void tooLarge(String function, long maxAllowedPacket);

        long maxAllowedPacket();
    }

    /**
     * The function's value, or {@link #NOT_MINE}. {@code arity} refuses a wrong argument count (1582);
     * {@code complaints} hears what the function warns of.
     */
    static Object call(String name, List<Object> args, Arity arity, Complaints complaints) throws
            io.semisyncsim.error.SqlError {
        switch (name) {
            case "SUBSTRING", "SUBSTR", "MID" -> {
                arity.between(2, 3);
                return anyNull(args) ? null : substring(text(args, 0), whole(args, 1),
                        args.size() > 2 ? whole(args, 2) : Long.MAX_VALUE);
            }
            case "LEFT", "RIGHT" -> {
                arity.between(2, 2);
                if (anyNull(args)) {
                    return null;
                }
                String s = text(args, 0);
                int n = (int) Math.max(0, Math.min(s.length(), whole(args, 1)));
                return name.equals("LEFT") ? s.substring(0, n) : s.substring(s.length() - n);
            }
            case "REPLACE" -> {
                arity.between(3, 3);
                return anyNull(args) ? null : text(args, 1).isEmpty() ? text(args, 0)
                        : text(args, 0).replace(text(args, 1), text(args, 2)); // byte for byte, not the collation
            }
            case "REPEAT" -> {
                arity.between(2, 2);
                if (anyNull(args)) {
                    return null;
                }
                long n = Math.max(0, whole(args, 1));
                int each = text(args, 0).length();
                long length = each == 0 ? 0 : n > Long.MAX_VALUE / each ? Long.MAX_VALUE : n * each;
                return fits(name, length, complaints) ? text(args, 0).repeat((int) n) : null;
            }
            case "REVERSE" -> {
                arity.between(1, 1);
                return anyNull(args) ? null : new StringBuilder(text(args, 0)).reverse().toString();
            }
            case "TRIM", "LTRIM", "RTRIM" -> { // spaces only; TRIM(LEADING x FROM s) is not parsed
                arity.between(1, 1);
                if (anyNull(args)) {
                    return null;
                }
                String s = text(args, 0);
                int from = 0;
                int to = s.length();
                while (!name.equals("RTRIM") && from < to && s.charAt(from) == ' ') {
                    from++;
                }
                while (!name.equals("LTRIM") && to > from && s.charAt(to - 1) == ' ') {
                    to--;
                }
                return s.substring(from, to);
            }
            case "LPAD", "RPAD" -> {
                arity.between(3, 3);
                return anyNull(args) || !fits(name, whole(args, 1), complaints) ? null
                        : pad(text(args, 0), whole(args, 1), text(args, 2), name.equals("LPAD"));
            }
            case "SPACE" -> {
                arity.between(1, 1);
                if (anyNull(args)) {
                    return null;
                }
                long n = Math.max(0, whole(args, 0));
                return fits(name, n, complaints) ? " ".repeat((int) n) : null;
            }
            case "CONCAT_WS" -> {
                arity.between(2, Integer.MAX_VALUE);
                if (args.get(0) == null) {
                    return null;
                }
                java.util.StringJoiner out = new java.util.StringJoiner(text(args, 0));
                for (Object a : args.subList(1, args.size())) {
                    if (a != null) { // NULLs are left out, separator and all
                        out.add(Values.text(a));
                    }
                }
                return out.toString();
            }
            case "LOCATE", "INSTR" -> {
                arity.between(2, name.equals("LOCATE") ? 3 : 2);
                if (anyNull(args)) {
                    return null;
                }
                String needle = text(args, name.equals("LOCATE") ? 0 : 1).toLowerCase(Locale.ROOT);
                String hay = text(args, name.equals("LOCATE") ? 1 : 0).toLowerCase(Locale.ROOT);
                long from = args.size() > 2 ? whole(args, 2) : 1;
                if (from < 1 || from > hay.length() + 1) {
                    return 0L;
                }
                return (long) hay.indexOf(needle, (int) from - 1) + 1;
            }
            case "STRCMP" -> { // Item_func_strcmp: -1, 0 or 1 as the arguments' collation compares them
                arity.between(2, 2);
                if (anyNull(args)) {
                    return null;
                }
                return (long) Integer.signum(Values.compare(Values.text(args.get(0)), Values.text(args.get(1))));
            }
            case "ASCII" -> {
                arity.between(1, 1);
                if (anyNull(args)) {
                    return null;
                }
                byte[] b = text(args, 0).getBytes(StandardCharsets.UTF_8);
                return b.length == 0 ? 0L : (long) (b[0] & 0xFF);
            }
            case "HEX" -> {
                arity.between(1, 1);
                if (anyNull(args)) {
                    return null;
                }
                Object v = args.get(0);
                if (Values.isNumber(v)) { // a number's value as a 64-bit integer
                    return Long.toHexString(Values.toDecimal(v).setScale(0, RoundingMode.HALF_UP).longValue())
                            .toUpperCase(Locale.ROOT);
                }
                return hex(text(args, 0).getBytes(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
            }
            case "MD5", "SHA1", "SHA" -> {
                arity.between(1, 1);
                return anyNull(args) ? null : digest(name.equals("MD5") ? "MD5" : "SHA-1", text(args, 0));
            }
            case "ROUND", "TRUNCATE" -> {
                arity.between(name.equals("TRUNCATE") ? 2 : 1, 2);
                return anyNull(args) ? null : round(args.get(0), args.size() > 1 ? whole(args, 1) : 0,
                        name.equals("TRUNCATE"));
            }
            case "FLOOR", "CEIL", "CEILING" -> {
                arity.between(1, 1);
                return anyNull(args) ? null : floorOrCeiling(args.get(0), name.equals("FLOOR"));
            }
            case "MOD" -> {
                arity.between(2, 2);
                return anyNull(args) ? null : mod(args.get(0), args.get(1), complaints::divisionByZero);
            }
            case "SIGN" -> {
                arity.between(1, 1);
                return anyNull(args) ? null : (Object) (long) Integer.signum(Values.compare(args.get(0), 0L));
            }
            case "POW", "POWER" -> {
                arity.between(2, 2);
                return anyNull(args) ? null : finite(Math.pow(Values.toDouble(args.get(0)), Values.toDouble(args.get(1))));
            }
            case "SQRT" -> {
                arity.between(1, 1);
                return anyNull(args) || Values.toDouble(args.get(0)) < 0 ? null
                        : (Object) Math.sqrt(Values.toDouble(args.get(0)));
            }
            case "GREATEST", "LEAST" -> {
                arity.between(2, Integer.MAX_VALUE);
                return anyNull(args) ? null : extreme(args, name.equals("GREATEST"));
            }
            default -> {
                return NOT_MINE;
            }
        }
    }

    /** A built-in's permitted argument counts, checked as the parser does (1582). */
    interface Arity {
        void between(int least, int most) throws io.semisyncsim.error.SqlError;
    }

    /**
     * Whether a result of {@code length} characters fits in max_allowed_packet; else the function's value is NULL
     * with Warning 1301 (measured on MariaDB 10.11.18: REPEAT, LPAD, SPACE past 16777216).
     */
    private static boolean fits(String function, long length, Complaints complaints) {
        if (length <= complaints.maxAllowedPacket()) {
            return true;
        }
        complaints.tooLarge(function.toLowerCase(Locale.ROOT), complaints.maxAllowedPacket());
        return false;
    }

    private static boolean anyNull(List<Object> args) {
        for (Object a : args) {
            if (a == null) {
                return true;
            }
        }
        return false;
    }

    private static String text(List<Object> args, int i) {
        return Values.text(args.get(i));
    }

    /** A whole-number argument, held at the ends of a long past them (as val_int saturates). */
    private static long whole(List<Object> args, int i) {
        BigDecimal n = Values.toDecimal(args.get(i)).setScale(0, RoundingMode.HALF_UP);
        return n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
                : n.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : n.longValue();
    }

    /** SUBSTRING(s, pos, len): pos from 1, or from the end when negative; 0 and a negative len give ''. */
    private static String substring(String s, long pos, long len) {
        long start = pos > 0 ? pos - 1 : pos < 0 ? s.length() + pos : -1;
        if (start < 0 || start >= s.length() || len <= 0) {
            return "";
        }
        return s.substring((int) start, (int) Math.min(s.length(), start + Math.min(len, s.length())));
    }

    /** LPAD/RPAD: cut to {@code n} characters, or padded with {@code pad} repeated; nothing to pad with is NULL. */
    private static String pad(String s, long n, String pad, boolean left) {
        if (n < 0) {
            return null;
        }
        if (s.length() >= n) {
            return s.substring(0, (int) n);
        }
        if (pad.isEmpty()) {
            return null;
        }
        StringBuilder fill = new StringBuilder();
        while (fill.length() < n - s.length()) {
            fill.append(pad);
        }
        fill.setLength((int) (n - s.length()));
        return left ? fill + s : s + fill;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    private static String digest(String algorithm, String s) {
        try {
            return hex(java.security.MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    /**
     * ROUND(x, d) and TRUNCATE(x, d): a whole number stays whole (rounded away from zero to tens for a negative
     * d), an exact decimal keeps d digits (half away from zero), a double or a string is rounded half to even
     * (my_double_round's rint: ROUND(2.5e0) is 2, ROUND('2.5') too).
     */
    private static Object round(Object x, long d, boolean truncate) {
        if (x instanceof Long || x instanceof java.math.BigInteger || x instanceof BigDecimal) {
            BigDecimal v = Values.toDecimal(x);
            BigDecimal r = v.setScale((int) d, truncate ? RoundingMode.DOWN : RoundingMode.HALF_UP);
            if (d <= 0) {
                return Values.whole(r.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact());
            }
            return x instanceof BigDecimal ? r : x;
        }
        double v = Values.toDouble(x);
        if (d < -308) {
            return 0.0; // no digit left (measured: ROUND(1e300, -400) is 0)
        }
        double scale = Math.pow(10, d);
        double scaled = v * scale;
        if (!Double.isFinite(scaled)) {
            return v; // digits past a double's precision: nothing to round (my_double_round)
        }
        double r = truncate ? (scaled < 0 ? Math.ceil(scaled) : Math.floor(scaled)) : Math.rint(scaled);
        return r / scale;
    }

    /** FLOOR/CEIL: a whole number of an exact value (BIGINT), a double of a double. */
    private static Object floorOrCeiling(Object x, boolean floor) {
        if (x instanceof Double || x instanceof String) {
            double v = Values.toDouble(x);
            return floor ? Math.floor(v) : Math.ceil(v);
        }
        BigDecimal r = Values.toDecimal(x).setScale(0, floor ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return Values.whole(r.toBigIntegerExact());
    }

    /** MOD(a, b): the remainder with a's sign; NULL and Warning 1365 for b = 0 (ERROR_FOR_DIVISION_BY_ZERO). */
    private static Object mod(Object a, Object b, Runnable divisionByZero) {
        if (Values.compare(b, 0L) == 0) {
            divisionByZero.run();
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x % y;
        }
        if (a instanceof Double || b instanceof Double || a instanceof String || b instanceof String) {
            return Values.toDouble(a) % Values.toDouble(b);
        }
        return Values.toDecimal(a).remainder(Values.toDecimal(b));
    }

    private static Object finite(double d) {
        return Double.isFinite(d) ? (Object) d : null;
    }

    /**
     * GREATEST/LEAST: numbers compared as numbers, the result as the widest of their types (a decimal with the
     * most digits after the point: GREATEST(1.5, 2) is 2.0), anything else as text.
     */
    private static Object extreme(List<Object> args, boolean greatest) {
        boolean numbers = true;
        boolean doubles = false;
        int scale = 0;
        for (Object a : args) {
            numbers &= Values.isNumber(a);
            doubles |= a instanceof Double;
            if (a instanceof BigDecimal d) {
                scale = Math.max(scale, d.scale());
            }
        }
        Object best = args.get(0);
        for (Object a : args) {
            int c = numbers ? Values.toDecimal(a).compareTo(Values.toDecimal(best)) : Values.compare(a, best);
            if (greatest ? c > 0 : c < 0) {
                best = a;
            }
        }
        if (!numbers) {
            return Values.text(best);
        }
        if (doubles) {
            return Values.toDouble(best);
        }
        return scale > 0 ? Values.toDecimal(best).setScale(scale, RoundingMode.UNNECESSARY) : best;
    }
}
