package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The manual's "Installing Semisynchronous Replication" section, statement by statement. */
class ManualInstallationTest {

    @Test
    void variablesDoNotExistBeforeInstallPlugin() {
        Mysqld source = node("mysql-5.7");
        assertEquals("ERROR 1193 (HY000): Unknown system variable 'rpl_semi_sync_master_enabled'",
                error(root(source, "SET GLOBAL rpl_semi_sync_master_enabled = 1")));
    }

    @Test
    void installPluginMakesItsVariablesAppearDisabled() {
        Mysqld source = node("mysql-5.7");
        assertInstanceOf(StatementResult.Ok.class,
                root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'"));
        assertEquals("OFF", source.variables().get("rpl_semi_sync_master_enabled"));
        assertEquals("10000", source.variables().get("rpl_semi_sync_master_timeout"));
        assertEquals("AFTER_SYNC", source.variables().get("rpl_semi_sync_master_wait_point"));
    }

    @Test
    void informationSchemaShowsTheInstalledPluginActive() {
        Mysqld source = node("mysql-5.7");
        root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        StatementResult r = root(source, "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS "
                + "WHERE PLUGIN_NAME LIKE '%semi%'");
        ResultSet rs = ((StatementResult.Rows) r).resultSet();
        assertEquals(List.of("PLUGIN_NAME", "PLUGIN_STATUS"), rs.columns().stream().map(ResultSet.Column::name).toList());
        assertEquals(List.of(List.of("rpl_semi_sync_master", "ACTIVE")), rs.rows());
    }

    @Test
    void enablingTurnsStatusOnEvenWithoutReplicas() {
        Mysqld source = node("mysql-5.7");
        root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        root(source, "SET GLOBAL rpl_semi_sync_master_enabled = 1");
        root(source, "SET GLOBAL rpl_semi_sync_master_timeout = 1000");
        assertEquals("ON", source.status().get("Rpl_semi_sync_master_status"));
        assertEquals("0", source.status().get("Rpl_semi_sync_master_clients"));
        assertEquals("1000", source.variables().get("rpl_semi_sync_master_timeout"));
        assertTrue(source.errorLog().lines().stream().anyMatch(l -> l.endsWith("[Note] Semi-sync replication enabled on the master.")));
    }

    @Test
    void missingLibraryGives1126WithTheFullPath() {
        Mysqld source = node("mysql-5.7");
        assertEquals("ERROR 1126 (HY000): Can't open shared library '/usr/lib64/mysql/plugin/semisync_source.so' "
                + "(errno: 2 cannot open shared object file: No such file or directory)",
                error(root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'")));
    }

    @Test
    void installingTwiceGives1125() {
        Mysqld source = node("mysql-8.0");
        root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        assertEquals("ERROR 1125 (HY000): Function 'rpl_semi_sync_source' already exists",
                error(root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'")));
    }

    @Test
    void oldAndNewNamesTogetherGive4045() {
        Mysqld source = node("mysql-8.0");
        root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        assertEquals("ERROR 4045 (HY000): Cannot install the rpl_semi_sync_source plugin when the "
                + "rpl_semi_sync_master plugin is installed.",
                error(root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'")));
    }

    @Test
    void installingTheOldNameOn80GivesDeprecationNote1287() {
        Mysqld source = node("mysql-8.0");
        StatementResult r = root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        assertEquals(List.of(new StatementResult.Warning("Note", 1287, "'rpl_semi_sync_master' is deprecated and will "
                + "be removed in a future release. Please use rpl_semi_sync_source instead")), r.warnings());
    }

    @Test
    void setGlobalWithoutSuperGives1227() {
        Mysqld source = node("mysql-8.0");
        root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        assertEquals("ERROR 1227 (42000): Access denied; you need (at least one of) the SUPER or "
                + "SYSTEM_VARIABLES_ADMIN privilege(s) for this operation",
                error(source.execute(Account.APP, "SET GLOBAL rpl_semi_sync_source_enabled = 1")));
    }

    @Test
    void setGlobalWithoutSuperOn57NamesOnlySuper() {
        Mysqld source = node("mysql-5.7");
        root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        assertEquals("ERROR 1227 (42000): Access denied; you need (at least one of) the SUPER privilege(s) for this "
                + "operation", error(source.execute(Account.APP, "SET GLOBAL rpl_semi_sync_master_enabled = 1")));
    }

    @Test
    void badValuesGive1231And1232() {
        Mysqld source = node("mysql-8.0");
        root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        assertEquals("ERROR 1231 (42000): Variable 'rpl_semi_sync_source_enabled' can't be set to the value of '2'",
                error(root(source, "SET GLOBAL rpl_semi_sync_source_enabled = 2")));
        assertEquals("ERROR 1231 (42000): Variable 'rpl_semi_sync_source_wait_point' can't be set to the value of "
                + "'SOMETIMES'", error(root(source, "SET GLOBAL rpl_semi_sync_source_wait_point = 'SOMETIMES'")));
        assertEquals("ERROR 1232 (42000): Incorrect argument type to variable 'rpl_semi_sync_source_timeout'",
                error(root(source, "SET GLOBAL rpl_semi_sync_source_timeout = 'ten'")));
    }

    @Test
    void outOfRangeNumberIsClampedWithWarning1292() {
        Mysqld source = node("mysql-8.0");
        root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        StatementResult r = root(source, "SET GLOBAL rpl_semi_sync_source_wait_for_replica_count = 0");
        assertEquals(List.of(new StatementResult.Warning("Warning", 1292,
                "Truncated incorrect rpl_semi_sync_source_wait_for_replica_count value: '0'")), r.warnings());
        assertEquals("1", source.variables().get("rpl_semi_sync_source_wait_for_replica_count"));
    }

    @Test
    void uninstallRemovesTheVariables() {
        Mysqld source = node("mysql-8.0");
        root(source, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'");
        assertInstanceOf(StatementResult.Ok.class, root(source, "UNINSTALL PLUGIN rpl_semi_sync_source"));
        assertNull(source.variables().find("rpl_semi_sync_source_enabled"));
        assertNull(source.pluginStatus("rpl_semi_sync_source"));
    }

    @Test
    void withoutDynamicLoadingInstallFails() {
        Mysqld source = node("mysql-5.7", "have_dynamic_loading", "NO");
        assertEquals("ERROR 1289 (HY000): The 'plugin' feature is disabled; you need MySQL built with 'HAVE_DLOPEN' to "
                + "have it working", error(root(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'")));
    }

    @Test
    void syntaxErrorQuotesTheRestOfTheStatement() {
        Mysqld source = node("mysql-8.0");
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to "
                + "your MySQL server version for the right syntax to use near 'PLUGINZ rpl_semi_sync_source' at line 1",
                error(root(source, "INSTALL PLUGINZ rpl_semi_sync_source")));
    }

    @Test
    void mysql84RejectsTheSlaveSpelling() {
        Mysqld source = node("mysql-8.4");
        assertTrue(error(root(source, "STOP SLAVE IO_THREAD")).startsWith("ERROR 1064 (42000)"));
    }
}
