package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * binlog_format MIXED writes each statement as a statement unless it is unsafe to replay, then in rows
 * (THD::decide_logging_format), statement by statement within one transaction. Measured on MariaDB 10.11.18
 * with SHOW BINLOG EVENTS, statement by statement.
 */
class MixedFormatTest {
    private static final List<EventType> ROWS = List.of(EventType.GTID, EventType.ANNOTATE_ROWS, EventType.TABLE_MAP,
            EventType.WRITE_ROWS, EventType.XID);

    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private List<EventType> written(String statement) {
        return MysqldFixture.binlogged(node, session, statement).stream().map(BinlogEvent::type).toList();
    }

    private void table() {
        sql("CREATE TABLE u (id INT PRIMARY KEY, v VARCHAR(100), n INT)");
    }

    @Test
    void aSystemFunctionAReplicaWouldNotReproduceMakesTheStatementRows() {
        table();
        assertEquals(ROWS, written("INSERT INTO u VALUES (1, USER(), 0)"));
        assertEquals(ROWS, written("INSERT INTO u VALUES (2, VERSION(), 0)"));
        assertEquals(ROWS, written("INSERT INTO u VALUES (3, 'x', ROW_COUNT())"));
    }

    @Test
    void whatTheBinlogCarriesForAReplicaIsSafe() {
        table();
        List<EventType> statement = List.of(EventType.GTID, EventType.QUERY, EventType.XID);
        assertEquals(statement, written("INSERT INTO u VALUES (1, NOW(), CONNECTION_ID())"));
        assertEquals(statement, written("INSERT INTO u VALUES (2, DATABASE(), 0)"));
    }

    @Test
    void anUpdateOrDeleteWithALimitIsRowsEvenInOrder() {
        table();
        sql("INSERT INTO u VALUES (1, 'a', 0), (2, 'b', 0)");
        assertEquals(List.of(EventType.GTID, EventType.ANNOTATE_ROWS, EventType.TABLE_MAP, EventType.UPDATE_ROWS,
                EventType.XID), written("UPDATE u SET n = 1 ORDER BY id LIMIT 1"));
    }

    @Test
    void aTransactionMixesTheTwoStatementByStatement() {
        table();
        sql("INSERT INTO u VALUES (1, 'a', 0)");
        sql("BEGIN");
        sql("INSERT INTO u VALUES (2, 'b', 0)");
        sql("UPDATE u SET n = 1 LIMIT 1");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.ANNOTATE_ROWS, EventType.TABLE_MAP,
                EventType.UPDATE_ROWS, EventType.XID), written("COMMIT"));
    }

    @Test
    void anUpsertOfATableWithTwoUniqueKeysIsRowsAndOfOneAStatement() {
        sql("CREATE TABLE c (id INT PRIMARY KEY, name VARCHAR(20) UNIQUE)");
        assertEquals(ROWS, written("INSERT INTO c VALUES (1, 'a') ON DUPLICATE KEY UPDATE name = 'b'"));
        sql("CREATE TABLE k (id INT PRIMARY KEY, n INT)");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.XID),
                written("INSERT INTO k VALUES (1, 1) ON DUPLICATE KEY UPDATE n = n + 1"));
    }

    @Test
    void statementFormatSaysWhyAStatementIsUnsafeInANoteAndTheErrorLog() {
        table();
        sql("SET SESSION binlog_format = 'STATEMENT'");
        StatementResult r = sql("UPDATE u SET n = 1 LIMIT 1");
        String note = "Unsafe statement written to the binary log using statement format since BINLOG_FORMAT = STATEMENT."
                + " The statement is unsafe because it uses a LIMIT clause. This is unsafe because the set of rows"
                + " included cannot be predicted";
        assertEquals(java.util.List.of(new StatementResult.Warning("Note", 1592, note)), r.warnings());
        assertEquals(true, node.errorLog().lines().stream().anyMatch(l -> l.contains(
                "[Warning] " + note + ". Statement: UPDATE u SET n = 1 LIMIT 1")), node.errorLog().lines().toString());
    }

    @Test
    void statementFormatGivesANoteAndALogLinePerReasonInTheServersOrder() {
        table();
        sql("SET SESSION binlog_format = 'STATEMENT'");
        List<StatementResult.Warning> notes = sql("UPDATE IGNORE u SET v = USER() LIMIT 1").warnings();
        assertEquals(3, notes.size(), notes.toString());
        assertEquals(true, notes.get(0).message().contains("LIMIT clause"), notes.toString());
        assertEquals(true, notes.get(1).message().contains("system function"), notes.toString());
        assertEquals(true, notes.get(2).message().contains("UPDATE IGNORE is unsafe"), notes.toString());
        assertEquals(3, node.errorLog().lines().stream().filter(l -> l.contains("Statement: UPDATE IGNORE")).count());
    }

    @Test
    void anUpsertCallingASystemFunctionIsUnsafeForTheFunctionOnly() {
        sql("CREATE TABLE c (id INT PRIMARY KEY, name VARCHAR(100) UNIQUE)");
        sql("SET SESSION binlog_format = 'STATEMENT'");
        assertEquals(1, sql("INSERT INTO c VALUES (1, 'a') ON DUPLICATE KEY UPDATE name = 'b'").warnings().size());
        List<StatementResult.Warning> notes =
                sql("INSERT INTO c VALUES (2, USER()) ON DUPLICATE KEY UPDATE name = 'c'").warnings();
        assertEquals(1, notes.size());
        assertEquals(true, notes.get(0).message().contains("system function"), notes.toString());
    }

    @Test
    void randIsAStatementInAnInsertsValuesAndRowsElsewhere() {
        table();
        assertEquals(List.of(EventType.GTID, EventType.RAND, EventType.QUERY, EventType.XID),
                written("INSERT INTO u VALUES (1, RAND(), 0)"));
        assertEquals(List.of(EventType.GTID, EventType.ANNOTATE_ROWS, EventType.TABLE_MAP, EventType.UPDATE_ROWS,
                EventType.XID), written("UPDATE u SET v = RAND() WHERE id = 1"));
        assertEquals(ROWS, written("REPLACE INTO u VALUES (2, RAND(), 0)"));
    }

    @Test
    void insertSelectIsAStatementUnlessTheSelectsOrderDecidesWhatIsWritten() {
        table();
        sql("INSERT INTO u VALUES (1, 'a', 0), (2, 'b', 0)");
        sql("CREATE TABLE d (id INT PRIMARY KEY, v VARCHAR(100))");
        sql("CREATE TABLE s (n INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(100))");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.XID), written("INSERT INTO d SELECT id, v FROM u"));
        assertEquals(ROWS, written("INSERT INTO s (v) SELECT v FROM u"), "ids in the SELECT's order");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.QUERY_COMMIT),
                written("INSERT INTO d SELECT id, v FROM u WHERE id > 9"), "no row: the engine was never asked");
    }

    @Test
    void anUpdateThatLeavesItsRowAsItWasEndsWithAnXidUnlessTheTableHasAnOnUpdateColumn() {
        sql("CREATE TABLE p (id INT PRIMARY KEY, a INT)");
        sql("INSERT INTO p VALUES (4, 5)");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.XID), written("UPDATE p SET a = 5 WHERE id = 4"));
        sql("CREATE TABLE o (id INT PRIMARY KEY, a INT, ts TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP)");
        sql("INSERT INTO o (id, a) VALUES (4, 5)");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.QUERY_COMMIT),
                written("UPDATE o SET a = 5 WHERE id = 4"), "measured on MariaDB 10.11.18");
    }

    @Test
    void statementFormatWritesAnUnsafeStatementAsItIs() {
        table();
        sql("SET SESSION binlog_format = 'STATEMENT'");
        assertEquals(List.of(EventType.GTID, EventType.QUERY, EventType.XID), written("INSERT INTO u VALUES (1, USER(), 0)"));
    }
}
