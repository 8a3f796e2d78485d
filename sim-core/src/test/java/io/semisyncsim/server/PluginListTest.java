package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SHOW PLUGINS and INFORMATION_SCHEMA.PLUGINS list what the server has, as it lists it. */
class PluginListTest {

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
