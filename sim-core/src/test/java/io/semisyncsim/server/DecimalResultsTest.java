package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The decimals a DECIMAL result shows and the digits it carries, measured on MariaDB 10.11.18. */
class DecimalResultsTest {
    private final Mysqld node = node("mariadb-10.11");
    private final Session session = new Session();

    private List<String> row(String statement) {
        return rows(MysqldFixture.committed(node, session, "root", statement)).get(0);
    }

    @Test
    void aDivisionCarriesMoreDigitsThanItShowsSoArithmeticOnItComesOutWhole() {
        assertEquals(List.of("0.3333", "1.0000", "100.0000", "0.6667"),
                row("SELECT 1 / 3, 1 / 3 * 3, 100 / 7 * 7, 2 / 3"));
    }

    @Test
    void aComparisonSeesWhatTheDivisionShowsAndRoundReadsEveryDigit() {
        assertEquals(List.of("1", "0", "0.333333"), row("SELECT 1 / 3 = 0.3333, 1 / 3 > 0.3333, ROUND(1 / 3, 6)"));
    }

    @Test
    void ifnullCoalesceIfAndCaseGiveTheirCandidatesMostDecimals() {
        MysqldFixture.committed(node, session, "root", "CREATE TABLE e (id INT PRIMARY KEY, sal DECIMAL(8,2))");
        MysqldFixture.committed(node, session, "root", "INSERT INTO e VALUES (1, NULL)");
        assertEquals(List.of("0.00", "0.00", "2.0", "2.0"),
                row("SELECT IFNULL(sal, 0), COALESCE(sal, 0), IF(1, 2, 3.5), CASE WHEN 1 THEN 2 ELSE 3.5 END FROM e"));
    }

    @Test
    void aDecimalUserVariableInArithmeticShowsTheMostDecimals() {
        MysqldFixture.committed(node, session, "root", "SET @f = 1.5");
        assertEquals(List.of("3.00000000000000000000000000000000000000", "1.5"), row("SELECT @f * 2, @f"));
    }
}
