package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semisyncsim.server.StatementResult.Warning;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MariaDB's JSON_VALID(), the check a JSON column runs, as a function (measured on MariaDB 10.11.19). */
class JsonFunctionsTest {

    @Test
    void jsonValidIsOneForOneJsonValueAndNullForNull() {
        assertEquals(List.of(Arrays.asList("1", "1", null)),
                rows(root(node("mariadb-10.11"), "SELECT JSON_VALID('{\"a\": [1, 2]}'), JSON_VALID('1.'), JSON_VALID(NULL)")));
    }

    @Test
    void anInvalidTextIsZeroWithANoteSayingAtWhichByteItBroke() {
        StatementResult r = root(node("mariadb-10.11"), "SELECT JSON_VALID('[1, 2, ]')");
        assertEquals(List.of(List.of("0")), rows(r));
        assertEquals(List.of(new Warning("Note", 4038,
                "Syntax error in JSON text in argument 1 to function 'json_valid' at position 8")), r.warnings());
    }

    @Test
    void mysqlsJsonValidReadsATypeTheModelDoesNotHave() {
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the function JSON_VALID() yet",
                error(root(node("mysql-8.0"), "SELECT JSON_VALID('[]')")));
    }
}
