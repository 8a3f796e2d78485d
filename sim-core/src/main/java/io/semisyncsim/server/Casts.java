package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.table.Bytes;
import io.semisyncsim.table.TimeOfDay;
import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * CAST(x AS type) and CONVERT(x, type), as item_timefunc.cc / item_func.cc convert (Item_func_signed,
 * Item_func_unsigned, Item_char_typecast, Item_decimal_typecast, Item_date_typecast...), each rule measured on
 * MariaDB 10.11.18: an exact decimal rounds half away from zero to an integer, a double half to even, a string
 * is read up to its first character that is not part of an integer (Warning 1292 when any is left over); a
 * negative integer made UNSIGNED is its two's complement (Note 1105), an UNSIGNED past BIGINT's range made
 * SIGNED wraps; CHAR(n) cuts (1292), DECIMAL(m, d) rounds and an overflow is its largest value (1264), a date
 * that is none is NULL (1292).
 */
final class Casts {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private Casts() {
    }

    /** {@code v} as {@code type}; {@code text} is the CAST's own, which a 1264 names as its column. */
    static Object cast(Object v, Expr.CastType type, String text, Flavor flavor, List<Warning> warnings) {
        if (v == null) {
            return null;
        }
        return switch (type.kind()) {
            case "SIGNED" -> signed(integer(v, flavor, warnings));
            case "UNSIGNED" -> unsigned(integer(v, flavor, warnings), flavor, warnings);
            case "CHAR", "BINARY" -> chars(v, type, flavor, warnings);
            case "DECIMAL" -> decimal(v, type, text, flavor, warnings);
            case "DOUBLE" -> Values.toDouble(v);
            case "DATE", "DATETIME" -> date(v, type, flavor, warnings);
            case "TIME" -> time(v, type, flavor, warnings);
            default -> throw new IllegalArgumentException(type.kind());
        };
    }

    /** The whole number {@code v} reads as, before its sign is decided. */
    private static BigInteger integer(Object v, Flavor flavor, List<Warning> warnings) {
        if (v instanceof Double d) {
            return new BigDecimal(Math.rint(d)).toBigInteger();
        }
        if (Values.isNumber(v)) {
            return Values.toDecimal(v).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        }
        String s = Values.text(v).stripLeading();
        int end = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        String digits = s.substring(0, end);
        if (end < s.length() || digits.isEmpty() || digits.equals("-") || digits.equals("+")) {
            warnings.add(new Warning("Warning", 1292, flavor.errorText(1292, "INTEGER", Values.text(v))));
        }
        return digits.isEmpty() || digits.equals("-") || digits.equals("+") ? BigInteger.ZERO : new BigInteger(digits);
    }

    /** SIGNED: BIGINT's 64 bits, a larger value wrapping round as the server's longlong does. */
    private static long signed(BigInteger n) {
        return n.longValue();
    }

    /** UNSIGNED: 0 to 2^64 - 1, a negative value its two's complement with a Note. */
    private static Object unsigned(BigInteger n, Flavor flavor, List<Warning> warnings) {
        if (n.signum() < 0) {
            warnings.add(new Warning("Note", 1105, flavor.error("1105-cast-unsigned").getMessage()));
        }
        n = n.mod(TWO_TO_64);
        return n.bitLength() < 64 ? (Object) n.longValue() : new BigDecimal(n);
    }

    private static Object chars(Object v, Expr.CastType type, Flavor flavor, List<Warning> warnings) {
        String s = Values.text(v);
        if (type.length() != null && s.length() > type.length()) {
            warnings.add(new Warning("Warning", 1292, flavor.errorText(1292,
                    type.kind() + "(" + type.length() + ")", s)));
            s = s.substring(0, type.length());
        }
        return type.kind().equals("BINARY") ? new Bytes(s) : s;
    }

    /** DECIMAL(m, d), by default DECIMAL(10, 0). */
    private static Object decimal(Object v, Expr.CastType type, String text, Flavor flavor, List<Warning> warnings) {
        int precision = type.length() == null ? 10 : type.length();
        int scale = type.scale() == null ? 0 : type.scale();
        BigDecimal d;
        if (Values.isNumber(v)) {
            d = Values.toDecimal(v);
        } else {
            String s = Values.text(v);
            if (Values.numberTruncation(s) == Values.Truncation.TEXT) {
                warnings.add(new Warning("Warning", 1292, flavor.errorText(1292, "DECIMAL", s)));
            }
            String number = Values.numericPrefix(s);
            d = number.isEmpty() ? BigDecimal.ZERO : new BigDecimal(number);
        }
        d = d.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal max = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
        if (d.abs().compareTo(max) > 0) {
            warnings.add(new Warning("Warning", 1264, flavor.errorText(1264, text, 1L)));
            d = d.signum() < 0 ? max.negate() : max;
        }
        return d;
    }

    private static Object date(Object v, Expr.CastType type, Flavor flavor, List<Warning> warnings) {
        String text = Values.text(v);
        String day = Values.datetime(text); // a day of the calendar and a time of the clock, or null
        if (day == null) {
            warnings.add(new Warning("Warning", 1292, flavor.error("1292-datetime", text).getMessage()));
            return null;
        }
        if (type.kind().equals("DATE")) {
            return day.substring(0, 10);
        }
        int fsp = type.length() == null ? 0 : type.length();
        if (fsp == 0) {
            return day;
        }
        int dot = text.indexOf('.', text.indexOf(':') < 0 ? text.length() : text.indexOf(':'));
        String fraction = dot < 0 ? "" : text.substring(dot + 1).replaceAll("\\D.*", "");
        fraction = (fraction + "000000").substring(0, fsp); // the digits past fsp cut, as MariaDB cuts them
        return day + "." + fraction;
    }

    private static Object time(Object v, Expr.CastType type, Flavor flavor, List<Warning> warnings) {
        Long micros = TimeOfDay.parse(Values.text(v));
        if (micros == null) {
            warnings.add(new Warning("Warning", 1292, flavor.error("1292-datetime", Values.text(v)).getMessage()));
            return null;
        }
        int fsp = type.length() == null ? 0 : type.length();
        long unit = (long) Math.pow(10, 6 - fsp);
        return new TimeOfDay(micros / unit * unit, fsp);
    }
}
