package io.semisyncsim.server;

import io.semisyncsim.table.Values;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Date arithmetic and the parts of a date, as item_timefunc.cc computes them (measured on MariaDB 10.11.18,
 * sql/date-functions-mariadb): {@code date +/- INTERVAL n unit}, DATE_ADD, DATE_SUB, ADDDATE, SUBDATE, DATE(),
 * YEAR() to SECOND(), DATEDIFF(). A month or a year added to the 29th to 31st keeps the day the month has
 * (2020-01-31 + 1 month is 2020-02-29). A DATE plus days, weeks, months, quarters or years stays a DATE; with a
 * time unit it becomes a DATETIME. A value that is no date is NULL with Warning 1292.
 */
final class DateFunctions {
    /** {@link #call}'s answer for a name that is none of these functions. */
    static final Object NOT_MINE = new Object();

    private DateFunctions() {
    }

    /** An interval's amount and unit, evaluated. */
    record Amount(Object value, String unit) {
    }

    /** Whether {@code name}'s value is a number: the transcript right-aligns it. */
    static boolean numeric(String name) {
        return switch (name) {
            case "YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND", "DATEDIFF", "TIMESTAMPDIFF" -> true;
            default -> false;
        };
    }

    /**
     * The function's value, or {@link #NOT_MINE}. {@code args} are evaluated, an INTERVAL argument as an
     * {@link Amount}; {@code notADate} hears the text that is no date (Warning 1292).
     */
    static Object call(String name, List<Object> args, ScalarFunctions.Arity arity, Consumer<String> notADate)
            throws io.semisyncsim.error.SqlError {
        switch (name) {
            case "DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE" -> { // the parser gives DATE_ADD an INTERVAL
                arity.between(2, 2);
                Amount by = args.get(1) instanceof Amount a ? a : new Amount(args.get(1), "DAY"); // ADDDATE(d, n)
                return add(args.get(0), by, name.equals("DATE_SUB") || name.equals("SUBDATE"), notADate);
            }
            case "DATE" -> {
                arity.between(1, 1);
                int[] f = fields(args.get(0), notADate);
                return f == null ? null : Values.datetimeText(f).substring(0, 10);
            }
            case "YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND" -> {
                arity.between(1, 1);
                int[] f = fields(args.get(0), notADate);
                if (f == null) {
                    return null;
                }
                return (long) switch (name) {
                    case "YEAR" -> f[0];
                    case "MONTH" -> f[1];
                    case "DAY", "DAYOFMONTH" -> f[2];
                    case "HOUR" -> f[3];
                    case "MINUTE" -> f[4];
                    default -> f[5];
                };
            }
            case "TIMESTAMPADD" -> {
                arity.between(3, 3);
                return add(args.get(2), new Amount(args.get(1), Values.text(args.get(0))), false, notADate);
            }
            case "TIMESTAMPDIFF" -> { // whole units from the first to the second, toward zero (calc_time_diff)
                arity.between(3, 3);
                int[] a = calendar(fields(args.get(1), notADate), args.get(1), notADate);
                int[] b = calendar(fields(args.get(2), notADate), args.get(2), notADate);
                if (a == null || b == null) {
                    return null;
                }
                LocalDateTime from = LocalDateTime.of(a[0], a[1], a[2], a[3], a[4], a[5], a[7] * 1000);
                LocalDateTime to = LocalDateTime.of(b[0], b[1], b[2], b[3], b[4], b[5], b[7] * 1000);
                return switch (Values.text(args.get(0))) {
                    case "MICROSECOND" -> ChronoUnit.MICROS.between(from, to);
                    case "SECOND" -> ChronoUnit.SECONDS.between(from, to);
                    case "MINUTE" -> ChronoUnit.MINUTES.between(from, to);
                    case "HOUR" -> ChronoUnit.HOURS.between(from, to);
                    case "DAY" -> ChronoUnit.DAYS.between(from, to);
                    case "WEEK" -> ChronoUnit.WEEKS.between(from, to);
                    case "MONTH" -> ChronoUnit.MONTHS.between(from, to); // a month is whole once its day is reached
                    case "QUARTER" -> ChronoUnit.MONTHS.between(from, to) / 3;
                    default -> ChronoUnit.YEARS.between(from, to);
                };
            }
            case "DATEDIFF" -> {
                arity.between(2, 2);
                int[] a = calendar(fields(args.get(0), notADate), args.get(0), notADate);
                int[] b = calendar(fields(args.get(1), notADate), args.get(1), notADate);
                if (a == null || b == null) {
                    return null;
                }
                return ChronoUnit.DAYS.between(java.time.LocalDate.of(b[0], b[1], b[2]),
                        java.time.LocalDate.of(a[0], a[1], a[2]));
            }
            default -> {
                return NOT_MINE;
            }
        }
    }

    /** {@code date + interval} (or {@code -}): the date's type kept for whole days and more, else a DATETIME. */
    static Object add(Object date, Amount by, boolean minus, Consumer<String> notADate) {
        if (date == null || by.value() == null) {
            return null;
        }
        int[] f = calendar(fields(date, notADate), date, notADate);
        if (f == null) {
            return null;
        }
        long n = Values.toDecimal(by.value()).setScale(0, RoundingMode.HALF_UP).longValue() * (minus ? -1 : 1);
        LocalDateTime t = LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[7] * 1000);
        t = switch (by.unit()) {
            case "MICROSECOND" -> t.plusNanos(n * 1000);
            case "SECOND" -> t.plusSeconds(n);
            case "MINUTE" -> t.plusMinutes(n);
            case "HOUR" -> t.plusHours(n);
            case "DAY" -> t.plusDays(n);
            case "WEEK" -> t.plusWeeks(n);
            case "MONTH" -> t.plusMonths(n);
            case "QUARTER" -> t.plusMonths(3 * n);
            default -> t.plusYears(n);
        };
        String text = Values.text(date).strip();
        boolean dateOnly = text.length() <= 10 && !text.contains(":");
        boolean days = switch (by.unit()) {
            case "DAY", "WEEK", "MONTH", "QUARTER", "YEAR" -> true;
            default -> false;
        };
        String day = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth());
        if (dateOnly && days) {
            return day;
        }
        String time = String.format(java.util.Locale.ROOT, "%s %02d:%02d:%02d", day, t.getHour(), t.getMinute(),
                t.getSecond());
        // the date's own digits of a second (a DATETIME(2)'s two, a text's as written), six with MICROSECOND
        int digits = by.unit().equals("MICROSECOND") ? 6 : Math.min(f[8], 6);
        String fraction = String.format(java.util.Locale.ROOT, "%06d", t.getNano() / 1000).substring(0, digits);
        return digits == 0 ? time : time + "." + fraction;
    }

    /** A date's fields (see {@link Values#datetimeFields}), or null and the warning when it is no date. */
    private static int[] fields(Object v, Consumer<String> notADate) {
        if (v == null) {
            return null;
        }
        String text = Values.text(v);
        if (Values.datetime(text) == null) {
            notADate.accept(text);
            return null;
        }
        return Values.datetimeFields(text);
    }

    /** Fields of a day of the calendar: the zero date has none to count from (NULL, Warning 1292). */
    private static int[] calendar(int[] f, Object v, Consumer<String> notADate) {
        if (f != null && (f[1] == 0 || f[2] == 0)) {
            notADate.accept(Values.text(v));
            return null;
        }
        return f;
    }
}
