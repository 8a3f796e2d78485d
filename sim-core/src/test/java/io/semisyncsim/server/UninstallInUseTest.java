package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.semisyncsim.semisync.SemisyncReplicaPlugin;
import org.junit.jupiter.api.Test;

/** UNINSTALL PLUGIN is refused with 1883 and the plugin's own reason while the plugin is in use. */
class UninstallInUseTest {

    @Test
    void replicaPluginCannotGoWhileItsIoThreadRunsSemisync() {
        Mysqld replica = node("mysql-8.0");
        root(replica, "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'");
        root(replica, "SET GLOBAL rpl_semi_sync_replica_enabled = ON");
        replica.plugin(SemisyncReplicaPlugin.class).ioThreadStarted(); // the thread_start hook
        assertEquals("ERROR 1883 (HY000): Plugin 'rpl_semi_sync_replica' cannot be uninstalled now. "
                + "Stop any active semisynchronous I/O threads on this replica first.",
                error(root(replica, "UNINSTALL PLUGIN rpl_semi_sync_replica")));
    }

    @Test
    void oldNamedReplicaPluginSaysSlave() {
        Mysqld replica = node("mysql-5.7");
        root(replica, "INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'");
        root(replica, "SET GLOBAL rpl_semi_sync_slave_enabled = ON");
        replica.plugin(SemisyncReplicaPlugin.class).ioThreadStarted();
        assertEquals("ERROR 1883 (HY000): Plugin 'rpl_semi_sync_slave' cannot be uninstalled now. "
                + "Stop any active semisynchronous I/O threads on this slave first.",
                error(root(replica, "UNINSTALL PLUGIN rpl_semi_sync_slave")));
    }

    @Test
    void replicaPluginCanGoOnceItsIoThreadStopped() {
        Mysqld replica = node("mysql-8.0");
        root(replica, "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'");
        root(replica, "SET GLOBAL rpl_semi_sync_replica_enabled = ON");
        SemisyncReplicaPlugin plugin = replica.plugin(SemisyncReplicaPlugin.class);
        plugin.ioThreadStarted();
        plugin.ioThreadStopped(); // thread_stop hook
        assertInstanceOf(StatementResult.Ok.class, root(replica, "UNINSTALL PLUGIN rpl_semi_sync_replica"));
    }

    @Test
    void ioThreadStartedWithThePluginDisabledLeavesStatusOff() {
        Mysqld replica = node("mysql-8.0");
        root(replica, "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'");
        replica.plugin(SemisyncReplicaPlugin.class).ioThreadStarted();
        assertEquals("OFF", replica.status().get("Rpl_semi_sync_replica_status"));
    }

    @Test
    void builtInPluginsCannotBeUninstalled() {
        Mysqld source = node("mysql-8.0");
        assertEquals("ERROR 1619 (HY000): Built-in plugins cannot be deleted",
                error(root(source, "UNINSTALL PLUGIN InnoDB")));
    }

    @Test
    void mariadbsSemisyncIsPartOfTheServerSoThereIsNoPluginToUninstall() {
        Mysqld source = node("mariadb-10.11");
        assertEquals("ERROR 1305 (42000): PLUGIN rpl_semi_sync_master does not exist",
                error(root(source, "UNINSTALL PLUGIN rpl_semi_sync_master")));
    }

    @Test
    void unknownPluginGives1305() {
        Mysqld source = node("mysql-8.0");
        assertEquals("ERROR 1305 (42000): PLUGIN rpl_semi_sync_source does not exist",
                error(root(source, "UNINSTALL PLUGIN rpl_semi_sync_source")));
    }
}
