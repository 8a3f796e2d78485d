package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.table.RowConflict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UNIQUE keys other than the primary key: how they are named and listed, what they refuse on the source
 * (1062 naming the key), and what they stop on a replica. Texts measured on MariaDB 10.11.18; MySQL 8.0's
 * from handler.cc print_keydup_error (the key qualified by its table).
 */
class UniqueKeyTest {
    private static final String PEOPLE = "CREATE TABLE p (id INT PRIMARY KEY, email VARCHAR(50) UNIQUE, a INT, b INT, "
            + "KEY k (a), CONSTRAINT pair UNIQUE (a, b), UNIQUE KEY (b))";

    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    @Test
    void keysWithoutANameTakeTheirFirstColumnsAndShowCreateTableListsUniqueOnesBeforeTheOthers() {
        sql(PEOPLE);
        assertEquals("""
                CREATE TABLE `p` (
                  `id` int(11) NOT NULL,
                  `email` varchar(50) DEFAULT NULL,
                  `a` int(11) DEFAULT NULL,
                  `b` int(11) DEFAULT NULL,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `email` (`email`),
                  UNIQUE KEY `pair` (`a`,`b`),
                  UNIQUE KEY `b` (`b`),
                  KEY `k` (`a`)
                ) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci""",
                rows(sql("SHOW CREATE TABLE p")).get(0).get(1));
    }

    @Test
    void aUniqueKeyOnNotNullColumnsComesBeforeOnesThatHoldNulls() {
        sql("CREATE TABLE q (a INT, b INT NOT NULL, UNIQUE KEY (a), UNIQUE KEY (b))");
        String text = rows(sql("SHOW CREATE TABLE q")).get(0).get(1);
        assertEquals(List.of("  UNIQUE KEY `b` (`b`),", "  UNIQUE KEY `a` (`a`)"),
                text.lines().filter(l -> l.contains("KEY")).toList());
    }

    @Test
    void aKeyDefinedTwiceIsAllowedWithANote() {
        StatementResult r = sql("CREATE TABLE q (c INT, UNIQUE (c), UNIQUE INDEX (c))");
        assertEquals(List.of(new StatementResult.Warning("Note", 1831,
                "Duplicate index `c_2`. This is deprecated and will be disallowed in a future release")), r.warnings());
    }

    @Test
    void aSecondRowWithTheSameValuesIsRefusedNamingTheKeyAsItsCollationCompares() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'ann@x', 1, 1)");
        assertEquals("ERROR 1062 (23000): Duplicate entry 'ANN@X' for key 'email'",
                error(sql("INSERT INTO p VALUES (2, 'ANN@X', 2, 2)")));
        assertEquals("ERROR 1062 (23000): Duplicate entry '1-1' for key 'pair'",
                error(sql("INSERT INTO p VALUES (2, 'bo@x', 1, 1)")));
        assertEquals("ERROR 1062 (23000): Duplicate entry '1' for key 'PRIMARY'",
                error(sql("INSERT INTO p VALUES (1, 'ann@x', 1, 1)")), "the primary key is checked first");
    }

    @Test
    void mysql80NamesTheKeyWithItsTable() {
        Mysqld mysql = node("mysql-8.0");
        Session s = new Session();
        MysqldFixture.committed(mysql, s, "root", PEOPLE);
        MysqldFixture.committed(mysql, s, "root", "INSERT INTO p VALUES (1, 'ann@x', 1, 1)");
        assertEquals("ERROR 1062 (23000): Duplicate entry 'ann@x' for key 'p.email'",
                error(MysqldFixture.committed(mysql, s, "root", "INSERT INTO p VALUES (2, 'ann@x', 2, 2)")));
    }

    @Test
    void nullsNeverClash() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, NULL, 1, NULL), (2, NULL, 1, NULL)");
        assertEquals(List.of(List.of("2")), rows(sql("SELECT COUNT(*) FROM p")));
    }

    @Test
    void insertIgnoreSkipsTheRowWithAWarning() {
        sql(PEOPLE);
        StatementResult r = sql("INSERT IGNORE INTO p VALUES (1, 'a@x', 1, 1), (2, 'a@x', 2, 2)");
        assertEquals(1, assertInstanceOf(StatementResult.Ok.class, r).affectedRows());
        assertEquals("Duplicate entry 'a@x' for key 'email'", r.warnings().get(0).message());
    }

    @Test
    void insertIgnoreTurnsStrictModesErrorsIntoWarningsAndAdjustsTheValues() {
        sql("CREATE TABLE g (id INT PRIMARY KEY, n INT NOT NULL, t TINYINT, s VARCHAR(3), m INT NOT NULL)");
        StatementResult r = sql("INSERT IGNORE INTO g (id, n, t, s, m) VALUES (1, NULL, 1000, 'abcdef', 5)");
        assertEquals(List.of(1048, 1264, 1265), r.warnings().stream().map(StatementResult.Warning::code).toList());
        assertEquals(List.of(1364), sql("INSERT IGNORE INTO g (id, n) VALUES (2, 7)").warnings().stream()
                .map(StatementResult.Warning::code).toList());
        assertEquals(List.of(1366), sql("INSERT IGNORE INTO g (id, n, t, m) VALUES (3, 1, 'x', 1)").warnings().stream()
                .map(StatementResult.Warning::code).toList());
        assertEquals(List.of(java.util.Arrays.asList("1", "0", "127", "abc", "5"),
                java.util.Arrays.asList("2", "7", null, null, "0"), java.util.Arrays.asList("3", "1", "0", null, "1")),
                rows(sql("SELECT * FROM g ORDER BY id")));
    }

    @Test
    void updateIgnoreLeavesARowWhoseKeyIsTakenAsItWasSilentlyOnMariadb() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'a', 1, 1), (2, 'b', 2, 2)");
        StatementResult r = sql("UPDATE IGNORE p SET email = 'a' WHERE id = 2");
        assertEquals(0, assertInstanceOf(StatementResult.Ok.class, r).affectedRows());
        assertEquals(List.of(), r.warnings());
        Mysqld mysql = node("mysql-8.0");
        Session s = new Session();
        MysqldFixture.committed(mysql, s, "root", PEOPLE);
        MysqldFixture.committed(mysql, s, "root", "INSERT INTO p VALUES (1, 'a', 1, 1), (2, 'b', 2, 2)");
        assertEquals(List.of(1062), MysqldFixture.committed(mysql, s, "root", "UPDATE IGNORE p SET email = 'a' WHERE id = 2")
                .warnings().stream().map(StatementResult.Warning::code).toList(), "MySQL warns (code-read)");
    }

    @Test
    void anUpdateIsCheckedRowByRowAgainstTheRowsChangedBeforeIt() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'a', 1, 1), (2, 'b', 2, 2)");
        assertEquals("ERROR 1062 (23000): Duplicate entry '2' for key 'b'", error(sql("UPDATE p SET b = b + 1")));
        assertInstanceOf(StatementResult.Ok.class, sql("UPDATE p SET b = b + 1 ORDER BY id DESC"));
        assertEquals(List.of(List.of("1", "2"), List.of("2", "3")), rows(sql("SELECT id, b FROM p ORDER BY id")));
    }

    @Test
    void alterTableAddsAUniqueKeyOnlyWhereNoRowsShareItsValues() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'a', 7, 1), (2, 'b', 7, 2)");
        assertEquals("ERROR 1062 (23000): Duplicate entry '7' for key 'ua'",
                error(sql("ALTER TABLE p ADD UNIQUE KEY ua (a)")));
        assertInstanceOf(StatementResult.Ok.class, sql("ALTER TABLE p DROP INDEX pair, ADD UNIQUE (email)"));
        assertEquals("ERROR 1091 (42000): Can't DROP INDEX `pair`; check that it exists",
                error(sql("ALTER TABLE p DROP INDEX pair")));
        assertEquals(List.of("  UNIQUE KEY `email` (`email`),", "  UNIQUE KEY `b` (`b`),",
                        "  UNIQUE KEY `email_2` (`email`),", "  KEY `k` (`a`)"),
                rows(sql("SHOW CREATE TABLE p")).get(0).get(1).lines().filter(l -> l.contains("KEY `")).toList());
    }

    @Test
    void createIndexAndDropIndexAreAlterTableWithTheIndexPrivilege() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'a', 7, 1), (2, 'b', 7, 2)");
        assertEquals("ERROR 1062 (23000): Duplicate entry '7' for key 'ua'", error(sql("CREATE UNIQUE INDEX ua ON p (a)")));
        assertInstanceOf(StatementResult.Ok.class, sql("CREATE INDEX ia USING BTREE ON p (a)"));
        assertInstanceOf(StatementResult.Ok.class, sql("DROP INDEX k ON p"));
        assertEquals("ERROR 1091 (42000): Can't DROP INDEX `k`; check that it exists", error(sql("DROP INDEX k ON p")));
        sql("CREATE USER app");
        sql("GRANT ALTER ON test.* TO app");
        assertEquals("ERROR 1142 (42000): INDEX command denied to user 'app'@'localhost' for table `test`.`p`",
                error(MysqldFixture.committed(node, new Session(), "app", "CREATE INDEX ib ON p (b)")));
    }

    @Test
    void keyDefinitionsTheServerRefusesAreRefused() {
        assertEquals("ERROR 1060 (42S21): Duplicate column name 'a'", error(sql("CREATE TABLE q (a INT, UNIQUE KEY (a, a))")));
        sql("CREATE TABLE q (a INT)");
        assertEquals("ERROR 1280 (42000): Incorrect index name 'PRIMARY'", error(sql("ALTER TABLE q ADD UNIQUE KEY `PRIMARY` (a)")));
        assertEquals(9000, ((StatementResult.Failed) sql("ALTER TABLE q ADD UNIQUE KEY k (a(3))")).error().code(),
                "a prefix key holds the first characters only: not modelled, so refused");
        assertEquals(9000, ((StatementResult.Failed) sql("DROP INDEX `PRIMARY` ON q")).error().code());
    }

    @Test
    void aUniqueKeyOnTextIsMariadbsHashAndMysqlsError1170() {
        sql("CREATE TABLE h (id INT PRIMARY KEY, a TEXT, UNIQUE KEY (a))");
        assertEquals(List.of("  UNIQUE KEY `a` (`a`) USING HASH"),
                rows(sql("SHOW CREATE TABLE h")).get(0).get(1).lines().filter(l -> l.contains("UNIQUE")).toList());
        assertEquals("ERROR 1062 (23000): Duplicate entry 'ABC' for key 'a'",
                error(sql("INSERT INTO h VALUES (1, 'abc'), (2, 'ABC')")));
        Mysqld mysql = node("mysql-8.0");
        assertEquals("ERROR 1170 (42000): BLOB/TEXT column 'a' used in key specification without a key length",
                error(MysqldFixture.committed(mysql, new Session(), "root",
                        "CREATE TABLE h (id INT PRIMARY KEY, a TEXT, UNIQUE KEY (a))")));
    }

    @Test
    void aColumnDroppedLeavesItsKeysAndAKeyOfItAloneGoes() {
        sql(PEOPLE);
        sql("ALTER TABLE p DROP COLUMN a");
        assertEquals(List.of("  UNIQUE KEY `email` (`email`),", "  UNIQUE KEY `pair` (`b`),", "  UNIQUE KEY `b` (`b`)"),
                rows(sql("SHOW CREATE TABLE p")).get(0).get(1).lines().filter(l -> l.contains("KEY `")).toList());
    }

    // --- a replica

    private final TableStore replica = node.store();

    private static Transaction trx(RowChange... changes) {
        return new Transaction(1, null, 0, List.of(changes));
    }

    private static RowChange write(Object... row) {
        return RowChange.images(EventType.WRITE_ROWS, "test", "p", null, row);
    }

    @Test
    void aReplicaRowHoldingTheValuesStopsTheSourcesRowByTheUniqueKey() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (100, 'z@x', 100, 100)");
        assertEquals(new TableStore.Conflict(0, RowConflict.duplicate("z@x", "email")),
                replica.conflict(trx(write(101L, "z@x", 101L, 101L))));
    }

    @Test
    void anUpdateOfTheRowThatHoldsTheValuesIsNoClashEvenWhereTheReplicasOtherColumnsDiffer() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'q@x', 1, 1)"); // the replica's row; the source's had b = 200
        assertNull(replica.conflict(trx(RowChange.images(EventType.UPDATE_ROWS, "test", "p",
                new Object[] {1L, "q@x", 1L, 200L}, new Object[] {1L, "q@x", 1L, 300L}))));
    }

    @Test
    void aTransactionMayFreeAValueAndTakeItAgain() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (1, 'a@x', 1, 1)");
        assertNull(replica.conflict(trx(RowChange.images(EventType.DELETE_ROWS, "test", "p",
                new Object[] {1L, "a@x", 1L, 1L}, null), write(2L, "a@x", 2L, 2L))));
    }

    @Test
    void idempotentWritingDeletesEveryRowInTheWay() {
        sql(PEOPLE);
        sql("INSERT INTO p VALUES (100, 'z@x', 100, 100), (200, 'y@x', 5, 5)");
        replica.apply(trx(write(101L, "z@x", 5L, 5L))); // as IDEMPOTENT applies it: write_row deletes and retries
        assertEquals(List.of(List.of("101", "z@x")), rows(sql("SELECT id, email FROM p ORDER BY id")));
    }
}
