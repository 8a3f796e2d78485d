package io.semisyncsim.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A column's data type: the integer types (signed or UNSIGNED), DECIMAL(p,s), DOUBLE, CHAR(n), VARCHAR(n),
 * TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, DATE, DATETIME and TIMESTAMP. {@link #store} converts a value for the column as MySQL's
 * strict mode does (STRICT_TRANS_TABLES, the default of every flavour modelled): what does not fit
 * is an error, not a silently changed value.
 *
 * @param length CHAR/VARCHAR length in characters; for integers, the display width written (0: none)
 * @param scale  DECIMAL's digits after the point; DATETIME's and TIMESTAMP's digits of a second (their fsp)
 * @param members an ENUM's permitted values, in order (empty for the other types)
 */
public record ColumnType(Kind kind, int length, int precision, int scale, boolean unsigned, List<String> members) {

    public enum Kind {
        TINYINT(8, 4, 3), SMALLINT(16, 6, 5), MEDIUMINT(24, 9, 8), INT(32, 11, 10), BIGINT(64, 20, 20),
        DECIMAL, DOUBLE, CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, JSON, ENUM, SET, VARBINARY, TINYBLOB, BLOB,
        MEDIUMBLOB, LONGBLOB, DATE, DATETIME, TIMESTAMP, TIME, YEAR;

        final int bits;
        final int signedWidth;
        final int unsignedWidth;

        Kind(int bits, int signedWidth, int unsignedWidth) {
            this.bits = bits;
            this.signedWidth = signedWidth;
            this.unsignedWidth = unsignedWidth;
        }

        Kind() {
            this(0, 0, 0);
        }

        public boolean isInteger() {
            return bits > 0;
        }
    }

    public static ColumnType integer(Kind kind, int width, boolean unsigned) {
        return new ColumnType(kind, width, 0, 0, unsigned, List.of());
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, 0, precision, scale, false, List.of());
    }

    public static ColumnType text(Kind kind, int length) {
        return new ColumnType(kind, length, 0, 0, false, List.of());
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0, 0, false, List.of());
    }

    /** ENUM('a', 'b', ...): one of {@code members}, kept as its number (1 for the first; 0 for ''). */
    public static ColumnType enumeration(List<String> members) {
        return new ColumnType(Kind.ENUM, 0, 0, 0, false, List.copyOf(members));
    }

    /** SET('a', 'b', ...): any of {@code members}, kept as a bit each (1 for the first). */
    public static ColumnType set(List<String> members) {
        return new ColumnType(Kind.SET, 0, 0, 0, false, List.copyOf(members));
    }

    /**
     * An ENUM or SET value's number (Field_enum::val_int, Field_set): an ENUM member's place from 1, 0 for the ''
     * an invalid value under IGNORE leaves; a SET's bits, one per member it holds. The number ORDER BY sorts
     * by, arithmetic reads and a comparison with a number compares.
     */
    public long enumIndex(Object value) {
        if (kind == Kind.ENUM) {
            return members.indexOf(value) + 1;
        }
        long bits = 0;
        for (String part : Values.text(value).split(",", -1)) {
            int k = members.indexOf(part);
            bits |= k < 0 ? 0 : 1L << k;
        }
        return bits;
    }

    /** DATETIME(fsp) or TIMESTAMP(fsp): {@code fsp} digits of a second's fraction, 0 to 6. */
    public static ColumnType temporal(Kind kind, int fsp) {
        return new ColumnType(kind, 0, 0, fsp, false, List.of());
    }

    /** The digits of a second a DATETIME or TIMESTAMP keeps (0 for the other types). */
    public int fsp() {
        return kind == Kind.DATETIME || kind == Kind.TIMESTAMP || kind == Kind.TIME ? scale : 0;
    }

    public boolean isNumeric() {
        return kind.isInteger() || kind == Kind.DECIMAL || kind == Kind.DOUBLE || kind == Kind.YEAR;
    }

    /**
     * TINYTEXT, TEXT, MEDIUMTEXT or LONGTEXT: a BLOB of characters, stored apart from its row. MariaDB's JSON
     * is a LONGTEXT too, of utf8mb4 text compared byte for byte (utf8mb4_bin), with a CHECK (json_valid(col)).
     */
    public boolean isText() {
        return kind == Kind.TINYTEXT || kind == Kind.TEXT || kind == Kind.MEDIUMTEXT || kind == Kind.LONGTEXT
                || kind == Kind.JSON;
    }

    /** TINYBLOB, BLOB, MEDIUMBLOB or LONGBLOB: TEXT's storage for bytes. */
    public boolean isBlob() {
        return kind == Kind.TINYBLOB || kind == Kind.BLOB || kind == Kind.MEDIUMBLOB || kind == Kind.LONGBLOB;
    }

    /** A binary string (VARBINARY, a BLOB): its values are {@link Bytes}, compared byte for byte. */
    public boolean isBinary() {
        return kind == Kind.VARBINARY || isBlob();
    }

    /**
     * The bytes of a TEXT's length before its value, in a row image and in the table's metadata
     * (Field_blob::pack_length_no_ptr): 1, 2, 3 or 4; 0 for the other types.
     */
    public int textLengthBytes() {
        return switch (kind) {
            case TINYTEXT, TINYBLOB -> 1;
            case TEXT, BLOB -> 2;
            case MEDIUMTEXT, MEDIUMBLOB -> 3;
            case LONGTEXT, JSON, LONGBLOB -> 4;
            default -> 0;
        };
    }

    /** The most characters a CHAR, VARCHAR or TEXT holds (a single-byte character set's bytes for a TEXT). */
    private long maxLength() {
        int bytes = textLengthBytes();
        return bytes == 0 ? length : (1L << (8 * bytes)) - 1;
    }

    public boolean isTemporal() {
        return kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIMESTAMP;
    }

    /**
     * The type as SHOW CREATE TABLE writes it. {@code displayWidths}: 5.7 and MariaDB write int(11);
     * 8.0 dropped integer display widths except an explicit tinyint(1).
     */
    public String sql(boolean displayWidths) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        if (kind.isInteger()) {
            int width = length > 0 ? length : unsigned ? kind.unsignedWidth : kind.signedWidth;
            boolean show = displayWidths || (kind == Kind.TINYINT && length == 1);
            return name + (show ? "(" + width + ")" : "") + (unsigned ? " unsigned" : "");
        }
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case DOUBLE -> "double";
            case JSON -> "longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"; // MariaDB's alias
            case DATETIME, TIMESTAMP, TIME -> name + (scale > 0 ? "(" + scale + ")" : "");
            case YEAR -> "year(4)";
            case ENUM, SET -> name + "(" + String.join(",", members.stream()
                    .map(m -> "'" + m.replace("'", "''") + "'").toList()) + ")";
            case CHAR, VARCHAR, VARBINARY -> name + "(" + length + ")";
            default -> name;
        };
    }

    /** The smallest and largest value an integer type holds. */
    public BigInteger min() {
        return unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(kind.bits - 1).negate();
    }

    public BigInteger max() {
        return unsigned ? BigInteger.ONE.shiftLeft(kind.bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(kind.bits - 1).subtract(BigInteger.ONE);
    }

    /**
     * Where a value is stored: for error texts (MariaDB names `db`.`table`.`column`, MySQL the column).
     * {@code noZeroDates}: sql_mode's NO_ZERO_DATE and NO_ZERO_IN_DATE, in MySQL's default sql_mode and not
     * in MariaDB's, so that a date with a zero part is refused there (a warning under IGNORE).
     * {@code roundFractions}: a second's digits past the column's are rounded (MySQL, unless sql_mode has
     * TIME_TRUNCATE_FRACTIONAL), not cut off (MariaDB, unless it has TIME_ROUND_FRACTIONAL).
     */
    public record Target(String db, String table, String column, long row, boolean noZeroDates,
                         boolean roundFractions) {
    }

    /**
     * The value as the column stores it. Errors: 1264 out of range, 1265 truncated (a number with
     * trailing text), 1366 not a number, 1292 not a date, 1406 too long. A DECIMAL rounded to its
     * scale gives Note 1265 through {@code notes}, as MySQL does, and so does a DATE given a time of day
     * (Field_newdate::store_internal's MYSQL_TIME_NOTE_TRUNCATED; measured on MariaDB 10.11.18).
     */
    public Object store(Object v, Target at, Consumer<TableError> notes) throws TableError {
        if (v == null) {
            return null;
        }
        if (kind.isInteger()) {
            return storeInteger(v, at);
        }
        return switch (kind) {
            case DECIMAL -> storeDecimal(v, at, notes);
            case DOUBLE -> storeDouble(v, at);
            case ENUM -> storeEnum(v, at);
            case SET -> storeSet(v, at, false);
            case CHAR, VARCHAR, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> storeText(v, at);
            case JSON -> storeJson(v, at);
            case VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> new Bytes((String) storeText(v, at));
            case TIME -> storeTime(v, at);
            case YEAR -> storeYear(v, at);
            default -> Temporals.store(this, v, at, notes);
        };
    }

    /**
     * The value as the column stores it where an error is only a warning (INSERT IGNORE, and strict mode
     * off): a value that is not a number is 0 (1366), a number with trailing text its number (1265), one out
     * of range the nearest end of the range (1264), a string too long its first characters (1265), a date
     * the column cannot take the zero date (with the warning of what was wrong with it); each warning goes to
     * {@code warnings}, and the notes a stored value gives to {@code notes}. Measured on MariaDB 10.11.18
     * (sql_insert.cc: IGNORE downgrades the strict errors; Field::set_datetime_warning then warns with the
     * cut's own code instead of 1292).
     */
    public Object storeLeniently(Object v, Target at, Consumer<TableError> notes, Consumer<TableError> warnings)
            throws TableError {
        try {
            return store(v, at, notes);
        } catch (TableError e) {
            switch (e.key()) {
                case "1366" -> {
                    warnings.accept(e);
                    return kind == Kind.YEAR ? "0000" : implicitDefault();
                }
                case "1265" -> {
                    warnings.accept(e);
                    return kind == Kind.ENUM ? "" : kind == Kind.SET ? storeSet(v, at, true)
                            : store(Values.numericPrefix((String) v), at, notes);
                }
                case "1264" -> {
                    warnings.accept(e);
                    return kind == Kind.YEAR ? "0000" : nearestInRange(v);
                }
                case "1406" -> {
                    warnings.accept(new TableError(1265, at.column(), at.row()));
                    String cut = Values.text(v).substring(0, (int) Math.min(maxLength(), Integer.MAX_VALUE));
                    return isBinary() ? new Bytes(cut) : cut;
                }
                case "1292-column" -> {
                    return kind == Kind.TIME ? lenientTime(v, at, warnings)
                            : Temporals.storeLeniently(this, v, at, notes, warnings);
                }
                default -> throw e;
            }
        }
    }

    /**
     * The value a NOT NULL column takes where none is given and no error stops it: 0, '' or the zero date, an
     * ENUM's first member (measured on MariaDB 10.11.18: an INSERT that leaves out an ENUM NOT NULL without a
     * default stores it without a word).
     */
    public Object implicitDefault() {
        if (kind == Kind.ENUM) {
            return members.get(0);
        }
        if (kind == Kind.TIME) {
            return new TimeOfDay(0, scale);
        }
        if (kind == Kind.YEAR) {
            return "0000";
        }
        if (isNumeric()) {
            return kind == Kind.DECIMAL ? (Object) BigDecimal.ZERO.setScale(scale)
                    : kind == Kind.DOUBLE ? (Object) 0.0 : (Object) 0L;
        }
        if (isTemporal()) {
            return kind == Kind.DATE ? "0000-00-00" : "0000-00-00 00:00:00";
        }
        return "";
    }

    /** The end of the column's range nearest an out-of-range number. */
    private Object nearestInRange(Object v) {
        if (kind == Kind.DOUBLE) { // Field_double::store: the largest double of the value's sign
            double x = v instanceof String s ? Double.parseDouble(Values.numericPrefix(s)) : Values.toDouble(v);
            return x < 0 ? -Double.MAX_VALUE : Double.MAX_VALUE;
        }
        BigDecimal d = v instanceof String s ? new BigDecimal(Values.numericPrefix(s)) : Values.toDecimal(v);
        if (kind == Kind.DECIMAL) {
            BigDecimal max = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale))
                    .setScale(scale);
            return d.signum() < 0 ? max.negate() : max;
        }
        return Values.whole(d.signum() < 0 ? min() : max());
    }

    /**
     * The number a string given to a numeric column stands for: its leading number; 1366 (naming the type as
     * the server does) when it has none, 1265 when other text follows it.
     */
    private static String leadingNumber(String s, String type, Target at) throws TableError {
        String prefix = Values.numericPrefix(s);
        if (prefix.isEmpty()) {
            throw new TableError(1366, type, s, at.db(), at.table(), at.column(), at.row());
        }
        if (!s.strip().equals(prefix)) {
            throw new TableError(1265, at.column(), at.row());
        }
        return prefix;
    }

    private Object storeInteger(Object v, Target at) throws TableError {
        BigDecimal d = v instanceof String s ? new BigDecimal(leadingNumber(s, "integer", at)) : Values.toDecimal(v);
        BigInteger i = d.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        if (i.compareTo(min()) < 0 || i.compareTo(max()) > 0) {
            throw new TableError(1264, at.column(), at.row());
        }
        return Values.whole(i);
    }

    private Object storeDecimal(Object v, Target at, Consumer<TableError> notes) throws TableError {
        BigDecimal d = v instanceof String s ? new BigDecimal(leadingNumber(s, "decimal", at)) : Values.toDecimal(v);
        BigDecimal rounded = d.setScale(scale, RoundingMode.HALF_UP);
        if (rounded.precision() - rounded.scale() > precision - scale && rounded.signum() != 0) {
            throw new TableError(1264, at.column(), at.row());
        }
        if (rounded.compareTo(d) != 0) {
            notes.accept(new TableError(1265, at.column(), at.row()));
        }
        return rounded;
    }

    /**
     * A DOUBLE: a number as the nearest double; a string by its leading number (1366 when it has none, 1265
     * when text follows it); one past the double's range 1264 (Field_double::store; measured on MariaDB
     * 10.11.18).
     */
    private Object storeDouble(Object v, Target at) throws TableError {
        double d = v instanceof String s ? Double.parseDouble(leadingNumber(s, "double", at)) : Values.toDouble(v);
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new TableError(1264, at.column(), at.row());
        }
        return d;
    }

    /**
     * An ENUM: a member as its collation compares (case and trailing spaces aside), kept as the member is
     * spelled; a whole number as the member of that place (from 1); anything else 1265, which IGNORE turns
     * into '' (Field_enum::store; measured on MariaDB 10.11.18).
     */
    private Object storeEnum(Object v, Target at) throws TableError {
        if (Values.isNumber(v)) {
            BigDecimal n = Values.toDecimal(v);
            if (n.signum() > 0 && n.compareTo(BigDecimal.valueOf(members.size())) <= 0) {
                return members.get(n.setScale(0, RoundingMode.HALF_UP).intValue() - 1);
            }
            throw new TableError(1265, at.column(), at.row());
        }
        for (String m : members) {
            if (Values.compare(m, v) == 0) {
                return m;
            }
        }
        throw new TableError(1265, at.column(), at.row());
    }

    /**
     * A JSON column's CHECK (json_valid(col)) refuses a text that is not one JSON value with 4025, which IGNORE
     * does not turn into a warning (measured on MariaDB 10.11.18), after json_valid's Note saying what broke
     * (from 10.11.19); the text is kept as written.
     */
    private Object storeJson(Object v, Target at) throws TableError {
        Object text = storeText(v, at);
        TableError invalid = JsonText.check((String) text);
        if (invalid != null) {
            throw new TableError("check-failed", at.table() + "." + at.column(), at.db(), at.table()).after(invalid);
        }
        return text;
    }

    /**
     * A SET: a comma-separated list of members as the collation compares them, each once, kept in the members'
     * order as they are spelled; or a number whose bits name the members. A part or a bit naming none is 1265;
     * {@code lenient} (IGNORE) leaves those out (Field_set::store; measured on MariaDB 10.11.18).
     */
    private Object storeSet(Object v, Target at, boolean lenient) throws TableError {
        long bits = 0;
        if (Values.isNumber(v)) {
            bits = Values.toDecimal(v).setScale(0, RoundingMode.HALF_UP).longValue();
            if ((bits < 0 || bits >= 1L << members.size()) && !lenient) {
                throw new TableError(1265, at.column(), at.row());
            }
            bits &= (1L << members.size()) - 1;
        } else {
            String text = Values.text(v);
            for (String part : text.isEmpty() ? new String[0] : text.split(",", -1)) {
                int k = -1;
                for (int m = 0; m < members.size() && k < 0; m++) {
                    k = Values.compare(members.get(m), part) == 0 ? m : -1;
                }
                if (k < 0 && !lenient) {
                    throw new TableError(1265, at.column(), at.row());
                }
                bits |= k < 0 ? 0 : 1L << k;
            }
        }
        java.util.StringJoiner out = new java.util.StringJoiner(",");
        for (int m = 0; m < members.size(); m++) {
            if ((bits & 1L << m) != 0) {
                out.add(members.get(m));
            }
        }
        return out.toString();
    }

    /**
     * A TIME: [-][D ]HH:MM[:SS[.frac]], seconds or HHMMSS (a number too), up to 838:59:59 either way, the
     * digits of a second past the column's cut (MariaDB) or rounded; anything else, or past the range, is 1292
     * (str_to_time, Field_time::store; measured on MariaDB 10.11.18).
     */
    private Object storeTime(Object v, Target at) throws TableError {
        String text = Values.text(v);
        Long micros = TimeOfDay.parse(text);
        if (micros == null || Math.abs(micros) > TimeOfDay.MAX) {
            throw new TableError("1292-column", "time", text, at.db(), at.table(), at.column(), at.row());
        }
        return new TimeOfDay(toColumnDigits(micros, at.roundFractions()), scale);
    }

    /** IGNORE's TIME: past the range the nearest end with 1264, no time at all 00:00:00 with 1265 (measured). */
    private Object lenientTime(Object v, Target at, Consumer<TableError> warnings) {
        Long micros = TimeOfDay.parse(Values.text(v));
        if (micros == null) {
            warnings.accept(new TableError(1265, at.column(), at.row()));
            return new TimeOfDay(0, scale);
        }
        warnings.accept(new TableError(1264, at.column(), at.row()));
        long end = TimeOfDay.MAX / 1_000_000 * 1_000_000; // 838:59:59, its fraction as the column keeps none
        return new TimeOfDay(micros < 0 ? -end : end, scale);
    }

    private long toColumnDigits(long micros, boolean round) {
        long unit = (long) Math.pow(10, 6 - scale);
        long cut = micros / unit * unit;
        return round && Math.abs(micros % unit) >= unit / 2 ? cut + Long.signum(micros) * unit : cut;
    }

    /**
     * A YEAR, kept as its four digits: 1901 to 2155, or 0000 for the number 0; one or two digits are 2000 to 2069
     * and 1970 to 1999 (the string '0' is 2000); anything else out of range (1264), no number at all 1366
     * (Field_year::store; measured on MariaDB 10.11.18).
     */
    private Object storeYear(Object v, Target at) throws TableError {
        long n;
        boolean text = v instanceof String;
        if (text) {
            n = new BigDecimal(leadingNumber((String) v, "integer", at)).setScale(0, RoundingMode.HALF_UP).longValue();
        } else {
            n = Values.toDecimal(v).setScale(0, RoundingMode.HALF_UP).longValue();
        }
        String digits = text ? ((String) v).strip() : "";
        if (n == 0 && !(text && digits.length() <= 2)) {
            return "0000";
        }
        if (n >= 0 && n <= 99) {
            n += n < 70 ? 2000 : 1900;
        }
        if (n < 1901 || n > 2155) {
            throw new TableError(1264, at.column(), at.row());
        }
        return Long.toString(n);
    }

    private Object storeText(Object v, Target at) throws TableError {
        String s = Values.text(v);
        long max = maxLength();
        if (s.length() > max) {
            throw new TableError(1406, at.column(), at.row());
        }
        return kind == Kind.CHAR ? stripTrailingSpaces(s) : s; // CHAR reads back without its padding
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Whether a TIMESTAMP given {@code v} converts it with the session's time zone, so that a statement's
     * Query event carries the zone ({@link Temporals#convertsWithTimeZone}).
     */
    public boolean convertsWithTimeZone(Object v) {
        return Temporals.convertsWithTimeZone(this, v);
    }
}
