package io.semisyncsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeSourceHostTest {
    private static final List<String> NODES = List.of("source", "replica1", "replica2");

    private static ChangeSourceHost.Rewritten rewrite(String sql) {
        return ChangeSourceHost.rewrite(sql, NODES, node -> node.equals("replica1") ? 41001 : 41002);
    }

    @Test
    void aNodeNamedAsTheHostBecomesTheRelayInFrontOfIt() {
        ChangeSourceHost.Rewritten r = rewrite("CHANGE MASTER TO MASTER_HOST = 'replica1', MASTER_USE_GTID = slave_pos");
        assertEquals("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = 41001, MASTER_USE_GTID = slave_pos", r.sql());
        assertEquals("replica1", r.source());
    }

    @Test
    void aPortTheStatementGivesIsTheRelaysToo() {
        ChangeSourceHost.Rewritten r = rewrite("change replication source to source_port=3306, source_host='replica2'");
        assertEquals("change replication source to SOURCE_PORT = 41002, SOURCE_HOST = '127.0.0.1'", r.sql());
        assertEquals("replica2", r.source());
    }

    @Test
    void otherStatementsAndOtherHostsAreLeftAlone() {
        for (String sql : List.of("CHANGE MASTER TO MASTER_HOST = 'db.example.com'", "CHANGE MASTER TO MASTER_DELAY = 5",
                "SELECT 'MASTER_HOST = ''replica1'''")) {
            ChangeSourceHost.Rewritten r = rewrite(sql);
            assertEquals(sql, r.sql());
            assertNull(r.source());
        }
    }
}
