package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Date arithmetic and a date's parts, as MariaDB 10.11.18 computes them. */
class DateFunctionsTest {
    private final List<String> notDates = new ArrayList<>();

    private Object call(String name, Object... args) throws Exception {
        return DateFunctions.call(name, Arrays.asList(args), (least, most) -> { }, notDates::add,
                what -> new io.semisyncsim.error.SqlError(9000, "HY000", what));
    }

    private Object add(String date, long n, String unit) {
        return DateFunctions.add(date, new DateFunctions.Amount(n, unit), false, notDates::add);
    }

    @Test
    void aMonthAddedToTheLastDaysLandsOnTheMonthsLastDay() {
        assertEquals("2020-02-29", add("2020-01-31", 1, "MONTH"));
        assertEquals("2021-02-28", add("2020-02-29", 1, "YEAR"));
        assertEquals("2019-10-01", add("2020-01-01", -1, "QUARTER"));
    }

    @Test
    void aDateStaysADateForWholeDaysAndBecomesADatetimeForATimeUnit() {
        assertEquals("2020-01-04", add("2020-01-01", 3, "DAY"));
        assertEquals("2020-01-01 01:00:00", add("2020-01-01", 1, "HOUR"));
        assertEquals("2020-01-01 00:00:01.000000", add("2020-01-01 00:00:00.5", 500_000, "MICROSECOND"));
        assertEquals("2021-01-01 23:59:59.99", add("2020-12-31 23:59:59.99", 1, "DAY"), "the date's own digits");
    }

    @Test
    void aSumPastTheYear9999IsNull() {
        assertEquals(null, add("9999-12-31", 1, "DAY"));
        assertEquals(null, add("2020-01-01", 99_999_999_999L, "YEAR"));
        assertEquals(java.util.Arrays.asList((String) null, null), notDates, "each an overflow (1441), not a bad date");
    }

    @Test
    void aValueThatIsNoDateIsNullWithItsText() throws Exception {
        assertEquals(null, call("DATE", "bad"));
        assertEquals(List.of("bad"), notDates);
    }

    @Test
    void dateFormatWritesEachPartAndCountsWeekdaysAsCalcDaynrDoes() throws Exception {
        assertEquals("Thursday Thu March 065 5th 4 05 PM", call("DATE_FORMAT", "2020-03-05 17:00:00", "%W %a %M %j %D %w %h %p"));
        assertEquals("2020 00 00 Saturday", call("DATE_FORMAT", "2020-00-00", "%Y %m %d %W"), "zero parts and all");
        assertEquals("%Q", call("DATE_FORMAT", "2020-03-05", "%%%Q"));
    }

    @Test
    void partsAndDifferencesReadTheCalendar() throws Exception {
        assertEquals(2020L, call("YEAR", "2020-05-06"));
        assertEquals(9L, call("SECOND", "2020-05-06 07:08:09"));
        assertEquals(29L, call("DATEDIFF", "2020-03-01", "2020-02-01"));
        assertEquals(-1L, call("DATEDIFF", "2020-03-01 23:59:59", "2020-03-02"), "days, not hours");
        assertEquals(0L, call("TIMESTAMPDIFF", "MONTH", "2020-01-31", "2020-02-29"), "not yet the 31st");
        assertEquals(1L, call("TIMESTAMPDIFF", "MONTH", "2020-01-31", "2020-03-01"));
    }
}
