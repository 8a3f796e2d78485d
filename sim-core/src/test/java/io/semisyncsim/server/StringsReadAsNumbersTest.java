package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A string read as a number: Warning 1292 when anything but the number is in it, a Note when only spaces follow
 * it, an error in an INSERT's or an UPDATE's values and conditions under strict mode. Measured on MariaDB 10.11.18
 * (sql/strings-read-as-numbers-mariadb).
 */
class StringsReadAsNumbersTest {
    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private List<String> warnings() {
        return rows(sql("SHOW WARNINGS")).stream().map(r -> r.get(0) + " " + r.get(2)).toList();
    }

    private void people() {
        sql("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(10), n INT)");
        sql("INSERT INTO p VALUES (1, 'Alice', 1), (2, '10', 2), (3, '10x', 3)");
    }

    @Test
    void arithmeticReadsAStringAsADoubleAndSaysWhatItCut() {
        assertEquals(List.of(List.of("1", "13", "13")), rows(sql("SELECT 'abc' + 1, '12abc' + 1, '12 ' + 1")));
        assertEquals(List.of("Warning Truncated incorrect DOUBLE value: 'abc'",
                "Warning Truncated incorrect DOUBLE value: '12abc'", "Note Truncated incorrect DOUBLE value: '12 '"),
                warnings());
    }

    @Test
    void aComparisonWithANumberReadsEachRowsStringAsADecimalAndAConstantOnce() {
        people();
        assertEquals(List.of(List.of("2"), List.of("3")), rows(sql("SELECT id FROM p WHERE name = 10")));
        assertEquals(List.of("Warning Truncated incorrect DECIMAL value: 'Alice'",
                "Warning Truncated incorrect DECIMAL value: '10x'"), warnings());
        sql("SELECT id FROM p WHERE n = '2x'");
        assertEquals(List.of("Warning Truncated incorrect DECIMAL value: '2x'"), warnings(), "once, not a row each");
    }

    @Test
    void anUpdateUnderStrictModeStopsAtTheFirstButADeleteOnlyWarns() {
        people();
        assertEquals("ERROR 1292 (22007): Truncated incorrect DECIMAL value: 'Alice'",
                error(sql("UPDATE p SET n = n + 1 WHERE name = 10")));
        assertEquals("ERROR 1292 (22007): Truncated incorrect DOUBLE value: 'y'",
                error(sql("INSERT INTO p VALUES (9, 'x', '5' + 'y')")));
        StatementResult deleted = sql("DELETE FROM p WHERE name = 10");
        assertEquals(2L, assertInstanceOf(StatementResult.Ok.class, deleted).affectedRows());
        assertEquals(2, warnings().size());
    }

    @Test
    void aWhereOfAStringSumAndAvgWarnButAUserVariableIsReadWithoutAWord() {
        people();
        sql("SELECT COUNT(*) FROM p WHERE name");
        assertEquals(List.of("Warning Truncated incorrect DECIMAL value: 'Alice'",
                "Warning Truncated incorrect DECIMAL value: '10x'"), warnings());
        sql("SELECT SUM(name) FROM p");
        assertEquals(2, warnings().size());
        sql("SET @s = 'x'");
        StatementResult r = sql("SELECT @s + 1");
        assertEquals(List.of(List.of("1")), rows(r));
        assertEquals(List.of(), r.warnings());
    }
}
