package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CAST and CONVERT, each value and warning measured on MariaDB 10.11.18 (sql/cast-and-convert-mariadb). */
class CastTest {
    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    private List<String> row(String statement) {
        return rows(sql(statement)).get(0);
    }

    private List<String> warnings() {
        return rows(sql("SHOW WARNINGS")).stream().map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)).toList();
    }

    @Test
    void anExactNumberRoundsHalfAwayFromZeroADoubleHalfToEvenAStringIsCut() {
        assertEquals(List.of("4", "-4", "2", "4"),
                row("SELECT CAST(3.7 AS SIGNED), CAST(-3.5 AS SIGNED), CAST(2.5e0 AS SIGNED), CAST(3.5e0 AS SIGNED)"));
        assertEquals(List.of("3"), row("SELECT CAST('3.7' AS SIGNED)"));
        assertEquals(List.of("Warning 1292 Truncated incorrect INTEGER value: '3.7'"), warnings());
    }

    @Test
    void aNegativeMadeUnsignedIsItsComplementWithANote() {
        assertEquals(List.of("18446744073709551615", "-1"),
                row("SELECT CAST(-1 AS UNSIGNED), CAST(18446744073709551615 AS SIGNED)"));
        assertEquals(List.of("Note 1105 Cast to unsigned converted negative integer to it's positive complement"),
                warnings());
    }

    @Test
    void charCutsAndDecimalRoundsOrStopsAtItsLargestValue() {
        assertEquals(List.of("abc", "3.14", "999.9"),
                row("SELECT CAST('abcdef' AS CHAR(3)), CAST(3.14159 AS DECIMAL(5,2)), CAST(12345 AS DECIMAL(4,1))"));
        assertEquals(List.of("Warning 1292 Truncated incorrect CHAR(3) value: 'abcdef'",
                "Warning 1264 Out of range value for column 'CAST(12345 AS DECIMAL(4,1))' at row 1"), warnings());
    }

    @Test
    void aDateThatIsNoneIsNullAndADateColumnReadAsANumberIsItsDigits() {
        assertEquals(java.util.Arrays.asList("2024-01-31", null, "2024-01-31 00:00:00"),
                row("SELECT CAST('2024-01-31 10:20:30' AS DATE), CAST('2024-02-30' AS DATE), "
                        + "CAST('2024-01-31' AS DATETIME)"));
        sql("CREATE TABLE dt (id INT PRIMARY KEY, d DATE, t DATETIME(3))");
        sql("INSERT INTO dt VALUES (1, '2024-01-31', '2024-01-31 10:00:00.125')");
        assertEquals(List.of("20240131", "20240131100000.125", "20240131"),
                row("SELECT d + 0, t + 0, CAST(d AS SIGNED) FROM dt"));
    }

    @Test
    void convertTakesTheSameTypesAndUsingKeepsTheString() {
        assertEquals(List.of("5", "4", "ab", "abc"),
                row("SELECT CONVERT('5', UNSIGNED), CONVERT(3.7, SIGNED), CONVERT('abc', CHAR(2)), "
                        + "CONVERT('abc' USING utf8mb4)"));
    }

    @Test
    void aCastToADateIsADateInArithmeticAndBinaryComparesByte() {
        assertEquals(List.of("20240102", "0"), row("SELECT CAST('2024-01-01' AS DATE) + 1, BINARY 'a' = 'A'"));
    }
}
