package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each flavour's reserved words are never a name unless back-quoted: MySQL 8.0 reserves the window
 * functions' words (RANK, ROWS, GROUPS), 5.7 does not; MariaDB 10.11 reserves OFFSET and RETURNING but not
 * RANK (measured on 10.11.18, word by word).
 */
class ReservedWordsTest {

    private static StatementResult sql(String flavor, String statement) {
        Mysqld n = node(flavor);
        return MysqldFixture.committed(n, new Session(), "root", statement);
    }

    @Test
    void mysql80ReservesTheWindowFunctionsWords() {
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to"
                        + " your MySQL server version for the right syntax to use near 'rank INT)' at line 1",
                error(sql("mysql-8.0", "CREATE TABLE t (id INT PRIMARY KEY, rank INT)")));
        assertInstanceOf(StatementResult.Ok.class, sql("mysql-5.7", "CREATE TABLE t (id INT PRIMARY KEY, rank INT)"));
        assertInstanceOf(StatementResult.Ok.class, sql("mariadb-10.11", "CREATE TABLE t (id INT PRIMARY KEY, rank INT)"));
    }

    @Test
    void mariadbReservesWordsMysqlDoesNot() {
        assertEquals(1064, sqlError("mariadb-10.11", "CREATE TABLE t (id INT PRIMARY KEY, offset INT)"));
        assertInstanceOf(StatementResult.Ok.class, sql("mysql-8.0", "CREATE TABLE t (id INT PRIMARY KEY, offset INT)"));
    }

    @Test
    void backQuotesMakeAnyWordAName() {
        Mysqld n = node("mysql-8.0");
        Session s = new Session();
        MysqldFixture.committed(n, s, "root", "CREATE TABLE `order` (id INT PRIMARY KEY, `rank` INT)");
        MysqldFixture.committed(n, s, "root", "INSERT INTO `order` VALUES (1, 2)");
        assertEquals(1064, ((StatementResult.Failed) MysqldFixture.committed(n, s, "root",
                "SELECT rank FROM `order`")).error().code(), "a column reference is a name too");
        StatementResult.Rows r = assertInstanceOf(StatementResult.Rows.class,
                MysqldFixture.committed(n, s, "root", "SELECT `order`.`rank` FROM `order`"));
        assertEquals(List.of("rank"), r.resultSet().columns().stream().map(ResultSet.Column::name).toList(),
                "a column is named without its table or quotes");
        assertEquals(List.of(List.of("2")), rows(r));
    }

    @Test
    void aKeywordThatIsNotReservedIsAColumnInAnExpression() {
        Mysqld n = node("mysql-8.0");
        Session s = new Session();
        MysqldFixture.committed(n, s, "root", "CREATE TABLE r (id INT PRIMARY KEY, value INT, offset INT, status INT)");
        MysqldFixture.committed(n, s, "root", "INSERT INTO r VALUES (1, 2, 3, 4)");
        assertEquals(List.of(List.of("2", "3", "4")),
                rows(MysqldFixture.committed(n, s, "root", "SELECT value, offset, status FROM r WHERE value = 2")));
    }

    @Test
    void afterADotAnyWordIsAName() {
        Mysqld n = node("mysql-8.0");
        Session s = new Session();
        MysqldFixture.committed(n, s, "root", "CREATE TABLE t (id INT PRIMARY KEY, `rank` INT)");
        assertInstanceOf(StatementResult.Ok.class, MysqldFixture.committed(n, s, "root", "UPDATE t SET t.rank = 1"));
    }

    private static int sqlError(String flavor, String statement) {
        return ((StatementResult.Failed) sql(flavor, statement)).error().code();
    }
}
