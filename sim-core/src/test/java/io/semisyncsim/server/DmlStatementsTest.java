package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transactions on the table model, before group commit: what a statement commits, or collects. */
class DmlStatementsTest {
    private final Mysqld source = node("mysql-8.0");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return source.execute(Account.ROOT, statement, session);
    }

    @Test
    void anAutocommitInsertCommitsItsRows() {
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                sql("INSERT INTO test.t1 VALUES (1, 'a'), (2, 'b')"));
        assertEquals(2, c.affectedRows());
        assertEquals(List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", 1, "a"),
                new Transaction.RowChange(EventType.WRITE_ROWS, "t1", 2, "b")), c.changes());
    }

    @Test
    void insideATransactionChangesWaitForCommit() {
        sql("BEGIN");
        assertEquals(new StatementResult.Ok(1, List.of()), sql("INSERT INTO t1 VALUES (1)"));
        assertEquals(new StatementResult.Ok(1, List.of()), sql("UPDATE t1 SET v = 'x' WHERE id = 1"));
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
    void anUpdateOfNoRowChangesNothingAndWritesNoBinlog() {
        assertEquals(new StatementResult.Ok(0, List.of()), sql("UPDATE t1 SET v = 'x' WHERE id = 42"));
    }

    @Test
    void countSeesCommittedRowsOnly() {
        source.store().apply(new Transaction(1, null, 0, List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", 1, "a"))));
        sql("BEGIN");
        sql("INSERT INTO t1 VALUES (2)");
        StatementResult.Rows rows = assertInstanceOf(StatementResult.Rows.class, sql("SELECT COUNT(*) FROM t1"));
        assertEquals(List.of(List.of("1")), rows.resultSet().rows());
    }
}
