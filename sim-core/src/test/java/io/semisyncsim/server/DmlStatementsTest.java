package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transactions on tables, before group commit: what a statement commits, or collects. */
class DmlStatementsTest {
    private final Mysqld source = node("mysql-8.0");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return source.execute(Account.ROOT, statement, session);
    }

    /** Commits what a statement asks to commit, as the node's group commit would. */
    private StatementResult committed(String statement) {
        StatementResult r = sql(statement);
        if (r instanceof StatementResult.CommitNeeded c) {
            source.store().apply(c.transaction(1, 0));
            return c.answer();
        }
        return r;
    }

    private List<List<String>> rows(String statement) {
        return assertInstanceOf(StatementResult.Rows.class, sql(statement)).resultSet().rows();
    }

    @Test
    void anAutocommitInsertCommitsItsRowsAsWholeImagesTheFirstCarryingTheStatement() {
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                sql("INSERT INTO test.t1 VALUES (1, 'a'), (2, 'b');"));
        assertEquals(2, c.affectedRows());
        assertEquals(List.of(
                Transaction.RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {1L, "a"})
                        .withSql("INSERT INTO test.t1 VALUES (1, 'a'), (2, 'b')"),
                Transaction.RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {2L, "b"})),
                c.changes(), "statement format logs the client's text once, at the first row");
        assertEquals("Records: 2  Duplicates: 0  Warnings: 0", c.info());
    }

    @Test
    void insideATransactionChangesWaitForCommit() {
        sql("BEGIN");
        assertEquals(new StatementResult.Ok(1, List.of()), sql("INSERT INTO t1 VALUES (1)"));
        assertEquals(1, ((StatementResult.Ok) sql("UPDATE t1 SET v = 'x' WHERE id = 1")).affectedRows());
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class, sql("COMMIT"));
        assertEquals(2, c.changes().size());
    }

    @Test
    void rollbackDiscardsTheTransaction() {
        sql("START TRANSACTION");
        sql("INSERT INTO t1 VALUES (1)");
        sql("ROLLBACK");
        assertEquals(new StatementResult.Ok(0, List.of()), sql("COMMIT"));
    }

    @Test
    void aDuplicateKeyGives1062WithTheTableOn80() {
        sql("BEGIN");
        sql("INSERT INTO t1 VALUES (1)");
        assertEquals("ERROR 1062 (23000): Duplicate entry '1' for key 't1.PRIMARY'", error(sql("INSERT INTO t1 VALUES (1)")));
    }

    @Test
    void aDuplicateKeyOn57NamesOnlyPrimary() {
        Mysqld old = node("mysql-5.7");
        Session s = new Session();
        old.execute(Account.ROOT, "BEGIN", s);
        old.execute(Account.ROOT, "INSERT INTO t1 VALUES (7)", s);
        assertEquals("ERROR 1062 (23000): Duplicate entry '7' for key 'PRIMARY'",
                error(old.execute(Account.ROOT, "INSERT INTO t1 VALUES (7)", s)));
    }

    @Test
    void aDuplicateWithinOneStatementFailsTheWholeStatement() {
        assertEquals("ERROR 1062 (23000): Duplicate entry '5' for key 't1.PRIMARY'",
                error(sql("INSERT INTO t1 VALUES (4, 'a'), (5, 'b'), (5, 'c')")));
        assertEquals(List.of(List.of("0")), rows("SELECT COUNT(*) FROM t1"));
    }

    @Test
    void anUpdateOfNoRowChangesNothingAndWritesNoBinlog() {
        StatementResult.Ok ok = assertInstanceOf(StatementResult.Ok.class, sql("UPDATE t1 SET v = 'x' WHERE id = 42"));
        assertEquals(0, ok.affectedRows());
        assertEquals("Rows matched: 0  Changed: 0  Warnings: 0", ok.info());
    }

    @Test
    void aSessionSeesItsOwnUncommittedRowsAndOthersDoNot() {
        source.store().apply(new Transaction(1, null, 0, List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", 1, "a"))));
        sql("BEGIN");
        sql("INSERT INTO t1 VALUES (2)");
        assertEquals(List.of(List.of("2")), rows("SELECT COUNT(*) FROM t1"));
        StatementResult.Rows other = assertInstanceOf(StatementResult.Rows.class,
                source.execute(Account.ROOT, "SELECT COUNT(*) FROM t1"));
        assertEquals(List.of(List.of("1")), other.resultSet().rows());
    }

    @Test
    void implicitTableRowsFromCommitStepsReadBackTheirGeneratedValue() {
        source.store().apply(new Transaction(1, null, 0, List.of(
                new Transaction.RowChange(EventType.WRITE_ROWS, "t1", 7, "row-7"),
                new Transaction.RowChange(EventType.WRITE_ROWS, "t1", 8, null))));
        assertEquals(List.of(List.of("7", "row-7"), List.of("8", "row-8")), rows("SELECT id, v FROM t1"));
    }

    @Test
    void insertIntoATypedTableChecksEachColumn() {
        committed("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3) NOT NULL, n INT NOT NULL DEFAULT 5, "
                + "d DECIMAL(5,2), ts DATETIME, ti TINYINT UNSIGNED)");
        assertEquals("ERROR 1136 (21S01): Column count doesn't match value count at row 1",
                error(sql("INSERT INTO t VALUES (1, 'a')")));
        assertEquals("ERROR 1364 (HY000): Field 'v' doesn't have a default value", error(sql("INSERT INTO t (id) VALUES (1)")));
        assertEquals("ERROR 1048 (23000): Column 'v' cannot be null", error(sql("INSERT INTO t (id, v) VALUES (1, NULL)")));
        assertEquals("ERROR 1406 (22001): Data too long for column 'v' at row 1",
                error(sql("INSERT INTO t (id, v) VALUES (1, 'long')")));
        assertEquals("ERROR 1366 (HY000): Incorrect integer value: 'x' for column 'id' at row 1",
                error(sql("INSERT INTO t (id, v) VALUES ('x', 'a')")));
        assertEquals("ERROR 1265 (01000): Data truncated for column 'n' at row 2",
                error(sql("INSERT INTO t (id, v, n) VALUES (1, 'a', 1), (2, 'b', '12abc')")));
        assertEquals("ERROR 1264 (22003): Out of range value for column 'ti' at row 1",
                error(sql("INSERT INTO t (id, v, ti) VALUES (1, 'a', 300)")));
        assertEquals("ERROR 1264 (22003): Out of range value for column 'd' at row 1",
                error(sql("INSERT INTO t (id, v, d) VALUES (1, 'a', 12345.5)")));
        assertEquals("ERROR 1292 (22007): Incorrect datetime value: 'notadate' for column 'ts' at row 1",
                error(sql("INSERT INTO t (id, v, ts) VALUES (1, 'a', 'notadate')")));
        assertEquals("ERROR 1054 (42S22): Unknown column 'nosuch' in 'field list'",
                error(sql("INSERT INTO t (id, nosuch) VALUES (1, 1)")));
    }

    @Test
    void mariadbNamesTheColumnByDatabaseAndTable() {
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        StatementResult create = maria.execute(Account.ROOT, "CREATE TABLE t (id INT PRIMARY KEY, ts DATETIME)", s);
        maria.store().apply(((StatementResult.CommitNeeded) create).transaction(1, 0));
        assertEquals("ERROR 1366 (22007): Incorrect integer value: 'x' for column `test`.`t`.`id` at row 1",
                error(maria.execute(Account.ROOT, "INSERT INTO t VALUES ('x', NULL)", s)));
        assertEquals("ERROR 1292 (22007): Incorrect datetime value: 'x' for column `test`.`t`.`ts` at row 1",
                error(maria.execute(Account.ROOT, "INSERT INTO t VALUES (1, 'x')", s)));
        assertEquals("ERROR 1054 (42S22): Unknown column 'nosuch' in 'INSERT INTO'",
                error(maria.execute(Account.ROOT, "INSERT INTO t (nosuch) VALUES (1)", s)));
    }

    @Test
    void aDecimalRoundedToItsScaleIsANote() {
        committed("CREATE TABLE t (id INT PRIMARY KEY, d DECIMAL(5,2))");
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                sql("INSERT INTO t VALUES (1, 1.555)"));
        assertEquals(List.of(new StatementResult.Warning("Note", 1265, "Data truncated for column 'd' at row 1")),
                c.warnings());
        assertEquals(Arrays.asList(1L, new java.math.BigDecimal("1.56")), c.changes().get(0).after());
    }

    @Test
    void autoIncrementHandsOutTheNextValue() {
        committed("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, v CHAR(1))");
        committed("INSERT INTO a (v) VALUES ('x'), ('y')");
        committed("INSERT INTO a VALUES (10, 'z')");
        committed("INSERT INTO a (v) VALUES ('w')");
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("10"), List.of("11")), rows("SELECT id FROM a"));
        assertEquals(List.of(List.of("11")), rows("SELECT LAST_INSERT_ID()"));
    }

    @Test
    void updateAndDeleteTakeAnyWhereAndLimit() {
        committed("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
        committed("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
        StatementResult.Ok ok = assertInstanceOf(StatementResult.Ok.class, committed("UPDATE t SET n = n + 1 WHERE n >= 20"));
        assertEquals(2, ok.affectedRows());
        assertEquals(List.of(List.of("10"), List.of("21"), List.of("31")), rows("SELECT n FROM t"));
        committed("DELETE FROM t ORDER BY id DESC LIMIT 1");
        assertEquals(List.of(List.of("1"), List.of("2")), rows("SELECT id FROM t"));
    }

    @Test
    void aTableWithoutAPrimaryKeyKeepsDuplicateRows() {
        committed("CREATE TABLE t1 (a INT)");
        committed("INSERT INTO t1 VALUES (102), (103), (102)");
        assertEquals(List.of(List.of("3", "2")), rows("SELECT COUNT(*), COUNT(DISTINCT a) FROM t1"));
        committed("DELETE FROM t1 WHERE a = 102");
        assertEquals(List.of(List.of("103")), rows("SELECT * FROM t1"));
    }

    @Test
    void anUpdateMovesRowsOneByOneInItsOrderSoAShiftUpFromTheTopFindsFreeKeys() {
        committed("CREATE TABLE a (id INT PRIMARY KEY)");
        committed("INSERT INTO a VALUES (1), (2)");
        assertEquals("ERROR 1062 (23000): Duplicate entry '2' for key 'a.PRIMARY'",
                MysqldFixture.error(sql("UPDATE a SET id = id + 1")), "1 meets 2 before 2 has moved");
        committed("UPDATE a SET id = id + 1 ORDER BY id DESC"); // measured on MariaDB 10.11.18: 2 rows
        assertEquals(List.of(List.of("2"), List.of("3")), rows("SELECT id FROM a ORDER BY id"));
    }

    @Test
    void anInsertChecksItsColumnsAndEveryRowsCountBeforeWritingARow() {
        committed("CREATE TABLE q (id INT PRIMARY KEY, a INT NOT NULL)");
        committed("INSERT INTO q VALUES (1, 1)");
        assertEquals("ERROR 1110 (42000): Column 'a' specified twice",
                MysqldFixture.error(sql("INSERT INTO q (id, a, a) VALUES (2, 2, 3)")));
        assertEquals("ERROR 1136 (21S01): Column count doesn't match value count at row 2",
                MysqldFixture.error(sql("INSERT INTO q (id, a) VALUES (1, 3), (4)")), "not row 1's 1062");
    }

    @Test
    void anInsertedValueMayNameAColumnTheRowSetBeforeIt() {
        committed("CREATE TABLE k (id INT PRIMARY KEY, n INT)");
        committed("INSERT INTO k SET id = 1, n = id + 1");
        committed("INSERT INTO k (id, n) VALUES (2, id * 10)");
        assertEquals(List.of(List.of("1", "2"), List.of("2", "20")), rows("SELECT id, n FROM k ORDER BY id")); // measured
    }
}
