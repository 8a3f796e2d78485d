package io.semisyncsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.ResultSet;
import io.semisyncsim.server.StatementResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MysqlClientFormatTest {

    @Test
    void resultSetIsBoxedWithARowCount() {
        ResultSet rs = ResultSet.of(List.of("PLUGIN_NAME", "PLUGIN_STATUS"),
                List.of(List.of("rpl_semi_sync_master", "ACTIVE")));
        assertEquals("""
                +----------------------+---------------+
                | PLUGIN_NAME          | PLUGIN_STATUS |
                +----------------------+---------------+
                | rpl_semi_sync_master | ACTIVE        |
                +----------------------+---------------+
                1 row in set (0.00 sec)""", MysqlClientFormat.result(new StatementResult.Rows(rs, List.of()), 0));
    }

    @Test
    void numericColumnsAreRightAligned() {
        ResultSet rs = new ResultSet(List.of(new ResultSet.Column("@@global.rpl_semi_sync_master_timeout", true)),
                List.of(List.of("1000")));
        assertEquals("""
                +---------------------------------------+
                | @@global.rpl_semi_sync_master_timeout |
                +---------------------------------------+
                |                                  1000 |
                +---------------------------------------+""", MysqlClientFormat.table(rs));
    }

    @Test
    void nullPrintsAsNull() {
        ResultSet rs = ResultSet.of(List.of("Library"), List.of(Arrays.asList((String) null)));
        assertEquals("| NULL    |", MysqlClientFormat.table(rs).split("\n")[3]);
    }

    @Test
    void emptyResultIsEmptySet() {
        assertEquals("Empty set (0.00 sec)", MysqlClientFormat.result(
                new StatementResult.Rows(ResultSet.of(List.of("a"), List.of()), List.of()), 0));
    }

    @Test
    void okCountsRowsAndWarnings() {
        assertEquals("Query OK, 0 rows affected (0.00 sec)",
                MysqlClientFormat.result(new StatementResult.Ok(0, List.of()), 0));
        assertEquals("Query OK, 0 rows affected, 1 warning (0.00 sec)", MysqlClientFormat.result(
                new StatementResult.Ok(0, List.of(new StatementResult.Warning("Note", 1287, "x"))), 0));
        assertEquals("Query OK, 1 row affected (0.01 sec)",
                MysqlClientFormat.result(new StatementResult.Ok(1, List.of()), 0.012));
    }

    @Test
    void errorsPrintNumberStateAndText() {
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'x'", MysqlClientFormat.result(
                new StatementResult.Failed(new SqlError(1193, "HY000", "Unknown system variable 'x'")), 0));
    }

    @Test
    void promptContinuesLinesLikeTheClient() {
        assertEquals("mysql> SELECT 1\n    -> FROM t;", MysqlClientFormat.prompt("SELECT 1\nFROM t"));
    }

    @Test
    void backslashGPrintsEachRowAsABlock() {
        ResultSet rs = new ResultSet(List.of(new ResultSet.Column("a", true), new ResultSet.Column("longname", false)),
                List.of(Arrays.asList("1", null), Arrays.asList("2", "x")));
        assertEquals("""
                *************************** 1. row ***************************
                       a: 1
                longname: NULL
                *************************** 2. row ***************************
                       a: 2
                longname: x
                2 rows in set (0.00 sec)""", MysqlClientFormat.result(new StatementResult.Rows(rs, List.of(), true), 0));
        assertEquals("mysql> SELECT 1\\G", MysqlClientFormat.prompt("SELECT 1\\G"));
    }

    @Test
    void aNullableColumnLeavesRoomForNull() {
        ResultSet rs = new ResultSet(List.of(new ResultSet.Column("@x", true, true)), List.of(List.of("5")));
        assertEquals("|    5 |", MysqlClientFormat.table(rs).split("\n")[3]);
    }

    @Test
    void theServersInfoFollowsOk() {
        assertEquals("Query OK, 2 rows affected (0.00 sec)\nRecords: 2  Duplicates: 0  Warnings: 0",
                MysqlClientFormat.result(new StatementResult.Ok(2, List.of(), "Records: 2  Duplicates: 0  Warnings: 0"), 0));
    }
}
