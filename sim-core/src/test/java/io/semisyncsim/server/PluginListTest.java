package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SHOW PLUGINS and INFORMATION_SCHEMA.PLUGINS list what the server has, as it lists it. */
class PluginListTest {

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
