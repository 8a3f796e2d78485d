package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AUTO_INCREMENT as InnoDB hands it out for simple inserts, and how statement format tells a replica the
 * values (each measured on MariaDB 10.11.18: ids after each statement, SHOW BINLOG EVENTS).
 */
class AutoIncrementTest {
    /** MariaDB's default binlog_format MIXED writes these INSERTs as statements. */
    private static final Transaction.Logging MIXED = new Transaction.Logging(true, true, 0);

    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private List<String> ids() {
        return rows(sql("SELECT id FROM a ORDER BY id")).stream().map(r -> r.get(0)).toList();
    }

    private void table() {
        sql("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, e VARCHAR(10) UNIQUE)");
    }

    @Test
    void aRowAColumnRefusesTakesNoValueButADuplicateTakesOne() {
        sql("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, e VARCHAR(3) UNIQUE, n INT NOT NULL)");
        sql("INSERT INTO a (e, n) VALUES ('x', 1)");
        sql("INSERT INTO a (e, n) VALUES ('y', NULL)"); // 1048 before the engine asks for an id
        sql("INSERT INTO a (e, n) VALUES ('toolong', 1)"); // 1406 likewise
        sql("INSERT INTO a (e, n) VALUES ('x', 1)"); // 1062: the engine took 2 first
        sql("INSERT INTO a (e, n) VALUES ('z', 1)");
        assertEquals(List.of("1", "3"), ids());
    }

    @Test
    void anInsertIgnoreThatWroteNoRowStillTellsTheReplicaTheIdItTook() {
        table();
        sql("INSERT INTO a (e) VALUES ('x')");
        StatementResult r = node.execute(Account.ROOT, "INSERT IGNORE INTO a (e) VALUES ('x')", session);
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class, r);
        assertEquals(2, c.changes().get(0).insertId()); // an Intvar INSERT_ID=2 before the statement
    }

    @Test
    void aStatementThatFailsLosesEveryValueItReserved() {
        table();
        sql("INSERT INTO a (e) VALUES ('x')");
        sql("INSERT INTO a (e) VALUES ('x'), ('n1'), ('n2')"); // 1062 at its first row: 2, 3 and 4 are gone
        sql("INSERT INTO a (e) VALUES ('p')");
        assertEquals(List.of("1", "5"), ids());
    }

    @Test
    void aRolledBackInsertLosesItsValueToo() {
        table();
        sql("BEGIN");
        sql("INSERT INTO a (e) VALUES ('y')");
        sql("ROLLBACK");
        sql("INSERT INTO a (e) VALUES ('z')");
        assertEquals(List.of("2"), ids());
    }

    @Test
    void aRowInsertIgnoreSkipsGivesItsValueToTheNextRow() {
        table();
        sql("INSERT INTO a (e) VALUES ('x')");
        sql("INSERT IGNORE INTO a (e) VALUES ('q'), ('x'), ('r')"); // reserves 2, 3, 4; r takes x's 3
        sql("INSERT INTO a (e) VALUES ('s')");
        assertEquals(List.of("1", "2", "3", "5"), ids());
    }

    @Test
    void anExplicitValueMovesTheCounterAndTheStatementsNextValuePastIt() {
        table();
        sql("INSERT INTO a (id, e) VALUES (NULL, 't'), (50, 'u'), (NULL, 'v')");
        sql("INSERT INTO a (e) VALUES ('w')");
        assertEquals(List.of("1", "50", "51", "52"), ids());
    }

    @Test
    void aValuesListReservesItsRowCountEvenFromItsSecondRowAndASelectOneThenTwo() {
        table();
        sql("INSERT INTO a (id, e) VALUES (10, 'a'), (NULL, 'b')"); // 11 and 12 reserved at the second row
        sql("INSERT INTO a (e) VALUES ('c')");
        sql("INSERT INTO a (e) SELECT CONCAT(e, 'x') FROM a WHERE id < 12"); // 14, then 15 and 16
        sql("INSERT INTO a (e) VALUES ('d')");
        assertEquals(List.of("10", "11", "13", "14", "15", "17"), ids()); // measured on MariaDB 10.11.18
    }

    @Test
    void theTablesAutoIncrementOptionStartsTheCounterAndAlterSetsItOrPastTheLargestValue() {
        sql("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, e VARCHAR(10)) AUTO_INCREMENT=100");
        sql("INSERT INTO a (e) VALUES ('x')");
        sql("ALTER TABLE a AUTO_INCREMENT = 1000");
        sql("INSERT INTO a (e) VALUES ('y')");
        sql("DELETE FROM a WHERE id = 1000");
        sql("ALTER TABLE a AUTO_INCREMENT = 1"); // InnoDB lowers it, but only to past the largest value
        sql("INSERT INTO a (e) VALUES ('z')");
        assertEquals(List.of("100", "101"), ids()); // measured on MariaDB 10.11.18
    }

    @Test
    void aStatementThatFailsAfterWritingARowLeavesLastInsertIdAtThatRowsId() {
        sql("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL)");
        sql("INSERT INTO a (n) VALUES (1)");
        sql("INSERT INTO a (n) VALUES (3), (NULL)"); // 1048 at its second row, the first was given 2
        assertEquals(List.of(List.of("2")), rows(sql("SELECT LAST_INSERT_ID()"))); // measured on MariaDB 10.11.18
    }

    @Test
    void alterTableKeepsTheCounter() {
        table();
        sql("INSERT INTO a (e) VALUES ('x'), ('x')"); // fails, 1 and 2 gone
        sql("ALTER TABLE a ADD COLUMN n INT");
        sql("INSERT INTO a (e) VALUES ('y')");
        assertEquals(List.of("3"), ids());
    }

    @Test
    void lastInsertIdOfAValueRemembersItUnlessTheStatementGeneratesAnId() {
        table();
        assertEquals(List.of(List.of("42", "42")), rows(sql("SELECT LAST_INSERT_ID(42), LAST_INSERT_ID()")));
        sql("INSERT INTO a (e) VALUES ('x')");
        sql("INSERT INTO a (id, e) VALUES (1, 'y') ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), e = 'z'");
        assertEquals(List.of(List.of("1")), rows(sql("SELECT LAST_INSERT_ID()")), "the idiom: the updated row's id");
        sql("INSERT INTO a (e) VALUES (CONCAT('w', LAST_INSERT_ID(7)))");
        assertEquals(List.of(List.of("2")), rows(sql("SELECT LAST_INSERT_ID()")), "an id generated wins (measured)");
    }

    @Test
    void statementFormatWritesInsertIdBeforeTheStatementThatGeneratedValues() {
        table();
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, "INSERT INTO a (e) VALUES ('x'), ('y')", session));
        List<BinlogEvent> events = node.binlog().write(c.transaction(1, 0, 0, MIXED));
        assertEquals(List.of(EventType.GTID, EventType.INTVAR, EventType.QUERY, EventType.XID),
                events.stream().map(BinlogEvent::type).toList());
        assertEquals(32, events.get(1).size());
        assertEquals(1, c.changes().get(0).insertId());
    }

    @Test
    void anExplicitIdNeedsNoInsertId() {
        table();
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, "INSERT INTO a VALUES (7, 'x')", session));
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.XID),
                node.binlog().write(c.transaction(1, 0, 0, MIXED)).stream().map(BinlogEvent::type).toList());
    }
}
