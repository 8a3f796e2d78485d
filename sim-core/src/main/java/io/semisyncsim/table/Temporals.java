package io.semisyncsim.table;

import java.util.function.Consumer;

/**
 * DATE, DATETIME(n) and TIMESTAMP(n) values as a column stores them: str_to_datetime's reading of a text,
 * check_date's judgement of it, the fraction of a second cut (or rounded) to the column's digits, and what
 * IGNORE leaves of a date the column cannot take.
 */
final class Temporals {
    private Temporals() {
    }

    /**
     * Why a text is not a value a temporal column can take, as str_to_datetime and check_date flag it
     * (MYSQL_TIME_WARN_TRUNCATED, _OUT_OF_RANGE); under IGNORE, each is its own warning
     * (Field_temporal::set_warnings) and the column takes the zero date.
     */
    enum DateCut {
        /** No date's shape, or a field past its range (month 13, hour 25): 1265. */
        TRUNCATED,
        /** A TIMESTAMP outside 1970-2038, or a zero date NO_ZERO_DATE refuses: 1264. */
        OUT_OF_RANGE,
        /** A day past its month's end: 1264 in MySQL (check_date's _OUT_OF_RANGE), 1265 in MariaDB. */
        INVALID_DAY
    }

    /**
     * What IGNORE stores for a date the column cannot take, with the warning of what was wrong with it instead
     * of 1292 (Field::set_datetime_warning names the value only when it aborts the statement).
     */
    static Object storeLeniently(ColumnType t, Object v, ColumnType.Target at, Consumer<TableError> notes,
                                 Consumer<TableError> warnings) {
        DateCut why = cut(t, Values.datetimeFields(Values.text(v)), at.noZeroDates(), true);
        warnings.accept(switch (why) {
            case TRUNCATED -> new TableError(1265, at.column(), at.row());
            case OUT_OF_RANGE -> new TableError(1264, at.column(), at.row());
            case INVALID_DAY -> new TableError("invalid-day-ignored", at.column(), at.row());
        });
        return lenient(t, v, at, notes);
    }

    /** The value as strict mode stores it: 1292 (naming the value) for a date the column cannot take. */
    static Object store(ColumnType t, Object v, ColumnType.Target at, Consumer<TableError> notes)
            throws TableError {
        String text = Values.text(v);
        int[] f = Values.datetimeFields(text);
        if (cut(t, f, at.noZeroDates(), true) != null) {
            throw new TableError("1292-column", t.kind() == ColumnType.Kind.DATE ? "date" : "datetime", text,
                    at.db(), at.table(), at.column(), at.row());
        }
        return temporal(t, f, at, notes);
    }

    /**
     * A date of valid fields as the column keeps it: a DATE drops a time of day with Note 1265; a DATETIME or
     * TIMESTAMP keeps {@link ColumnType#fsp} digits of the second, the rest cut off (rounded where {@code
     * at.roundFractions()}), with Note 1265 when the text gave more than six (str_to_datetime's
     * MYSQL_TIME_NOTE_TRUNCATED; measured on MariaDB 10.11.18: '.1234567' a Note, '.999' into DATETIME(2) none).
     */
    private static String temporal(ColumnType t, int[] f, ColumnType.Target at, Consumer<TableError> notes) {
        if (t.kind() == ColumnType.Kind.DATE) {
            if (f[3] != 0 || f[4] != 0 || f[5] != 0 || f[7] != 0) {
                notes.accept(new TableError(1265, at.column(), at.row()));
            }
            return Values.datetimeText(f).substring(0, 10);
        }
        if (f[8] > 6) {
            notes.accept(new TableError(1265, at.column(), at.row()));
        }
        int fsp = t.fsp();
        long unit = (long) Math.pow(10, 6 - fsp);
        long micros = f[7] / unit * unit;
        boolean roundUp = at.roundFractions() && (fsp < 6 ? f[7] % unit >= unit / 2 : f[9] >= 5);
        String whole = Values.datetimeText(f);
        if (roundUp) {
            micros += unit;
            if (micros == 1_000_000 && (f[1] == 0 || f[2] == 0)) {
                micros -= unit; // a date with a zero part has no next second to carry into
            } else if (micros == 1_000_000) { // the second rounds up into the next one
                micros = 0;
                whole = java.time.LocalDateTime.parse(whole.replace(' ', 'T')).plusSeconds(1).toString()
                        .replace('T', ' ');
                whole = whole.length() == 16 ? whole + ":00" : whole;
            }
        }
        if (fsp == 0) {
            return whole;
        }
        String digits = Long.toString(1_000_000 + micros).substring(1);
        return whole + "." + digits.substring(0, fsp);
    }

    /**
     * What a date the column cannot take leaves under IGNORE: a good date followed by other text is kept
     * (measured on MariaDB 10.11.18: '2020-02-20x' stores 2020-02-20), anything else is the zero date.
     */
    private static Object lenient(ColumnType t, Object v, ColumnType.Target at, Consumer<TableError> notes) {
        int[] f = Values.datetimeFields(Values.text(v));
        return f != null && cut(t, f, at.noZeroDates(), false) == null ? temporal(t, f, at, notes) : t.implicitDefault();
    }

    /**
     * Whether a TIMESTAMP given {@code v} converts it with the session's time zone (TIME_to_timestamp sets
     * time_zone_used, so that the statement's Query event carries the zone): a calendar date other than the
     * zero date, even one out of TIMESTAMP's range or followed by other text; not NULL, a zero part, a day
     * past its month's end or a text that is no date (measured on MariaDB 10.11.18).
     */
    static boolean convertsWithTimeZone(ColumnType t, Object v) {
        if (t.kind() != ColumnType.Kind.TIMESTAMP || v == null) {
            return false;
        }
        int[] f = Values.datetimeFields(Values.text(v));
        if (f == null || f[1] == 0 || f[2] == 0) {
            return false;
        }
        DateCut cut = cut(t, f, false, false);
        return cut == null || cut == DateCut.OUT_OF_RANGE;
    }

    /**
     * Why the column cannot take a date of these fields, or null when it can: str_to_datetime's range
     * checks, then check_date's (a zero month or day is a date only without NO_ZERO_IN_DATE, and never a
     * TIMESTAMP's: measured on MariaDB 10.11.18), then TIMESTAMP's range, then ({@code trailingText}) text
     * after the date.
     */
    private static DateCut cut(ColumnType t, int[] f, boolean noZeroDates, boolean trailingText) {
        if (f == null || f[1] > 12 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59) {
            return DateCut.TRUNCATED;
        }
        boolean zero = f[0] == 0 && f[1] == 0 && f[2] == 0;
        if (zero) {
            return noZeroDates ? DateCut.OUT_OF_RANGE : null;
        }
        if (f[1] == 0 || f[2] == 0) {
            return noZeroDates ? DateCut.OUT_OF_RANGE : t.kind() == ColumnType.Kind.TIMESTAMP ? DateCut.TRUNCATED : null;
        }
        if (f[2] > Values.daysIn(f[0], f[1])) {
            return DateCut.INVALID_DAY;
        }
        if (t.kind() == ColumnType.Kind.TIMESTAMP) {
            String dt = Values.datetimeText(f);
            if (dt.compareTo("1970-01-01 00:00:01") < 0 || dt.compareTo("2038-01-19 03:14:07") > 0) {
                return DateCut.OUT_OF_RANGE;
            }
        }
        return trailingText && f[6] != 0 ? DateCut.TRUNCATED : null;
    }
}
