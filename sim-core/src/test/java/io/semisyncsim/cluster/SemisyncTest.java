package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The semisync protocol end to end: registration, the commit wait, timeout, fallback and switch-on.
 * The servers run with log_error_verbosity = 3 so the plugin's Notes reach the error log.
 */
class SemisyncTest {

    private static Cluster cluster(String flavor) {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_source.so", "rpl_semi_sync_source_enabled", "1",
                        "rpl_semi_sync_source_timeout", "1000", "log_error_verbosity", "3"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_replica.so", "rpl_semi_sync_replica_enabled", "1",
                        "log_error_verbosity", "3"))));
        return Cluster.start(new Cluster.Spec(Flavors.standard().get(flavor), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
    }

    private static String status(Mysqld n, String name) {
        return n.status().get(name);
    }

    @Test
    void replicaEnabledInTheOptionFileRegistersAsSemisyncAtStart() {
        try (Cluster c = cluster("mysql-8.0")) {
            c.kernel().runFor(10_000);
            assertEquals("1", status(c.node("source"), "Rpl_semi_sync_source_clients"));
            assertEquals("ON", status(c.node("replica1"), "Rpl_semi_sync_replica_status"));
            assertTrue(c.node("source").errorLog().lines().stream().anyMatch(l ->
                    l.contains("Start semi-sync binlog_dump to replica (server_id: 2), pos(binlog.000001, 4).")));
        }
    }

    @Test
    void aCommitWaitsOneRoundTripForTheAck() {
        try (Cluster c = cluster("mysql-8.0")) {
            c.kernel().runFor(10_000);
            long t0 = c.kernel().now();
            MysqldActor.Committed r = c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            assertTrue(r.semisync());
            // 205 us to the end of the sync stage, 500 us out, the transaction's 5 events written to the
            // relay log at 2 us each before the XID is acknowledged, 500 us back, 10 us engine commit
            assertEquals(205 + 500 + 5 * 2 + 500 + 10, c.kernel().now() - t0);
            assertEquals("1", status(c.node("source"), "Rpl_semi_sync_source_yes_tx"));
            assertEquals("1", status(c.node("source"), "Rpl_semi_sync_source_net_waits"));
        }
    }

    @Test
    void withoutAReplicaTheCommitWaitsTheTimeoutThenFallsBackToAsync() {
        try (Cluster c = cluster("mysql-8.0")) {
            c.kernel().runFor(10_000);
            c.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
            long t0 = c.kernel().now();
            MysqldActor.Committed r = c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            assertFalse(r.semisync());
            assertEquals(205 + 1_000_000 + 10, c.kernel().now() - t0, "waited rpl_semi_sync_source_timeout");
            Mysqld source = c.node("source");
            assertEquals("OFF", status(source, "Rpl_semi_sync_source_status"));
            assertEquals("1", status(source, "Rpl_semi_sync_source_no_tx"));
            assertEquals("1", status(source, "Rpl_semi_sync_source_no_times"));
            assertTrue(source.errorLog().lines().stream().anyMatch(l -> l.contains(
                    "Timeout waiting for reply of binlog (file: binlog.000001, pos: 446), semi-sync up to file binlog.000001, position 4.")));
            long t1 = c.kernel().now();
            c.insert("source", 0, "t1", 2, Long.MAX_VALUE);
            assertEquals(215, c.kernel().now() - t1, "while OFF a commit does not wait");
        }
    }

    @Test
    void semisyncSwitchesBackOnWhenTheReplicaCatchesUp() {
        try (Cluster c = cluster("mysql-8.0")) {
            c.kernel().runFor(10_000);
            c.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            c.heal();
            c.kernel().runFor(10_000);
            Mysqld source = c.node("source");
            assertEquals("ON", status(source, "Rpl_semi_sync_source_status"));
            assertTrue(source.errorLog().lines().stream().anyMatch(l -> l.contains("Semi-sync replication switched ON at (binlog.000001, 446).")));
            assertTrue(c.insert("source", 0, "t1", 2, Long.MAX_VALUE).semisync());
        }
    }

    @Test
    void enablingOnTheReplicaAtRuntimeTakesEffectOnlyAfterAnIoThreadRestart() {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_master.so", "rpl_semi_sync_master_enabled", "1"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_slave.so"))));
        try (Cluster c = Cluster.start(new Cluster.Spec(Flavors.standard().get("mysql-5.7"), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true))) {
            c.kernel().runFor(10_000);
            c.execute("replica1", Account.ROOT, "SET GLOBAL rpl_semi_sync_slave_enabled = 1");
            c.kernel().runFor(10_000);
            assertEquals("OFF", status(c.node("replica1"), "Rpl_semi_sync_slave_status"));
            assertEquals("0", status(c.node("source"), "Rpl_semi_sync_master_clients"));
            c.execute("replica1", Account.ROOT, "STOP SLAVE IO_THREAD");
            c.execute("replica1", Account.ROOT, "START SLAVE IO_THREAD");
            c.kernel().runFor(50_000); // the connect, a dozen set-up round trips of 1 ms, the dump
            assertEquals("ON", status(c.node("replica1"), "Rpl_semi_sync_slave_status"));
            assertEquals("1", status(c.node("source"), "Rpl_semi_sync_master_clients"));
        }
    }

    @Test
    void aSourceWithoutThePluginMakesTheReplicaFallBackWithAWarning() {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.empty()),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_replica.so", "rpl_semi_sync_replica_enabled", "1"))));
        try (Cluster c = Cluster.start(new Cluster.Spec(Flavors.standard().get("mysql-8.0"), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true))) {
            c.kernel().runFor(10_000);
            assertEquals("OFF", status(c.node("replica1"), "Rpl_semi_sync_replica_status"));
            assertTrue(c.node("replica1").errorLog().lines().stream().anyMatch(l -> l.contains(
                    "Source server does not support semi-sync, fallback to asynchronous replication")));
        }
    }
}
