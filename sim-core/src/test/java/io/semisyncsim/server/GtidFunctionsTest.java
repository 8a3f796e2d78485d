package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each family's GTID functions, and the other family's refused as unknown (1305). */
class GtidFunctionsTest {

    @Test
    void mysqlComparesAndSubtractsGtidSets() {
        Mysqld node = node("mysql-8.0");
        String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        assertEquals(List.of(List.of("1", "0", uuid + ":4-5")), rows(root(node, "SELECT GTID_SUBSET('" + uuid
                + ":1-2', '" + uuid + ":1-5'), GTID_SUBSET('" + uuid + ":1-6', '" + uuid + ":1-5'), GTID_SUBTRACT('"
                + uuid + ":1-5', '" + uuid + ":1-3')")));
    }

    @Test
    void mariadbBinlogGtidPosOfAFreshLogIsTheEmptyPosition() {
        Mysqld node = node("mariadb-10.11");
        assertEquals(List.of(Arrays.asList("", null, null)), rows(root(node,
                "SELECT BINLOG_GTID_POS('mysql-bin.000001', 4), BINLOG_GTID_POS('mysql-bin.000001', 5),"
                        + " BINLOG_GTID_POS('nosuch.000001', 4)")));
    }

    @Test
    void eachFamilyLacksTheOthersFunctions() {
        assertEquals("ERROR 1305 (42000): FUNCTION test.BINLOG_GTID_POS does not exist",
                error(root(node("mysql-8.0"), "SELECT BINLOG_GTID_POS('binlog.000001', 4)")));
        assertEquals("ERROR 1305 (42000): FUNCTION test.GTID_SUBSET does not exist",
                error(root(node("mariadb-10.11"), "SELECT GTID_SUBSET('a', 'b')")));
    }
}
