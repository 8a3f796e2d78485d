package io.semisyncsim.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TIME values as MariaDB 10.11.18 reads, orders and writes them. */
class TimeOfDayTest {
    private static String time(String text, int fsp) {
        return new TimeOfDay(TimeOfDay.parse(text), fsp).toString();
    }

    @Test
    void aTimeIsReadInEachOfItsShapes() {
        assertEquals("12:34:56", time("12:34:56", 0));
        assertEquals("25:00:00", time("25:00", 0), "HH:MM");
        assertEquals("26:03:04", time("1 02:03:04", 0), "days and a time");
        assertEquals("00:00:10", time("10", 0), "seconds alone");
        assertEquals("12:34:56", time("123456", 0), "HHMMSS");
        assertEquals("-01:00:00.000", time("-01:00:00", 3));
        assertEquals(null, TimeOfDay.parse("12:60:00"));
        assertEquals(null, TimeOfDay.parse("noon"));
    }

    @Test
    void timesCompareAsSpansNotAsText() {
        assertEquals(true, Values.compare(new TimeOfDay(TimeOfDay.parse("100:00:00"), 0), "99:00:00") > 0);
    }

    @Test
    void aYearReadsTwoDigitsAroundNineteenSeventy() throws TableError {
        ColumnType y = ColumnType.of(ColumnType.Kind.YEAR);
        ColumnType.Target at = new ColumnType.Target("test", "t", "y", 1, false, false);
        assertEquals("2069", y.store(69L, at, n -> { }));
        assertEquals("1970", y.store("70", at, n -> { }));
        assertEquals("2000", y.store("0", at, n -> { }), "the string '0'");
        assertEquals("0000", y.store(0L, at, n -> { }), "the number 0");
        assertEquals("1264", org.junit.jupiter.api.Assertions.assertThrows(TableError.class,
                () -> y.store(1900L, at, n -> { })).key());
    }
}
