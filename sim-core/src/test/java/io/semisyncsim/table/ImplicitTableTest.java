package io.semisyncsim.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The implicit (id, v) table stays keys only for generated values, however many rows it holds. */
class ImplicitTableTest {
    private final ImplicitTable t = new ImplicitTable(TableDef.implicit("test", "t1"));

    @Test
    void commitStepRowsKeepNoValue() {
        for (long k = 1; k <= 1_000_000; k++) {
            t.apply(new RowChange(EventType.WRITE_ROWS, "t1", k, k % 2 == 0 ? "row-" + k : null));
        }
        assertEquals(1_000_000, t.size());
        assertTrue(t.storedValues().isEmpty());
        assertArrayEquals(new Object[] {999_999L, "row-999999"}, t.findByKey(new Object[] {999_999L}));
    }

    @Test
    void valuesWrittenInSqlAreKeptAndReadBack() {
        t.apply(RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {5L, "five"}));
        t.apply(RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {6L, null}));
        t.apply(RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {7L, "row-7"}));
        List<Object[]> rows = new ArrayList<>();
        t.forEachRow(rows::add);
        assertArrayEquals(new Object[] {5L, "five"}, rows.get(0));
        assertArrayEquals(new Object[] {6L, null}, rows.get(1));
        assertArrayEquals(new Object[] {7L, "row-7"}, rows.get(2));
        assertEquals(2, t.storedValues().size(), "row-7 is the generated value: not kept");
    }

    @Test
    void updateAndDeleteByImages() {
        t.apply(RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {1L, "a"}));
        t.apply(RowChange.images(EventType.UPDATE_ROWS, "test", "t1", new Object[] {1L, "a"}, new Object[] {1L, "b"}));
        assertEquals("b", t.value(1));
        t.apply(RowChange.images(EventType.DELETE_ROWS, "test", "t1", new Object[] {1L, "b"}, null));
        assertNull(t.findByKey(new Object[] {1L}));
        assertTrue(t.storedValues().isEmpty());
    }

    @Test
    void theGeneratedValueIsRecognisedWithoutBuildingIt() {
        assertTrue(ImplicitTable.isGenerated(42, "row-42"));
        assertTrue(ImplicitTable.isGenerated(-3, "row--3"));
        assertFalse(ImplicitTable.isGenerated(42, "row-042"));
        assertFalse(ImplicitTable.isGenerated(42, "row-43"));
        assertFalse(ImplicitTable.isGenerated(42, "w42"));
    }

    @Test
    void aCopyIsIndependent() {
        t.apply(new RowChange(EventType.WRITE_ROWS, "t1", 1, null));
        Table copy = t.copy();
        copy.apply(new RowChange(EventType.WRITE_ROWS, "t1", 2, null));
        assertEquals(1, t.size());
        assertEquals(2, copy.size());
    }

    @Test
    void aKeyWrittenAsTextOrDecimalFindsItsRow() {
        t.apply(new RowChange(EventType.WRITE_ROWS, "t1", 5, null));
        assertArrayEquals(new Object[] {5L, "row-5"}, t.findByKey(new Object[] {"5"}));
        assertArrayEquals(new Object[] {5L, "row-5"}, t.findByKey(new Object[] {new java.math.BigDecimal("5.0")}));
        assertNull(t.findByKey(new Object[] {new java.math.BigDecimal("5.5")}));
    }
}
