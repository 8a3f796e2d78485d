package io.semisyncsim.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values stored in a column as MySQL's strict mode stores them. */
class ColumnTypeTest {
    private static final ColumnType.Target AT = new ColumnType.Target("test", "t", "c", 1, false, false);
    /** Where MySQL's default sql_mode (NO_ZERO_DATE, NO_ZERO_IN_DATE) holds. */
    private static final ColumnType.Target NO_ZERO_DATES = new ColumnType.Target("test", "t", "c", 1, true, false);

    /** Stored under IGNORE: the value, then each note's and each warning's message key. */
    private static List<Object> ignored(ColumnType type, Object v, ColumnType.Target at) throws TableError {
        List<Object> out = new ArrayList<>();
        List<TableError> notes = new ArrayList<>();
        List<TableError> warnings = new ArrayList<>();
        out.add(type.storeLeniently(v, at, notes::add, warnings::add));
        notes.forEach(n -> out.add("note " + n.key()));
        warnings.forEach(w -> out.add(w.key()));
        return out;
    }

    private static Object store(ColumnType type, Object v) throws TableError {
        return type.store(v, AT, n -> { });
    }

    private static String refused(ColumnType type, Object v) {
        return assertThrows(TableError.class, () -> store(type, v)).key();
    }

    @Test
    void integersHaveTheirTypesRange() throws TableError {
        ColumnType tiny = ColumnType.integer(ColumnType.Kind.TINYINT, 0, true);
        assertEquals(255L, store(tiny, 255L));
        assertEquals("1264", refused(tiny, 256L));
        assertEquals("1264", refused(tiny, -1L));
        ColumnType big = ColumnType.integer(ColumnType.Kind.BIGINT, 0, true);
        assertEquals(new BigInteger("18446744073709551615"), store(big, new BigInteger("18446744073709551615")));
        assertEquals(2L, store(ColumnType.integer(ColumnType.Kind.INT, 0, false), new BigDecimal("1.6")));
    }

    @Test
    void textIntoANumberIsRefusedUnlessItIsOne() throws TableError {
        ColumnType i = ColumnType.integer(ColumnType.Kind.INT, 0, false);
        assertEquals(12L, store(i, " 12 "));
        assertEquals("1265", refused(i, "12abc"));
        assertEquals("1366", refused(i, "abc"));
    }

    @Test
    void decimalsRoundToTheirScaleWithANote() throws TableError {
        ColumnType d = ColumnType.decimal(5, 2);
        List<TableError> notes = new ArrayList<>();
        assertEquals(new BigDecimal("1.56"), d.store(new BigDecimal("1.555"), AT, notes::add));
        assertEquals("1265", notes.get(0).key());
        assertEquals("1264", refused(d, new BigDecimal("1000")));
        assertEquals(new BigDecimal("999.99"), store(d, "999.99"));
    }

    @Test
    void stringsAreCheckedForLength() throws TableError {
        assertEquals("abc", store(ColumnType.text(ColumnType.Kind.VARCHAR, 3), "abc"));
        assertEquals("1406", refused(ColumnType.text(ColumnType.Kind.VARCHAR, 3), "abcd"));
        assertEquals("a", store(ColumnType.text(ColumnType.Kind.CHAR, 3), "a  "), "CHAR reads back unpadded");
        assertEquals("12", store(ColumnType.text(ColumnType.Kind.VARCHAR, 3), 12L));
    }

    @Test
    void aDoubleTakesANumberOrTheLeadingNumberOfAText() throws TableError {
        ColumnType d = ColumnType.of(ColumnType.Kind.DOUBLE);
        assertEquals(1.5, store(d, new BigDecimal("1.5")));
        assertEquals(2.5, store(d, "2.5"));
        assertEquals(1e23, store(d, new BigInteger("100000000000000000000000")), "the nearest double, not one below");
        assertEquals("1265", refused(d, "3x"));
        assertEquals("1366", refused(d, "abc"));
        assertEquals(List.of(3.0, "1265"), ignored(d, "3x", AT));
        assertEquals(List.of(0.0, "1366"), ignored(d, "abc", AT));
    }

    @Test
    void eachTextTypeHoldsWhatItsLengthBytesCount() throws TableError {
        assertEquals("1406", refused(ColumnType.of(ColumnType.Kind.TINYTEXT), "x".repeat(256)));
        assertEquals("x".repeat(256), store(ColumnType.of(ColumnType.Kind.TEXT), "x".repeat(256)));
        assertEquals(List.of(1, 2, 3, 4), List.of(ColumnType.Kind.TINYTEXT, ColumnType.Kind.TEXT,
                ColumnType.Kind.MEDIUMTEXT, ColumnType.Kind.LONGTEXT).stream()
                .map(k -> ColumnType.of(k).textLengthBytes()).toList());
        assertEquals("mediumtext", ColumnType.of(ColumnType.Kind.MEDIUMTEXT).sql(true));
        assertEquals("double", ColumnType.of(ColumnType.Kind.DOUBLE).sql(true));
    }

    @Test
    void aDatetimeKeepsItsOwnDigitsOfASecond() throws TableError {
        ColumnType six = ColumnType.temporal(ColumnType.Kind.DATETIME, 6);
        List<TableError> notes = new ArrayList<>();
        assertEquals("2020-01-01 10:00:00.123456", six.store("2020-01-01 10:00:00.1234567", AT, notes::add));
        assertEquals("1265", notes.get(0).key(), "more than six digits: a Note");
        notes.clear();
        ColumnType two = ColumnType.temporal(ColumnType.Kind.DATETIME, 2);
        assertEquals("2020-01-01 10:00:00.99", two.store("2020-01-01 10:00:00.999", AT, notes::add));
        assertEquals(List.of(), notes, "cut to the column's digits without a word");
        assertEquals("2020-01-01 10:00:00.000000", store(six, "2020-01-01 10:00:00"));
        assertEquals("datetime(6)", six.sql(false));
    }

    @Test
    void mysqlRoundsTheDigitsPastTheColumnsIntoTheNextSecond() throws TableError {
        ColumnType.Target rounding = new ColumnType.Target("test", "t", "c", 1, false, true);
        ColumnType two = ColumnType.temporal(ColumnType.Kind.DATETIME, 2);
        assertEquals("2020-01-01 10:00:00.13", two.store("2020-01-01 10:00:00.125", rounding, n -> { }));
        assertEquals("2020-01-01 00:00:00",
                ColumnType.of(ColumnType.Kind.DATETIME).store("2019-12-31 23:59:59.5", rounding, n -> { }));
    }

    @Test
    void anEnumTakesAMemberAsItsCollationComparesOrAMembersNumber() throws TableError {
        ColumnType e = ColumnType.enumeration(List.of("small", "Medium", "large"));
        assertEquals("Medium", store(e, "MEDIUM"));
        assertEquals("large", store(e, "large "));
        assertEquals("large", store(e, 3L));
        assertEquals("1265", refused(e, "huge"));
        assertEquals("1265", refused(e, 0L));
        assertEquals(List.of("", "1265"), ignored(e, "huge", AT));
        assertEquals(0, e.enumIndex(""));
        assertEquals(2, e.enumIndex("Medium"));
        assertEquals("small", e.implicitDefault());
        assertEquals("enum('small','Medium','large')", e.sql(true));
    }

    @Test
    void aJsonColumnRefusesWhatIsNotOneJsonValueEvenUnderIgnore() throws TableError {
        ColumnType j = ColumnType.of(ColumnType.Kind.JSON);
        assertEquals("  42 ", store(j, "  42 "), "kept as written");
        assertEquals("check-failed", refused(j, "{a: 1}"));
        assertEquals("check-failed", assertThrows(TableError.class, () -> ignored(j, "[1,", AT)).key());
    }

    @Test
    void aBinaryStringComparesByteForByteWithItsTrailingSpaces() throws TableError {
        ColumnType vb = ColumnType.text(ColumnType.Kind.VARBINARY, 10);
        Object stored = store(vb, "abc ");
        assertEquals(new Bytes("abc "), stored, "kept with its spaces");
        assertEquals(true, Values.compare(stored, "abc") != 0, "NO PAD");
        assertEquals(true, Values.compare(store(vb, "A"), store(vb, "a")) < 0, "byte order, with case");
        assertEquals("1406", refused(vb, "abcdefghijk"));
        assertEquals(List.of(new Bytes("abcdefghij"), "1265"), ignored(vb, "abcdefghijk", AT));
        assertEquals(2, ColumnType.of(ColumnType.Kind.BLOB).textLengthBytes());
        assertEquals("varbinary(10)", vb.sql(true));
    }

    @Test
    void aSetKeepsEachMemberOnceInTheMembersOrder() throws TableError {
        ColumnType set = ColumnType.set(List.of("a", "b", "c"));
        assertEquals("a,c", store(set, "c,A"));
        assertEquals("b", store(set, "b,b"));
        assertEquals("a,c", store(set, 5L), "bits name the members");
        assertEquals("", store(set, ""));
        assertEquals("1265", refused(set, "a,z"));
        assertEquals("1265", refused(set, 8L));
        assertEquals(List.of("a", "1265"), ignored(set, "a,z", AT));
        assertEquals(5, set.enumIndex("a,c"));
    }

    @Test
    void datesTakeMysqlsForms() throws TableError {
        ColumnType dt = ColumnType.of(ColumnType.Kind.DATETIME);
        assertEquals("2020-01-01 00:00:00", store(dt, "2020-01-01"));
        assertEquals("2020-01-02 03:04:05", store(dt, "2020-01-02 03:04:05.123"));
        assertEquals("2020-01-02 03:04:05", store(dt, "20200102030405"));
        assertEquals("1292-column", refused(dt, "2020-02-30"));
        assertEquals("1292-column", refused(ColumnType.of(ColumnType.Kind.TIMESTAMP), "1960-01-01"));
    }

    @Test
    void aDateGivenATimeOfDayKeepsTheDayWithANote() throws TableError {
        List<TableError> notes = new ArrayList<>();
        assertEquals("2020-02-29", ColumnType.of(ColumnType.Kind.DATE).store("2020-02-29 12:34:56", AT, notes::add));
        assertEquals("1265", notes.get(0).key());
        notes.clear();
        ColumnType.of(ColumnType.Kind.DATE).store("2020-02-29 00:00:00", AT, notes::add);
        assertEquals(List.of(), notes, "a midnight is no truncation");
    }

    @Test
    void zeroDatesAreDatesUnlessTheSqlModeRefusesThem() throws TableError {
        ColumnType date = ColumnType.of(ColumnType.Kind.DATE);
        assertEquals("0000-00-00", store(date, "0000-00-00"));
        assertEquals("2020-00-10", store(date, "2020-00-10"), "MariaDB keeps a zero month");
        assertEquals("1292-column", assertThrows(TableError.class,
                () -> date.store("0000-00-00", NO_ZERO_DATES, n -> { })).key());
        assertEquals(List.of("0000-00-00", "1264"), ignored(date, "2020-00-10", NO_ZERO_DATES));
        assertEquals("1292-column", refused(ColumnType.of(ColumnType.Kind.TIMESTAMP), "2020-00-10 00:00:00"));
    }

    @Test
    void ignoreStoresTheZeroDateWithTheCutsOwnWarning() throws TableError {
        ColumnType date = ColumnType.of(ColumnType.Kind.DATE);
        ColumnType ts = ColumnType.of(ColumnType.Kind.TIMESTAMP);
        assertEquals(List.of("0000-00-00", "1265"), ignored(date, "hello", AT));
        assertEquals(List.of("0000-00-00 00:00:00", "1265"),
                ignored(ColumnType.of(ColumnType.Kind.DATETIME), "2020-01-01 25:00:00", AT));
        assertEquals(List.of("0000-00-00", "invalid-day-ignored"), ignored(date, "2020-02-30", AT));
        assertEquals(List.of("0000-00-00 00:00:00", "1264"), ignored(ts, "1960-01-01 00:00:00", AT));
        assertEquals(List.of("0000-00-00 00:00:00", "1265"), ignored(ts, "2020-00-10 00:00:00", AT));
        assertEquals(List.of("2020-02-29", "note 1265"), ignored(date, "2020-02-29 10:00:00", AT));
    }

    @Test
    void ignoreKeepsAGoodDateThatOtherTextFollows() throws TableError {
        ColumnType dt = ColumnType.of(ColumnType.Kind.DATETIME);
        assertEquals("1292-column", refused(dt, "2020-02-20x"));
        assertEquals(List.of("2020-02-20 00:00:00", "1265"), ignored(dt, "2020-02-20 00:00:00.5x", AT));
        assertEquals(List.of("0000-00-00 00:00:00", "invalid-day-ignored"), ignored(dt, "2020-02-31 10:00:00 x", AT));
    }

    @Test
    void aTimestampReadsTheTimeZoneOnlyForACalendarDate() {
        ColumnType ts = ColumnType.of(ColumnType.Kind.TIMESTAMP);
        assertEquals(true, ts.convertsWithTimeZone("2021-01-01"));
        assertEquals(true, ts.convertsWithTimeZone("1960-01-01 00:00:00"), "converted, then out of range");
        assertEquals(true, ts.convertsWithTimeZone("2020-02-20 10:00:00 x"));
        assertEquals(false, ts.convertsWithTimeZone("0000-00-00 00:00:00"));
        assertEquals(false, ts.convertsWithTimeZone("2020-00-10 00:00:00"));
        assertEquals(false, ts.convertsWithTimeZone("2020-02-30 00:00:00"));
        assertEquals(false, ts.convertsWithTimeZone("hello"));
        assertEquals(false, ts.convertsWithTimeZone(null));
        assertEquals(false, ColumnType.of(ColumnType.Kind.DATETIME).convertsWithTimeZone("2021-01-01"));
    }

    @Test
    void ignoreKeepsARoundedDecimalsNoteANote() throws TableError {
        assertEquals(List.of(new BigDecimal("1.56"), "note 1265"), ignored(ColumnType.decimal(5, 2), "1.555", AT));
    }

    @Test
    void showCreateTableSpellsTypesPerServer() {
        assertEquals("int", ColumnType.integer(ColumnType.Kind.INT, 0, false).sql(false));
        assertEquals("int(11)", ColumnType.integer(ColumnType.Kind.INT, 0, false).sql(true));
        assertEquals("bigint(20) unsigned", ColumnType.integer(ColumnType.Kind.BIGINT, 0, true).sql(true));
        assertEquals("tinyint(1)", ColumnType.integer(ColumnType.Kind.TINYINT, 1, false).sql(false));
        assertEquals("decimal(10,2)", ColumnType.decimal(10, 2).sql(false));
    }
}
