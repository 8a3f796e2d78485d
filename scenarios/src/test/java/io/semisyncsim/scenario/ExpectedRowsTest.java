package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.reports.MysqlClientFormat;
import io.semisyncsim.scenario.lang.ExpectedRows;
import io.semisyncsim.scenario.lang.Template;
import io.semisyncsim.server.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** expect_rows: a result set compared as the mysql client prints it. */
class ExpectedRowsTest {
    private static final ResultSet ROWS = new ResultSet(List.of(new ResultSet.Column("id", true),
            new ResultSet.Column("v", false)), List.of(List.of("1", "one"), Arrays.asList("2", null)));

    @Test
    void theClientsOwnTablePrintoutReadsBackAsTheSameRows() throws Template.Unbound {
        ExpectedRows table = ExpectedRows.table(MysqlClientFormat.table(ROWS) + "\n2 rows in set (0.00 sec)");
        assertEquals(List.of("id", "v"), table.columns());
        assertEquals(List.of(List.of("1", "one"), List.of("2", "NULL")), table.rows());
        assertNull(table.mismatch(ROWS, Map.of()));
    }

    @Test
    void theListFormComparesRowsInOrderWithNullAsPrinted() throws Template.Unbound {
        assertNull(new ExpectedRows(null, List.of(List.of("1", "one"), List.of("2", "NULL"))).mismatch(ROWS, Map.of()));
        assertEquals("row 1 is [1, one], expected [2, NULL]", new ExpectedRows(null,
                List.of(List.of("2", "NULL"), List.of("1", "one"))).mismatch(ROWS, Map.of()));
        assertEquals("2 rows, expected 1", new ExpectedRows(null, List.of(List.of("1", "one"))).mismatch(ROWS, Map.of()));
        assertEquals("no result set", new ExpectedRows(null, List.of()).mismatch(null, Map.of()));
    }

    @Test
    void theTableFormChecksColumnNamesToo() throws Template.Unbound {
        ExpectedRows renamed = ExpectedRows.table("+----+-------+\n| id | value |\n+----+-------+\n|  1 | one |\n|  2 | NULL |\n+----+-------+");
        assertEquals("columns id, v, expected id, value", renamed.mismatch(ROWS, Map.of()));
    }

    @Test
    void emptySetAndCapturedValues() throws Template.Unbound {
        assertEquals(List.of(), ExpectedRows.table("Empty set (0.00 sec)").rows());
        assertNull(new ExpectedRows(null, List.of(List.of("${n}", "one"), List.of("2", "NULL")))
                .mismatch(ROWS, Map.of("n", "1")));
        assertNull(ExpectedRows.table("| id |\n+----+"), "a table starts with its rule");
        assertEquals("[[1, one], [2, NULL]]", ExpectedRows.show(ROWS));
    }
}
