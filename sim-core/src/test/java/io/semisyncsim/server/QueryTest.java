package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SELECT of expressions and of a table, the functions the model has, and the SHOW statements on tables. */
class QueryTest {
    private final Mysqld node = node("mysql-8.0");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private List<String> row(String statement) {
        return rows(sql(statement)).get(0);
    }

    private ResultSet resultSet(String statement) {
        return assertInstanceOf(StatementResult.Rows.class, sql(statement)).resultSet();
    }

    private void groups() {
        sql("CREATE TABLE g (id INT PRIMARY KEY, v VARCHAR(5), n INT)");
        sql("INSERT INTO g VALUES (1, 'b', 10), (2, 'a', 20), (3, 'B', 30), (4, NULL, 40)");
    }

    @Test
    void anOrderByExpressionMayNameASelectAlias() {
        sql("CREATE TABLE g (id INT PRIMARY KEY, a INT)");
        sql("INSERT INTO g VALUES (1, 10), (2, 30), (3, 20)");
        assertEquals(List.of(List.of("31"), List.of("21"), List.of("11")),
                rows(sql("SELECT a + 1 AS x FROM g ORDER BY x + 0 DESC")));
        assertEquals(List.of(List.of("30"), List.of("20"), List.of("10")), rows(sql("SELECT a AS x FROM g ORDER BY -x")));
    }

    @Test
    void aCaseInsensitiveCollationWeighsEachCharacterByItsUpperCase() {
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        MysqldFixture.committed(maria, s, "root", "CREATE TABLE c (id INT PRIMARY KEY, v VARCHAR(5))");
        MysqldFixture.committed(maria, s, "root", "INSERT INTO c VALUES (1, '_x'), (2, 'zz'), (3, 'abc')");
        assertEquals(List.of(List.of("abc"), List.of("zz"), List.of("_x")), // measured on MariaDB 10.11.18
                rows(MysqldFixture.committed(maria, s, "root", "SELECT v FROM c ORDER BY v")));
    }

    @Test
    void andOrAndXorAreNullUnlessOneSideDecides() {
        assertEquals(java.util.Arrays.asList(null, null, "0", "0", null),
                row("SELECT 1 AND NULL, NULL AND 1, 0 AND NULL, NULL AND 0, NULL AND NULL"));
        assertEquals(java.util.Arrays.asList("1", "1", null, null, null),
                row("SELECT 1 OR NULL, NULL OR 1, 0 OR NULL, NULL OR 0, NULL OR NULL"));
        assertEquals(java.util.Arrays.asList(null, null, "0"), row("SELECT 1 XOR NULL, NULL XOR 0, 1 XOR 1"));
    }

    @Test
    void groupByMakesOneRowPerKeyAsTheCollationComparesSortedNullFirst() {
        groups();
        assertEquals(List.of(List.of("NULL", "1"), List.of("a", "1"), List.of("b", "2")),
                rows(sql("SELECT v, COUNT(*) FROM g GROUP BY v")).stream()
                        .map(r -> r.stream().map(c -> c == null ? "NULL" : c).toList()).toList());
    }

    @Test
    void havingMayNameASelectAlias() {
        groups();
        assertEquals(List.of(List.of("b", "2")), rows(sql("SELECT v AS k, COUNT(*) AS c FROM g GROUP BY k HAVING c > 1")));
    }

    @Test
    void onlyFullGroupByRefusesAColumnNotGroupedUnlessTheKeyIsGrouped() {
        groups();
        assertEquals(1055, ((StatementResult.Failed) sql("SELECT id, v FROM g GROUP BY v")).error().code());
        assertEquals(List.of("1", "b"), row("SELECT id, v FROM g GROUP BY id"));
    }

    @Test
    void arithmeticKeepsMysqlsTypes() {
        assertEquals(List.of("3", "6.0", "3.5000", "3", "1", "-5", "100", "0.5"),
                row("SELECT 1+2, 2*3.0, 7/2, 7 DIV 2, 7 % 3, -5, 1e2, .5"));
    }

    @Test
    void unixTimestampOfADatetimeIsItsSecondsWithinTheFlavoursRange() {
        assertEquals(List.of("1893456000", "1893456000.5", "32503680000"),
                row("SELECT UNIX_TIMESTAMP('2030-01-01 00:00:00'), UNIX_TIMESTAMP('2030-01-01 00:00:00.5'), UNIX_TIMESTAMP('3000-01-01')"));
        Mysqld mariadb = node("mariadb-10.11");
        Session s = new Session();
        assertEquals(Arrays.asList(null, null, null), rows(mariadb.execute(Account.ROOT,
                "SELECT UNIX_TIMESTAMP('2999-01-01'), UNIX_TIMESTAMP('1969-12-31'), UNIX_TIMESTAMP('garbage')", s)).get(0));
        assertEquals(List.of(List.of("Warning", "1292", "Incorrect datetime value: 'garbage'")),
                rows(mariadb.execute(Account.ROOT, "SHOW WARNINGS", s)));
    }

    @Test
    void comparisonsAndLogicAreThreeValued() {
        assertEquals(Arrays.asList("1", "1", "0", "0", null, "0", "1", null, "1"),
                row("SELECT 1 = 1, 'a' = 'A', 1 < 2 AND 2 < 1, NOT 1, NULL = 1, NULL AND 0, NULL OR 1, 1 + NULL, NULL <=> NULL"));
    }

    @Test
    void inBetweenLikeAndIsNull() {
        assertEquals(Arrays.asList("1", "0", null, "1", "0", "1", "1", "0"),
                row("SELECT 3 IN (1, 2, 3), 4 IN (1, 2), 4 IN (1, NULL), 5 BETWEEN 1 AND 9, 5 NOT BETWEEN 1 AND 9, "
                        + "'semisync' LIKE '%SYNC', NULL IS NULL, 1 IS NULL"));
    }

    @Test
    void divisionByZeroIsNullWithAWarning() {
        StatementResult.Rows r = assertInstanceOf(StatementResult.Rows.class, sql("SELECT 1/0"));
        assertEquals(Arrays.asList((String) null), r.resultSet().rows().get(0));
        assertEquals(List.of(new StatementResult.Warning("Warning", 1365, "Division by 0")), r.warnings());
    }

    @Test
    void aColumnIsNamedAsWrittenOrByItsAlias() {
        ResultSet rs = resultSet("SELECT 1 + 2, 'abc', 1 AS one, @@server_id, NULL");
        assertEquals(List.of("1 + 2", "abc", "one", "@@server_id", "NULL"),
                rs.columns().stream().map(ResultSet.Column::name).toList());
        assertEquals(List.of(true, false, true, true, false),
                rs.columns().stream().map(ResultSet.Column::numeric).toList());
    }

    @Test
    void userVariablesLivePerConnection() {
        sql("SET @x = 5, @s = 'text'");
        assertEquals(Arrays.asList("5", "text", null, "6"), row("SELECT @x, @s, @nothing, @x + 1"));
        StatementResult other = node.execute(Account.ROOT, "SELECT @x");
        assertEquals(Arrays.asList((String) null), rows(other).get(0));
    }

    @Test
    void selectIntoSetsVariablesFromOneRow() {
        assertEquals(new StatementResult.Ok(1, List.of()), sql("SELECT 40 + 2, 'a' INTO @n, @a"));
        assertEquals(List.of("42", "a"), row("SELECT @n, @a"));
        sql("CREATE TABLE t (id INT PRIMARY KEY)");
        sql("INSERT INTO t VALUES (1), (2)");
        assertEquals("ERROR 1172 (42000): Result consisted of more than one row", error(sql("SELECT id INTO @n FROM t")));
        StatementResult none = sql("SELECT id INTO @n FROM t WHERE id > 5");
        assertEquals(1329, none.warnings().get(0).code());
    }

    @Test
    void connectionIdDatabaseAndNowComeFromTheSessionAndTheVirtualClock() {
        session.setConnectionId(17);
        assertEquals(List.of("17", "test", "2026-01-01 00:00:00"), row("SELECT CONNECTION_ID(), DATABASE(), NOW()"));
        assertEquals(List.of("2026-01-01 00:00:00"), row("SELECT CURRENT_TIMESTAMP"));
    }

    @Test
    void aNodeHandsOutConnectionIdsToSessionsThatHaveNone() {
        Session a = new Session();
        Session b = new Session();
        node.execute(Account.ROOT, "SELECT 1", a);
        node.execute(Account.ROOT, "SELECT 1", b);
        assertTrue(a.connectionId() > 0);
        assertEquals(a.connectionId() + 1, b.connectionId());
    }

    @Test
    void foundRowsAndRowCountDescribeThePreviousStatement() {
        sql("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
        sql("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
        assertEquals(List.of("3"), row("SELECT ROW_COUNT()"));
        sql("SELECT * FROM t WHERE id > 1");
        assertEquals(List.of("2", "-1"), row("SELECT FOUND_ROWS(), ROW_COUNT()"));
        sql("SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 1");
        assertEquals(List.of("3"), row("SELECT FOUND_ROWS()"));
    }

    @Test
    void selectFromATableFiltersOrdersAndLimits() {
        sql("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10), n INT)");
        sql("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', NULL), (3, 'three', 30), (4, 'four', 10)");
        assertEquals(List.of(List.of("4", "four"), List.of("1", "one")),
                rows(sql("SELECT id, v FROM t WHERE n = 10 ORDER BY id DESC")));
        assertEquals(List.of(List.of("2"), List.of("4"), List.of("1"), List.of("3")),
                rows(sql("SELECT id FROM t ORDER BY n, id DESC")), "NULL sorts first");
        assertEquals(List.of(List.of("2"), List.of("3")), rows(sql("SELECT id FROM t LIMIT 2 OFFSET 1")));
        assertEquals(List.of(List.of("3")), rows(sql("SELECT id FROM t WHERE v LIKE 't%e%' AND n IS NOT NULL")));
        assertEquals(List.of(List.of("10"), List.of("30")), rows(sql("SELECT DISTINCT n FROM t WHERE n IS NOT NULL")));
        assertEquals(List.of(List.of("3", "three")), rows(sql("SELECT x.id, v FROM t AS x WHERE x.n = 30")));
    }

    @Test
    void orderByTakesAnAliasOrAPosition() {
        sql("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
        sql("INSERT INTO t VALUES (1, 30), (2, 20), (3, 10)");
        assertEquals(List.of(List.of("3", "10"), List.of("2", "20"), List.of("1", "30")),
                rows(sql("SELECT id, n AS m FROM t ORDER BY m")));
        assertEquals(List.of(List.of("1", "30")), rows(sql("SELECT id, n FROM t ORDER BY 2 DESC LIMIT 1")));
    }

    @Test
    void aggregatesWithoutGroupBy() {
        sql("CREATE TABLE t (id INT PRIMARY KEY, d DECIMAL(5,2), v VARCHAR(5))");
        sql("INSERT INTO t VALUES (1, 1.50, 'a'), (2, 1.56, 'b'), (3, NULL, 'a')");
        assertEquals(List.of("3", "2", "1.56", "1", "6", "3.06", "b", "2.0000", "2"),
                row("SELECT COUNT(*), COUNT(d), MAX(d), MIN(id), SUM(id), SUM(d), MAX(v), AVG(id), COUNT(DISTINCT v) FROM t"));
        assertEquals(Arrays.asList("0", null, null), row("SELECT COUNT(*), MAX(id), SUM(id) FROM t WHERE id > 100"));
    }

    @Test
    void aBareColumnBesideAnAggregateIsRefusedByMysqlAndTakenByMariadb() {
        sql("CREATE TABLE t (id INT PRIMARY KEY)");
        sql("INSERT INTO t VALUES (5), (6)");
        assertEquals("ERROR 1140 (42000): In aggregated query without GROUP BY, expression #1 of SELECT list contains "
                + "nonaggregated column 'test.t.id'; this is incompatible with sql_mode=only_full_group_by",
                error(sql("SELECT id, COUNT(*) FROM t")));
        Mysqld maria = node("mariadb-10.11");
        Session s = new Session();
        MysqldFixture.committed(maria, s, "root", "CREATE TABLE t (id INT PRIMARY KEY)");
        MysqldFixture.committed(maria, s, "root", "INSERT INTO t VALUES (5), (6)");
        assertEquals(List.of(List.of("5", "2")), rows(maria.execute(Account.ROOT, "SELECT id, COUNT(*) FROM t", s)));
    }

    @Test
    void unknownColumnsAreNamedWithEachServersClause() {
        sql("CREATE TABLE t (id INT PRIMARY KEY)");
        assertEquals("ERROR 1054 (42S22): Unknown column 'x' in 'field list'", error(sql("SELECT x FROM t")));
        assertEquals("ERROR 1054 (42S22): Unknown column 'x' in 'where clause'", error(sql("SELECT id FROM t WHERE x = 1")));
        assertEquals("ERROR 1054 (42S22): Unknown column 'x' in 'order clause'", error(sql("SELECT id FROM t ORDER BY x")));
        Mysqld maria = node("mariadb-10.11");
        assertEquals("ERROR 1054 (42S22): Unknown column 'x' in 'WHERE'",
                error(maria.execute(Account.ROOT, "SELECT id FROM t1 WHERE x = 1")));
    }

    @Test
    void theImplicitTableIsCountedWithoutReadingItsRowsAndFoundByKey() {
        java.util.List<io.semisyncsim.binlog.Transaction.RowChange> changes = new java.util.ArrayList<>();
        for (long k = 1; k <= 100_000; k++) {
            changes.add(new io.semisyncsim.binlog.Transaction.RowChange(io.semisyncsim.binlog.EventType.WRITE_ROWS, "t1", k, null));
        }
        node.store().apply(new io.semisyncsim.binlog.Transaction(1, null, 0, changes));
        assertEquals(List.of("100000"), row("SELECT COUNT(*) FROM t1"));
        assertEquals(List.of("77777", "row-77777"), row("SELECT id, v FROM t1 WHERE id = 77777"));
        assertEquals(0, ((io.semisyncsim.table.ImplicitTable) node.store().catalog().table("test", "t1")).storedValues().size());
    }

    @Test
    void informationSchemaPluginsIsATableToo() {
        Mysqld mysql = node("mysql-8.0");
        mysql.execute(Account.ROOT, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        assertEquals(List.of(List.of("rpl_semi_sync_source", "ACTIVE")), rows(mysql.execute(Account.ROOT,
                "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%source'")));
    }

    @Test
    void showTablesDatabasesAndCreateDatabase() {
        sql("CREATE DATABASE shop");
        sql("CREATE TABLE shop.b (a INT)");
        sql("CREATE TABLE shop.a (a INT)");
        assertEquals(List.of(List.of("a"), List.of("b")), rows(sql("SHOW TABLES FROM shop")));
        assertEquals("Tables_in_shop", resultSet("SHOW TABLES FROM shop").columns().get(0).name());
        assertEquals(List.of(List.of("information_schema"), List.of("mysql"), List.of("performance_schema"),
                List.of("shop"), List.of("sys"), List.of("test")), rows(sql("SHOW DATABASES")));
        assertEquals(List.of(List.of("shop")), rows(sql("SHOW DATABASES LIKE 'sh%'")));
        assertEquals("CREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ "
                + "/*!80016 DEFAULT ENCRYPTION='N' */", row("SHOW CREATE DATABASE shop").get(1));
    }

    @Test
    void aStatementEndedWithBackslashGAnswersForVerticalOutput() {
        StatementResult.Rows r = assertInstanceOf(StatementResult.Rows.class, sql("SELECT 1\\G"));
        assertTrue(r.vertical());
        assertFalse(assertInstanceOf(StatementResult.Rows.class, sql("SELECT 1;")).vertical());
    }

    @Test
    void functionsTheModelLacksAreSaidSoAndUnknownOnesAre1305() {
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the function SLEEP() yet", error(sql("SELECT SLEEP(1)")));
        assertEquals("ERROR 1305 (42000): FUNCTION test.nosuch does not exist", error(sql("SELECT nosuch(1)")));
    }
}
