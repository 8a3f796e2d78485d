package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SHOW PLUGINS and INFORMATION_SCHEMA.PLUGINS list what the server has, as it lists it. MariaDB's rows are
 * those Debian 12's mariadb-server 1:10.11.19 lists (lifecycle/mariadb-plugins-listed compares them all with
 * the real server); these tests pin the parts a change could break.
 */
class PluginListTest {

    private static List<String> column(List<List<String>> rows, int i) {
        return rows.stream().map(r -> r.get(i)).toList();
    }

    @Test
    void mariadbListsSixtyNineCompiledInPluginsInTheOrderItRegistersThem() {
        List<List<String>> rows = rows(root(node("mariadb-10.11"), "SHOW PLUGINS"));
        assertEquals(69, rows.size());
        assertEquals(List.of("binlog", "mysql_native_password", "mysql_old_password", "CSV", "MEMORY", "Aria",
                "MyISAM", "MRG_MyISAM"), column(rows, 0).subList(0, 8));
        assertEquals("InnoDB", rows.get(29).get(0));
        assertEquals("partition", rows.get(68).get(0));
        assertEquals(List.of("NULL"), column(rows, 3).stream().distinct().toList(), "none from a library");
    }

    @Test
    void mariadbListsFeedbackDisabledWithLoadOptionOff() {
        Mysqld node = node("mariadb-10.11");
        assertEquals(List.of(List.of("DISABLED", "OFF")), rows(root(node,
                "SELECT PLUGIN_STATUS, LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'FEEDBACK'")));
        assertEquals("DISABLED", node.pluginStatus("FEEDBACK"));
    }

    @Test
    void mariadbUuidIsTwoPluginsOfTwoTypes() {
        assertEquals(List.of(List.of("uuid", "DATA TYPE"), List.of("uuid", "FUNCTION")), rows(root(node("mariadb-10.11"),
                "SELECT PLUGIN_NAME, PLUGIN_TYPE FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'uuid'")));
    }

    @Test
    void mariadbPluginsTableHasMaturityAndAuthVersionAfterLoadOption() {
        StatementResult r = root(node("mariadb-10.11"),
                "SELECT * FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'InnoDB'");
        assertEquals(List.of("PLUGIN_NAME", "PLUGIN_VERSION", "PLUGIN_STATUS", "PLUGIN_TYPE", "PLUGIN_TYPE_VERSION",
                "PLUGIN_LIBRARY", "PLUGIN_LIBRARY_VERSION", "PLUGIN_AUTHOR", "PLUGIN_DESCRIPTION", "PLUGIN_LICENSE",
                "LOAD_OPTION", "PLUGIN_MATURITY", "PLUGIN_AUTH_VERSION"),
                ((StatementResult.Rows) r).resultSet().columns().stream().map(ResultSet.Column::name).toList());
        // InnoDB says its own version as the server's major.minor, and as the whole release for AUTH_VERSION.
        assertEquals(List.of(Arrays.asList("InnoDB", "10.11", "ACTIVE", "STORAGE ENGINE", "101119.0", null, null,
                "Oracle Corporation", "Supports transactions, row-level locking, foreign keys and encryption for tables",
                "GPL", "ON", "Stable", "10.11.19")), rows(r));
    }

    @Test
    void mysqlPluginsTableHasNoMariadbColumns() {
        StatementResult r = root(node("mysql-8.0"), "SELECT * FROM INFORMATION_SCHEMA.PLUGINS");
        assertEquals(List.of("PLUGIN_NAME", "PLUGIN_VERSION", "PLUGIN_STATUS", "PLUGIN_TYPE", "PLUGIN_TYPE_VERSION",
                "PLUGIN_LIBRARY", "PLUGIN_LIBRARY_VERSION", "PLUGIN_AUTHOR", "PLUGIN_DESCRIPTION", "PLUGIN_LICENSE",
                "LOAD_OPTION"),
                ((StatementResult.Rows) r).resultSet().columns().stream().map(ResultSet.Column::name).toList());
    }

    @Test
    void aPluginLoadedAtStartIsListedAfterTheCompiledInOnes() {
        // Started first (its errors precede the built-ins' log lines), registered after them.
        List<List<String>> rows = rows(root(node("mysql-8.0", "plugin_load_add", "semisync_source.so"),
                "SHOW PLUGINS"));
        assertEquals("binlog", rows.get(0).get(0));
        assertEquals(List.of("rpl_semi_sync_source", "ACTIVE", "REPLICATION", "semisync_source.so", "GPL"),
                rows.get(rows.size() - 1));
    }

    @Test
    void mariadbRefusesToInstallANameItHasWith1968BeforeLookingForTheLibrary() {
        // Measured on 10.11.19 with INSTALL PLUGIN uuid SONAME 'x.so': plugin_add finds the name first.
        assertEquals("ERROR 1968 (HY000): Plugin 'InnoDB' already installed",
                error(root(node("mariadb-10.11"), "INSTALL PLUGIN InnoDB SONAME 'no_such_library.so'")));
    }

    @Test
    void mysqlRefusesToInstallANameItHasWith1125() {
        assertEquals("ERROR 1125 (HY000): Function 'InnoDB' already exists",
                error(root(node("mysql-8.0"), "INSTALL PLUGIN InnoDB SONAME 'no_such_library.so'")));
    }
}
