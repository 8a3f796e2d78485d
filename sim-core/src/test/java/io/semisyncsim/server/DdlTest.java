package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.table.Ddl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DDL: what each statement checks, what it writes to the binlog, and how each server shows the result. */
class DdlTest {
    private static final String TABLE = "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), n INT NOT NULL DEFAULT 5, "
            + "d DECIMAL(10,2) DEFAULT 1.5, ts TIMESTAMP NULL, dt DATETIME DEFAULT CURRENT_TIMESTAMP, tx TEXT, "
            + "u INT UNSIGNED, b BIGINT UNSIGNED NOT NULL DEFAULT 0, KEY (v)) ENGINE=InnoDB";

    private final Mysqld node = node("mysql-8.0");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private static String showCreate(String flavor) {
        Mysqld n = node(flavor);
        Session s = new Session();
        MysqldFixture.committed(n, s, "root", TABLE);
        return rows(MysqldFixture.committed(n, s, "root", "SHOW CREATE TABLE t")).get(0).get(1);
    }

    @Test
    void aDdlIsOneQueryEventInTheSessionsDatabase() {
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, "CREATE TABLE t2 (id INT PRIMARY KEY) ENGINE=InnoDB;", session));
        assertEquals(new Transaction.Query("test", "CREATE TABLE t2 (id INT PRIMARY KEY) ENGINE=InnoDB",
                ((Transaction.Query) c.query()).effect()), c.query());
        assertInstanceOf(Ddl.CreateTable.class, c.query().effect());
        List<BinlogEvent> events = node.binlog().write(c.transaction(1, 0));
        assertEquals(List.of(EventType.GTID, EventType.QUERY), events.stream().map(BinlogEvent::type).toList());
        // 8.0: query-event-base 78 + "test" + the statement's 50 bytes.
        assertEquals(78 + 4 + 50, events.get(1).size());
        assertTrue(events.get(1).endsTransaction());
    }

    @Test
    void aDdlInsideATransactionCommitsItFirstAndThenRuns() {
        sql("BEGIN");
        sql("INSERT INTO t1 VALUES (1, 'a')");
        StatementResult.CommitNeeded implicit = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, "CREATE TABLE t2 (a INT)", session));
        assertTrue(implicit.thenRerun());
        assertEquals(1, implicit.changes().size());
        assertNull(implicit.query());
        node.store().apply(implicit.transaction(1, 0));
        StatementResult.CommitNeeded ddl = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, "CREATE TABLE t2 (a INT)", session));
        assertInstanceOf(Ddl.CreateTable.class, ddl.query().effect());
    }

    @Test
    void showCreateTableAsMysql80WritesIt() {
        assertEquals("""
                CREATE TABLE `t` (
                  `id` int NOT NULL,
                  `v` varchar(20) DEFAULT NULL,
                  `n` int NOT NULL DEFAULT '5',
                  `d` decimal(10,2) DEFAULT '1.50',
                  `ts` timestamp NULL DEFAULT NULL,
                  `dt` datetime DEFAULT CURRENT_TIMESTAMP,
                  `tx` text,
                  `u` int unsigned DEFAULT NULL,
                  `b` bigint unsigned NOT NULL DEFAULT '0',
                  PRIMARY KEY (`id`),
                  KEY `v` (`v`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci""", showCreate("mysql-8.0"));
    }

    @Test
    void showCreateTableAsMysql57WritesIt() {
        assertEquals("""
                CREATE TABLE `t` (
                  `id` int(11) NOT NULL,
                  `v` varchar(20) DEFAULT NULL,
                  `n` int(11) NOT NULL DEFAULT '5',
                  `d` decimal(10,2) DEFAULT '1.50',
                  `ts` timestamp NULL DEFAULT NULL,
                  `dt` datetime DEFAULT CURRENT_TIMESTAMP,
                  `tx` text,
                  `u` int(10) unsigned DEFAULT NULL,
                  `b` bigint(20) unsigned NOT NULL DEFAULT '0',
                  PRIMARY KEY (`id`),
                  KEY `v` (`v`)
                ) ENGINE=InnoDB DEFAULT CHARSET=latin1""", showCreate("mysql-5.7"));
    }

    @Test
    void showCreateTableAsMariadbWritesIt() {
        // Measured on MariaDB 10.11.18 with --no-defaults (research/texts, and a scratch server).
        assertEquals("""
                CREATE TABLE `t` (
                  `id` int(11) NOT NULL,
                  `v` varchar(20) DEFAULT NULL,
                  `n` int(11) NOT NULL DEFAULT 5,
                  `d` decimal(10,2) DEFAULT 1.50,
                  `ts` timestamp NULL DEFAULT NULL,
                  `dt` datetime DEFAULT current_timestamp(),
                  `tx` text DEFAULT NULL,
                  `u` int(10) unsigned DEFAULT NULL,
                  `b` bigint(20) unsigned NOT NULL DEFAULT 0,
                  PRIMARY KEY (`id`),
                  KEY `v` (`v`)
                ) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci""", showCreate("mariadb-10.11"));
    }

    @Test
    void mysql57GivesTheFirstTimestampItsImplicitDefault() {
        Mysqld old = node("mysql-5.7");
        Session s = new Session();
        MysqldFixture.committed(old, s, "root", "CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP)");
        assertTrue(rows(MysqldFixture.committed(old, s, "root", "SHOW CREATE TABLE t")).get(0).get(1)
                .contains("`ts` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"));
        assertEquals("ERROR 1067 (42000): Invalid default value for 'b'",
                error(MysqldFixture.committed(old, s, "root", "CREATE TABLE u (a TIMESTAMP, b TIMESTAMP)")));
    }

    @Test
    void tablesDatabasesAndTheirErrors() {
        sql("CREATE TABLE t (id INT PRIMARY KEY)");
        assertEquals("ERROR 1050 (42S01): Table 't' already exists", error(sql("CREATE TABLE t (a INT)")));
        assertEquals(1050, sql("CREATE TABLE IF NOT EXISTS t (a INT)").warnings().get(0).code());
        assertEquals("ERROR 1049 (42000): Unknown database 'nosuch'", error(sql("CREATE TABLE nosuch.t (a INT)")));
        assertEquals("ERROR 1146 (42S02): Table 'nosuch.t' doesn't exist", error(sql("SELECT * FROM nosuch.t")));
        assertEquals("ERROR 1051 (42S02): Unknown table 'test.t9'", error(sql("DROP TABLE t9")));
        assertEquals("ERROR 1007 (HY000): Can't create database 'test'; database exists", error(sql("CREATE DATABASE test")));
        assertEquals("ERROR 1008 (HY000): Can't drop database 'x'; database doesn't exist", error(sql("DROP DATABASE x")));
        assertEquals("ERROR 1060 (42S21): Duplicate column name 'A'", error(sql("CREATE TABLE u (a INT, A INT)")));
        assertEquals("ERROR 1068 (42000): Multiple primary key defined",
                error(sql("CREATE TABLE u (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))")));
        assertEquals("ERROR 1067 (42000): Invalid default value for 'a'", error(sql("CREATE TABLE u (a INT DEFAULT 'x')")));
        assertEquals("ERROR 1286 (42000): Unknown storage engine 'Nope'", error(sql("CREATE TABLE u (a INT) ENGINE=Nope")));
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the column type JSON yet",
                error(sql("CREATE TABLE u (a JSON)")));
    }

    @Test
    void noDatabaseSelectedOnceTheCurrentOneIsDropped() {
        sql("CREATE DATABASE shop");
        sql("USE shop");
        sql("DROP DATABASE shop");
        assertEquals(java.util.Arrays.asList((String) null), rows(sql("SELECT DATABASE()")).get(0));
        assertEquals("ERROR 1046 (3D000): No database selected", error(sql("CREATE TABLE t (a INT)")));
        assertEquals("ERROR 1049 (42000): Unknown database 'shop'", error(sql("USE shop")));
    }

    @Test
    void theImplicitTableExistsForReadsAndWritesButNotForDropUntilItHasRows() {
        assertEquals(List.of(List.of("0")), rows(sql("SELECT COUNT(*) FROM t5")));
        assertEquals("ERROR 1051 (42S02): Unknown table 'test.t5'", error(sql("DROP TABLE t5")));
        sql("INSERT INTO t5 VALUES (1, 'x')");
        assertEquals(List.of(List.of("t5")), rows(sql("SHOW TABLES")));
        assertTrue(rows(sql("SHOW CREATE TABLE t5")).get(0).get(1).contains("`id` bigint NOT NULL"));
        assertInstanceOf(StatementResult.Ok.class, sql("DROP TABLE t5"));
        assertEquals(List.of(), rows(sql("SHOW TABLES")));
    }

    @Test
    void mysql80DropsNothingWhenATableIsMissingAndMariadbDropsTheOthers() {
        sql("CREATE TABLE t (a INT)");
        assertEquals("ERROR 1051 (42S02): Unknown table 'test.t9'", error(sql("DROP TABLE t, t9")));
        assertEquals(List.of(List.of("t")), rows(sql("SHOW TABLES")));
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        MysqldFixture.committed(maria, s, "root", "CREATE TABLE t (a INT)");
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                maria.execute(Account.ROOT, "DROP TABLE t, t9", s));
        maria.store().apply(c.transaction(9, 0));
        assertEquals("ERROR 1051 (42S02): Unknown table 'test.t9'", error(c.answer()));
        assertEquals(List.of(), rows(MysqldFixture.committed(maria, s, "root", "SHOW TABLES")));
    }

    @Test
    void dropTableIfExistsNotesEachMissingTableOn80AndListsThemElsewhere() {
        assertEquals(List.of("Unknown table 'test.a'", "Unknown table 'test.b'"),
                sql("DROP TABLE IF EXISTS a, b").warnings().stream().map(StatementResult.Warning::message).toList());
        Mysqld maria = node("mariadb-10.11");
        assertEquals("Unknown table 'test.a,test.b'",
                maria.execute(Account.ROOT, "DROP TABLE IF EXISTS a, b").warnings().get(0).message());
    }

    @Test
    void aDropThatPartlyFailsOnMariadbWritesEveryTableItNamed() {
        Mysqld maria = node("mariadb-10.11");
        MysqldFixture.committed(maria, new Session(), "root", "CREATE TABLE a (id INT)");
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                maria.execute(Account.ROOT, "DROP TABLE nosuch1, a", new Session()));
        assertEquals("DROP TABLE `nosuch1`,`a` /* generated by server */", c.query().sql()); // measured
    }

    @Test
    void dropDatabaseIfExistsOfAMissingOneIsWrittenInTheDatabaseItNames() {
        Mysqld maria = node("mariadb-10.11");
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                maria.execute(Account.ROOT, "DROP DATABASE IF EXISTS nosuchdb", new Session()));
        assertEquals("nosuchdb", c.query().db(), "no `use test` in SHOW BINLOG EVENTS (measured)");
    }

    @Test
    void addingAUniqueKeyOverRowsThatClashReportsTheEarlierRowsValue() {
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        MysqldFixture.committed(maria, s, "root", "CREATE TABLE w (id INT PRIMARY KEY, s VARCHAR(10))");
        MysqldFixture.committed(maria, s, "root", "INSERT INTO w VALUES (1, 'B'), (2, 'b'), (3, 'a'), (4, 'A')");
        assertEquals("ERROR 1062 (23000): Duplicate entry 'B' for key 'us'",
                error(MysqldFixture.committed(maria, s, "root", "ALTER TABLE w ADD UNIQUE INDEX us (s)")));
    }

    @Test
    void alterTableAddsAndDropsColumnsKeepingTheRows() {
        sql("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(5))");
        sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        assertEquals("Records: 0  Duplicates: 0  Warnings: 0",
                ((StatementResult.Ok) sql("ALTER TABLE t ADD COLUMN n INT NOT NULL DEFAULT 7 AFTER id, DROP v")).info());
        assertEquals(List.of(List.of("1", "7"), List.of("2", "7")), rows(sql("SELECT * FROM t")));
        assertEquals("ERROR 1091 (42000): Can't DROP 'x'; check that column/key exists", error(sql("ALTER TABLE t DROP x")));
        assertEquals("ERROR 1060 (42S21): Duplicate column name 'n'", error(sql("ALTER TABLE t ADD n INT")));
        sql("ALTER TABLE t ADD COLUMN w INT FIRST");
        assertEquals(List.of("w", "id", "n"), node.store().catalog().table("test", "t").def().columnNames());
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        MysqldFixture.committed(maria, s, "root", "CREATE TABLE t (a INT, b INT)");
        assertEquals("ERROR 1091 (42000): Can't DROP COLUMN `x`; check that it exists",
                error(MysqldFixture.committed(maria, s, "root", "ALTER TABLE t DROP x")));
    }

    @Test
    void createTableLikeCopiesTheDefinitionNotTheRows() {
        sql("CREATE TABLE t (id INT PRIMARY KEY, v CHAR(2) NOT NULL)");
        sql("INSERT INTO t VALUES (1, 'a')");
        sql("CREATE TABLE t_copy LIKE t");
        assertEquals(node.store().catalog().table("test", "t").def().columns(),
                node.store().catalog().table("test", "t_copy").def().columns());
        assertEquals(List.of(List.of("0")), rows(sql("SELECT COUNT(*) FROM t_copy")));
        sql("TRUNCATE t");
        assertEquals(List.of(List.of("0")), rows(sql("SELECT COUNT(*) FROM t")));
    }

    @Test
    void flushStatusIsWrittenToTheBinaryLogAsAStatementOfItsOwnUnlessLocal() {
        Mysqld node = node("mysql-8.0");
        StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                node.execute(Account.ROOT, "FLUSH STATUS"));
        assertEquals("FLUSH STATUS", c.query().sql());
        assertInstanceOf(StatementResult.Ok.class, node.execute(Account.ROOT, "FLUSH LOCAL STATUS"));
        assertInstanceOf(StatementResult.Ok.class, node.execute(Account.ROOT, "FLUSH NO_WRITE_TO_BINLOG STATUS"));
    }

    @Test
    void flushingALogTheModelDoesNotKeepIsWrittenToTheBinaryLogUnlessLocal() {
        Mysqld node = node("mariadb-10.11");
        for (String log : List.of("ERROR", "ENGINE", "GENERAL", "SLOW")) {
            StatementResult.CommitNeeded c = assertInstanceOf(StatementResult.CommitNeeded.class,
                    node.execute(Account.ROOT, "FLUSH " + log + " LOGS"));
            assertEquals("FLUSH " + log + " LOGS", c.query().sql());
            assertInstanceOf(StatementResult.Ok.class, node.execute(Account.ROOT, "FLUSH LOCAL " + log + " LOGS"));
        }
    }
}
