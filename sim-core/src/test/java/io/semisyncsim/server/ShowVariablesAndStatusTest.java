package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SHOW VARIABLES and SHOW STATUS list what the real server lists, or refuse: a list quietly short of rows
 * would read as the server's whole answer (measured on MariaDB 10.11.18).
 */
class ShowVariablesAndStatusTest {

    @Test
    void mariadbHasNoReplicaSpellingsOfItsSlaveVariables() {
        Mysqld node = node("mariadb-10.11");
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'log_replica_updates'",
                error(root(node, "SELECT @@log_replica_updates")));
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'replica_net_timeout'",
                error(root(node, "SET GLOBAL replica_net_timeout = 30")));
        assertEquals(List.of(List.of("slave_net_timeout", "60")),
                rows(root(node, "SHOW GLOBAL VARIABLES LIKE 'slave_net_timeout'")));
        assertEquals(List.of(), rows(root(node, "SHOW VARIABLES LIKE 'replica_net%'")));
        assertEquals("OFF", rows(root(node, "SHOW VARIABLES LIKE 'log_slave_updates'")).get(0).get(1));
    }

    @Test
    void mysql57HasNoReplicaSpellingsEither() {
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'sql_replica_skip_counter'",
                error(root(node("mysql-5.7"), "SELECT @@sql_replica_skip_counter")));
        assertEquals("1", rows(root(node("mysql-8.0"), "SELECT @@log_replica_updates")).get(0).get(0));
    }

    @Test
    void aReplicaSpellingInMariadbsOptionFileAbortsTheStart() {
        Mysqld node = node("mariadb-10.11", "log_replica_updates", "ON");
        assertEquals(NodeState.FAILED_TO_START, node.state());
        assertTrue(node.errorLog().lines().stream().anyMatch(l -> l.contains("unknown variable 'log_replica_updates=ON'")),
                String.join("\n", node.errorLog().lines()));
    }

    @Test
    void aPatternMatchingVariablesTheModelLacksIsRefusedNamingThem() {
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the variables log_bin_basename, log_bin_compress,"
                        + " log_bin_compress_min_len, log_bin_index, log_bin_trust_function_creators yet, which this SHOW"
                        + " would list",
                error(root(node("mariadb-10.11"), "SHOW VARIABLES LIKE 'log_bin%'")));
        assertTrue(error(root(node("mariadb-10.11"), "SHOW GLOBAL VARIABLES")).endsWith(" more yet, which this SHOW would list"));
    }

    @Test
    void aPatternTheModelCoversIsAnswered() {
        assertEquals(List.of(List.of("rpl_semi_sync_master_timeout", "10000")),
                rows(root(node("mariadb-10.11"), "SHOW VARIABLES LIKE 'rpl_semi_sync_master_timeout'")));
    }

    @Test
    void aVariableShownWithItsDefaultButNotModelledRefusesToChange() {
        Mysqld node = node("mariadb-10.11");
        assertEquals(List.of(List.of("gtid_ignore_duplicates", "OFF")),
                rows(root(node, "SHOW VARIABLES LIKE 'gtid_ignore_duplicates'")));
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model a change of the variable 'gtid_ignore_duplicates' yet",
                error(root(node, "SET GLOBAL gtid_ignore_duplicates = ON")));
    }

    @Test
    void sqlLogBinIsListedWithTheSessionsValueAndNotGlobally() {
        Mysqld node = node("mariadb-10.11");
        Session s = new Session();
        s.open(node.variables());
        MysqldFixture.committed(node, s, "root", "SET sql_log_bin = 0");
        assertEquals(List.of(List.of("sql_log_bin", "OFF")),
                rows(MysqldFixture.committed(node, s, "root", "SHOW VARIABLES LIKE 'sql_log_bin'")));
        assertEquals(List.of(), rows(root(node, "SHOW GLOBAL VARIABLES LIKE 'sql_log_bin'")));
    }

    @Test
    void statusCountersTheModelLacksAreRefusedNamingThem() {
        assertEquals("ERROR 9000 (HY000): semisync-sim does not model the status variables Com_insert, Com_insert_select"
                        + " yet, which this SHOW would list",
                error(root(node("mariadb-10.11"), "SHOW GLOBAL STATUS LIKE 'Com_insert%'")));
    }

    @Test
    void mariadbsRplStatusVariablesAreAllListed() {
        List<List<String>> rows = rows(root(node("mariadb-10.11"), "SHOW STATUS LIKE 'Rpl%'"));
        assertEquals(List.of("Rpl_status", "AUTH_MASTER"), rows.get(rows.size() - 2));
        assertEquals(List.of("Rpl_transactions_multi_engine", "0"), rows.get(rows.size() - 1));
    }
}
