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
    static Object call(String name, List<Object> args, ScalarFunctions.Arity arity, Consumer<String> notADate,
                       Unsupported unsupported) throws io.semisyncsim.error.SqlError {
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
            case "DATE_FORMAT" -> {
                arity.between(2, 2);
                if (args.get(1) == null) {
                    return null;
                }
                int[] f = fuzzyFields(args.get(0), notADate); // a zero month or day is formatted all the same
                return f == null ? null : format(f, Values.text(args.get(1)), unsupported);
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

    /**
     * {@code date + interval} (or {@code -}): the date's type kept for whole days and more, else a DATETIME; a
     * sum outside the years 0 to 9999 is NULL, which {@code notADate} hears of as null (Warning 1441,
     * date_add_interval's invalid_date; measured on MariaDB 10.11.18).
     */
    static Object add(Object date, Amount by, boolean minus, Consumer<String> notADate) {
        if (date == null || by.value() == null) {
            return null;
        }
        int[] f = calendar(fields(date, notADate), date, notADate);
        if (f == null) {
            return null;
        }
        java.math.BigDecimal amount = Values.toDecimal(by.value()).setScale(0, RoundingMode.HALF_UP);
        LocalDateTime t = LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[7] * 1000);
        try {
            long n = amount.longValueExact() * (minus ? -1 : 1);
            t = switch (by.unit()) {
                case "MICROSECOND" -> t.plusNanos(Math.multiplyExact(n, 1000));
                case "SECOND" -> t.plusSeconds(n);
                case "MINUTE" -> t.plusMinutes(n);
                case "HOUR" -> t.plusHours(n);
                case "DAY" -> t.plusDays(n);
                case "WEEK" -> t.plusWeeks(n);
                case "MONTH" -> t.plusMonths(n);
                case "QUARTER" -> t.plusMonths(Math.multiplyExact(3, n));
                default -> t.plusYears(n);
            };
        } catch (ArithmeticException | java.time.DateTimeException e) {
            t = null; // far past any year
        }
        if (t == null || t.getYear() < 0 || t.getYear() > 9999) {
            notADate.accept(null);
            return null;
        }
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

    /** Refuses what the model does not compute (9000), naming it. */
    interface Unsupported {
        io.semisyncsim.error.SqlError because(String what);
    }

    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /**
     * DATE_FORMAT (item_timefunc.cc make_date_time): each %x its part of the date, %% a %, another character
     * after % that character; the week numbers (%U %u %V %v %X %x) are not modelled. A month or weekday name of a
     * date with a zero month is NULL; the weekday of any other date counts days as calc_daynr does, zero parts
     * and all (2020-00-00 is a Saturday, as on the real server).
     */
    static String format(int[] f, String pattern, Unsupported unsupported) throws io.semisyncsim.error.SqlError {
        StringBuilder out = new StringBuilder();
        long daynr = daynr(f[0], f[1], f[2]);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char x = pattern.charAt(++i);
            int hour12 = f[3] % 12 == 0 ? 12 : f[3] % 12;
            switch (x) {
                case 'Y' -> out.append(String.format(java.util.Locale.ROOT, "%04d", f[0]));
                case 'y' -> out.append(String.format(java.util.Locale.ROOT, "%02d", f[0] % 100));
                case 'm' -> out.append(two(f[1]));
                case 'c' -> out.append(f[1]);
                case 'd' -> out.append(two(f[2]));
                case 'e' -> out.append(f[2]);
                case 'D' -> out.append(f[2]).append(f[2] / 10 == 1 ? "th" : switch (f[2] % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                });
                case 'H' -> out.append(two(f[3]));
                case 'k' -> out.append(f[3]);
                case 'h', 'I' -> out.append(two(hour12));
                case 'l' -> out.append(hour12);
                case 'i' -> out.append(two(f[4]));
                case 's', 'S' -> out.append(two(f[5]));
                case 'f' -> out.append(String.format(java.util.Locale.ROOT, "%06d", f[7]));
                case 'p' -> out.append(f[3] < 12 ? "AM" : "PM");
                case 'r' -> out.append(two(hour12)).append(':').append(two(f[4])).append(':').append(two(f[5]))
                        .append(f[3] < 12 ? " AM" : " PM");
                case 'T' -> out.append(two(f[3])).append(':').append(two(f[4])).append(':').append(two(f[5]));
                case 'j' -> out.append(String.format(java.util.Locale.ROOT, "%03d", daynr - daynr(f[0], 1, 1) + 1));
                case 'w' -> out.append((daynr + 6) % 7); // Sunday 0
                case 'W', 'a' -> {
                    if (f[1] == 0 && f[0] == 0) {
                        return null;
                    }
                    String day = DAYS[(int) ((daynr + 5) % 7)];
                    out.append(x == 'W' ? day : day.substring(0, 3));
                }
                case 'M', 'b' -> {
                    if (f[1] == 0) {
                        return null;
                    }
                    String month = MONTHS[f[1] - 1];
                    out.append(x == 'M' ? month : month.substring(0, 3));
                }
                case 'U', 'u', 'V', 'v', 'X', 'x' -> throw unsupported.because("DATE_FORMAT's %" + x);
                default -> out.append(x); // %% and any other character
            }
        }
        return out.toString();
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** calc_daynr (sql-common/my_time.c): days since year 0, as MySQL counts them, zero parts and all. */
    private static long daynr(long year, long month, long day) {
        if (year == 0 && month == 0) {
            return 0;
        }
        long delsum = 365 * year + 31 * (month - 1) + day;
        if (month <= 2) {
            year--;
        } else {
            delsum -= (month * 4 + 23) / 10;
        }
        long temp = (year / 100 + 1) * 3 / 4;
        return delsum + year / 4 - temp;
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

    /** A date's fields with a zero month or day allowed (TIME_FUZZY_DATE), or null and the warning. */
    private static int[] fuzzyFields(Object v, Consumer<String> notADate) {
        if (v == null) {
            return null;
        }
        String text = Values.text(v);
        int[] f = Values.datetimeFields(text);
        boolean valid = f != null && f[6] == 0 && f[1] <= 12 && f[2] <= 31 && f[3] <= 23 && f[4] <= 59 && f[5] <= 59
                && (f[1] == 0 || f[2] == 0 || f[2] <= Values.daysIn(f[0], f[1]));
        if (!valid) {
            notADate.accept(text);
            return null;
        }
        return f;
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
