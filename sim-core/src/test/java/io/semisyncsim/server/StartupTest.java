package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option files and restarts behave as mysqld's do. */
class StartupTest {

    @Test
    void pluginVariableWithoutThePluginAbortsTheStart() {
        Mysqld node = node("mysql-8.0", "rpl_semi_sync_source_enabled", "1");
        assertEquals(NodeState.FAILED_TO_START, node.state());
        assertTrue(node.errorLog().lines().stream().anyMatch(l ->
                l.endsWith("[ERROR] [MY-000067] [Server] unknown variable 'rpl_semi_sync_source_enabled=1'.")));
        assertTrue(node.errorLog().lines().get(node.errorLog().lines().size() - 1).endsWith("[ERROR] [MY-010119] [Server] Aborting"));
    }

    @Test
    void theOptionFilesServerIdOverridesTheHarnesssAndSetGlobalChangesItAgain() {
        // the real harness writes the scenario's options after its own server-id line
        Mysqld node = node("mariadb-10.11", "server_id", "7");
        assertEquals(7, node.serverId());
        root(node, "SET GLOBAL server_id = 9");
        assertEquals(9, node.serverId());
        assertEquals(1, node("mariadb-10.11").serverId(), "without the option: the harness's number");
    }

    @Test
    void mariadbTakesServerIdZeroAsOne() {
        // sys_vars.cc Sys_server_id VALID_RANGE(1, ...) on MariaDB, measured on 10.11.19: a replica given 0
        // then has its source's 1, and stops with 1593
        assertEquals(1, node("mariadb-10.11", "server_id", "0").serverId());
        Mysqld node = node("mariadb-10.11");
        assertEquals("1", rows(root(node, "SELECT @@server_id")).get(0).get(0));
        root(node, "SET GLOBAL server_id = 7");
        assertEquals("7", rows(root(node, "SELECT @@server_id")).get(0).get(0),
                "@@server_id reads the global value: a session server_id of its own is not modelled");
    }

    @Test
    void everyNodeHasItsBinaryLogWhateverTheFlavoursDefaultWithoutLogBin() {
        for (String flavor : List.of("mariadb-10.11", "mysql-5.7", "mysql-8.0", "mysql-8.4")) {
            Mysqld node = node(flavor);
            assertEquals("ON", node.variables().get("log_bin"), flavor);
        }
        // mysqld --verbose --help: OFF unless log-bin is given (MariaDB, 5.7); 8.0+ ON (sys_vars.cc Sys_log_bin)
        assertEquals("OFF", Flavors.standard().get("mariadb-10.11").systemVariables()
                .get("log_bin").defaultValue());
        assertEquals("OFF", Flavors.standard().get("mysql-5.7").systemVariables()
                .get("log_bin").defaultValue());
        assertEquals("ON", Flavors.standard().get("mysql-8.0").systemVariables()
                .get("log_bin").defaultValue());
    }

    @Test
    void aLogBinOptionNeverReachesANodeUnrefused() {
        // The scenario reader refuses every log-bin spelling; a node handed one anyway does not start quietly.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node("mariadb-10.11", "skip-log-bin", "1"));
        assertTrue(e.getMessage().startsWith("source: 'skip-log-bin = 1' turns the binary log off"), e.getMessage());
    }

    @Test
    void loosePrefixTurnsTheAbortIntoAWarning() {
        Mysqld node = node("mysql-8.0", "loose-rpl_semi_sync_source_enabled", "1");
        assertEquals(NodeState.RUNNING, node.state());
        assertTrue(node.errorLog().lines().stream().anyMatch(l ->
                l.endsWith("[Warning] [MY-000067] [Server] unknown variable 'loose-rpl_semi_sync_source_enabled=1'.")));
    }

    @Test
    void looseSettingTakesEffectWhenThePluginIsInstalledLater() {
        Mysqld node = node("mysql-8.0", "loose-rpl_semi_sync_source_timeout", "1000");
        root(node, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        assertEquals("1000", node.variables().get("rpl_semi_sync_source_timeout"));
    }

    @Test
    void pluginLoadAddLoadsAtStartAndAppliesItsSettings() {
        Mysqld node = node("mysql-5.7", "plugin-load-add", "semisync_master.so",
                "rpl_semi_sync_master_enabled", "1", "rpl-semi-sync-master-timeout", "1000");
        assertEquals(NodeState.RUNNING, node.state());
        assertEquals("ACTIVE", node.pluginStatus("rpl_semi_sync_master"));
        assertEquals("ON", node.status().get("Rpl_semi_sync_master_status"));
        assertEquals("1000", node.variables().get("rpl_semi_sync_master_timeout"));
    }

    @Test
    void installedPluginSurvivesARestart() {
        Mysqld node = node("mysql-8.0");
        root(node, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        root(node, "SET GLOBAL rpl_semi_sync_source_enabled = ON");
        node.crash();
        node.start();
        assertEquals("ACTIVE", node.pluginStatus("rpl_semi_sync_source"));
        assertEquals("OFF", node.variables().get("rpl_semi_sync_source_enabled"), "SET GLOBAL is not persistent");
    }

    @Test
    void setPersistSurvivesARestart() {
        Mysqld node = node("mysql-8.0");
        root(node, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        root(node, "SET PERSIST rpl_semi_sync_source_timeout = 2500");
        node.crash();
        node.start();
        assertEquals("2500", node.variables().get("rpl_semi_sync_source_timeout"));
    }

    @Test
    void mariadbHasSemisyncInTheServerNotAsAPluginWaitingAfterCommit() {
        Mysqld node = node("mariadb-10.11");
        assertNull(node.pluginStatus("rpl_semi_sync_master"), "not in INFORMATION_SCHEMA.PLUGINS since 10.3.3");
        assertEquals("AFTER_COMMIT", node.variables().get("rpl_semi_sync_master_wait_point"));
    }

    @Test
    void everyStartAfterACrashRecoversTheBinaryLogAfterThePluginsAreIn() {
        Mysqld node = node("mariadb-10.11", "rpl_semi_sync_master_enabled", "1");
        node.crash();
        node.start();
        List<String> lines = node.errorLog().lines();
        int enabled = indexOf(lines, "Semi-sync replication enabled on the master.");
        int binlog = indexOf(lines, "[Note] Recovering after a crash using mysql-bin");
        int start = indexOf(lines, "[Note] Starting table crash recovery...");
        int end = indexOf(lines, "[Note] Crash table recovery finished.");
        assertTrue(enabled >= 0 && enabled < binlog && binlog < start && start < end, String.join("\n", lines));
    }

    @Test
    void aCleanRestartRecoversNothing() {
        Mysqld node = node("mysql-5.7");
        node.shutdown();
        node.start();
        assertEquals(-1, indexOf(node.errorLog().lines(), "crash recovery"));
    }

    @Test
    void mysql80WritesItsXaRecoveryButNotTheInformationLevelBinlogLine() {
        Mysqld node = node("mysql-8.0");
        node.crash();
        node.start();
        assertTrue(indexOf(node.errorLog().lines(), "[System] [MY-010229] [Server] Starting XA crash recovery...") >= 0);
        assertEquals(-1, indexOf(node.errorLog().lines(), "Recovering after a crash"));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
