package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An arithmetic result past its type's range is error 1690 quoting the expression (measured on MariaDB 10.11.18). */
class NumericOverflowTest {
    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private StatementResult sql(String statement) {
        return MysqldFixture.committed(node, session, "root", statement);
    }

    @Test
    void aWholeResultPastBigintIsAnErrorQuotingTheExpressionAsTheServerPrintsIt() {
        assertEquals("ERROR 1690 (22003): BIGINT value is out of range in '2147483647 * 2147483647 * 4'",
                error(sql("SELECT 2147483647*2147483647*4")));
        assertEquals("ERROR 1690 (22003): BIGINT value is out of range in 'abs(-9223372036854775808)'",
                error(sql("SELECT ABS(-9223372036854775808)")));
        assertEquals("ERROR 1690 (22003): DOUBLE value is out of range in '1e308 * 10'", error(sql("SELECT 1e308*10")));
    }

    @Test
    void anUnsignedColumnMakesTheResultUnsignedSoItCannotGoBelowZero() {
        sql("CREATE TABLE s (id INT PRIMARY KEY, u INT UNSIGNED)");
        sql("INSERT INTO s VALUES (1, 0)");
        assertEquals("ERROR 1690 (22003): BIGINT UNSIGNED value is out of range in '`test`.`s`.`u` - 1'",
                error(sql("UPDATE s SET u = u - 1")));
        assertEquals(List.of(List.of("1", "-1")), rows(sql("SELECT 1 - u, CAST(u AS SIGNED) - 1 FROM s")));
    }
}
