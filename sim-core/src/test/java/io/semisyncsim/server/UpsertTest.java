package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REPLACE and INSERT ... ON DUPLICATE KEY UPDATE as sql_insert.cc write_record runs them, row by row: the
 * changes each writes (what row format logs) and the rows it reports affected. Measured on MariaDB
 * 10.11.18 (ROW_COUNT(), SHOW BINLOG EVENTS).
 */
class UpsertTest {
    private final Mysqld node = node("mysql-8.0"); // row format: every statement here logs its rows
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private List<EventType> kinds(String statement) {
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, statement, session));
        List<EventType> out = c.changes().stream().map(RowChange::kind).toList();
        node.store().apply(c.transaction(node.store().appliedTransactions() + 1, node.now()));
        return out;
    }

    private String rowCount() {
        return rows(sql("SELECT ROW_COUNT()")).get(0).get(0);
    }

    private void table() {
        sql("CREATE TABLE c (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE, n INT NOT NULL DEFAULT 0)");
    }

    @Test
    void replaceOnTheLastUniqueKeyUpdatesTheRowInTheWay() {
        table();
        sql("INSERT INTO c VALUES (4, 'b', 5)");
        assertEquals(List.of(EventType.UPDATE_ROWS), kinds("REPLACE INTO c VALUES (1, 'b', 9)"));
        assertEquals("2", rowCount());
        assertEquals(List.of(List.of("1", "b", "9")), rows(sql("SELECT * FROM c")));
    }

    @Test
    void replaceOnAnEarlierKeyDeletesTheRowInTheWayAndTriesAgain() {
        table();
        sql("INSERT INTO c VALUES (1, 'a', 1), (2, 'b', 2)");
        // id 1 is in the way (PRIMARY, not the last unique key): deleted; then 'b' (the last): updated into the new row
        assertEquals(List.of(EventType.DELETE_ROWS, EventType.UPDATE_ROWS), kinds("REPLACE INTO c VALUES (1, 'b', 9)"));
        assertEquals("3", rowCount());
        assertEquals(List.of(List.of("1", "b", "9")), rows(sql("SELECT * FROM c")));
    }

    @Test
    void replaceWithNothingInTheWayInserts() {
        table();
        assertEquals(List.of(EventType.WRITE_ROWS), kinds("REPLACE INTO c (name) VALUES ('a')"));
        assertEquals("1", rowCount());
    }

    @Test
    void onDuplicateKeyUpdateCountsTwoForAnUpdateAndNoneForNoChange() {
        table();
        sql("INSERT INTO c (name, n) VALUES ('a', 1) ON DUPLICATE KEY UPDATE n = n + 1");
        assertEquals("1", rowCount());
        sql("INSERT INTO c (name, n) VALUES ('a', 1) ON DUPLICATE KEY UPDATE n = n + 1");
        assertEquals("2", rowCount());
        sql("INSERT INTO c (name, n) VALUES ('a', 1) ON DUPLICATE KEY UPDATE n = n");
        assertEquals("0", rowCount());
        assertEquals(List.of(List.of("1", "a", "2")), rows(sql("SELECT * FROM c")));
    }

    @Test
    void valuesReadsTheRowThatWouldHaveBeenWritten() {
        table();
        sql("INSERT INTO c (name, n) VALUES ('a', 1)");
        assertEquals(List.of(EventType.WRITE_ROWS, EventType.UPDATE_ROWS),
                kinds("INSERT INTO c (name, n) VALUES ('b', 5), ('a', 7) ON DUPLICATE KEY UPDATE n = VALUES(n)"));
        assertEquals("3", rowCount());
        assertEquals(List.of(List.of("a", "7"), List.of("b", "5")), rows(sql("SELECT name, n FROM c ORDER BY name")));
    }

    @Test
    void mysql80DeprecatesTheValuesFunctionWithAWarningEach() {
        table();
        StatementResult r = sql("INSERT INTO c (name, n) VALUES ('a', 1) ON DUPLICATE KEY UPDATE n = VALUES(n) + VALUES(n)");
        assertEquals(List.of(1287, 1287), r.warnings().stream().map(StatementResult.Warning::code).toList());
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        MysqldFixture.committed(maria, s, "root", "CREATE TABLE k (id INT PRIMARY KEY, n INT)");
        assertEquals(List.of(), MysqldFixture.committed(maria, s, "root",
                "INSERT INTO k VALUES (1, 1) ON DUPLICATE KEY UPDATE n = VALUES(n)").warnings());
    }

    @Test
    void anUpdateThatReturnsItsValueLeavesLastInsertIdAndTheValueGoesToNoOne() {
        table();
        sql("INSERT INTO c (name) VALUES ('a')");
        sql("INSERT INTO c (name) VALUES ('a') ON DUPLICATE KEY UPDATE n = n + 1"); // reserved 2, updated id 1
        assertEquals(List.of(List.of("1")), rows(sql("SELECT LAST_INSERT_ID()")));
        sql("INSERT INTO c (name) VALUES ('z')");
        assertEquals(List.of(List.of("3")), rows(sql("SELECT LAST_INSERT_ID()")), "2 was reserved and is gone");
    }

    @Test
    void anUpdatedRowThatClashesWithAnotherIs1062() {
        table();
        sql("INSERT INTO c VALUES (1, 'a', 1), (2, 'b', 2)");
        assertEquals("ERROR 1062 (23000): Duplicate entry 'b' for key 'c.name'",
                error(sql("INSERT INTO c VALUES (1, 'x', 0) ON DUPLICATE KEY UPDATE name = 'b'")));
    }
}
