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
    private static final ColumnType.Target AT = new ColumnType.Target("test", "t", "c", 1);

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
    void datesTakeMysqlsForms() throws TableError {
        ColumnType dt = ColumnType.of(ColumnType.Kind.DATETIME);
        assertEquals("2020-01-01 00:00:00", store(dt, "2020-01-01"));
        assertEquals("2020-01-02 03:04:05", store(dt, "2020-01-02 03:04:05.123"));
        assertEquals("2020-01-02 03:04:05", store(dt, "20200102030405"));
        assertEquals("1292-column", refused(dt, "2020-02-30"));
        assertEquals("1292-column", refused(ColumnType.of(ColumnType.Kind.TIMESTAMP), "1960-01-01"));
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
