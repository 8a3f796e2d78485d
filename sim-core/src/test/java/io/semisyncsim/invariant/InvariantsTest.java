package io.semisyncsim.invariant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each invariant holds over what the simulator does, and is broken by what it must not do. */
class InvariantsTest {

    /** 1 source + 1 semisync replica, AFTER_SYNC, a 1 s timeout; the invariants checked at every instant. */
    private static Cluster cluster() {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_source.so", "rpl_semi_sync_source_enabled", "1",
                        "rpl_semi_sync_source_timeout", "1000"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_replica.so", "rpl_semi_sync_replica_enabled", "1"))));
        Cluster c = Cluster.start(new Cluster.Spec(Flavors.standard().get("mysql-8.0"), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
        c.kernel().runFor(10_000);
        return c;
    }

    /** The same on MariaDB, whose RESET MASTER after a commit waits for InnoDB's next redo flush. */
    private static Cluster mariadb() {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of(
                        "rpl_semi_sync_master_enabled", "1", "rpl_semi_sync_master_timeout", "1000"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "rpl_semi_sync_slave_enabled", "1"))));
        Cluster c = Cluster.start(new Cluster.Spec(Flavors.standard().get("mariadb-10.11"), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true));
        c.kernel().runFor(10_000);
        return c;
    }

    private static Invariants watch(Cluster c) {
        Invariants invariants = Invariants.attach(c, List.of());
        c.kernel().setInstantObserver(invariants::check);
        return invariants;
    }

    private static TraceEvent semisyncOk(Cluster c, long pos) {
        return new TraceEvent(c.kernel().now(), "source", "connection", "commit.ok", "trx", 99L, "end",
                new BinlogPosition("binlog.000001", pos), "semisync", true);
    }

    @Test
    void semisyncCommitsAndATimeoutIntoAsyncBreakNothing() {
        try (Cluster c = cluster()) {
            Invariants invariants = watch(c);
            for (long key = 1; key <= 5; key++) {
                assertTrue(c.insert("source", 0, "t1", key, Long.MAX_VALUE).semisync());
            }
            c.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
            assertEquals(false, c.insert("source", 0, "t1", 6, Long.MAX_VALUE).semisync()); // waits 1 s, then async
            c.heal();
            c.kernel().runFor(2_000_000);
            assertNull(invariants.violation());
            assertEquals(6, invariants.names().size());
        }
    }

    @Test
    void aSemisyncOkThatNoRelayLogHoldsBreaksAcknowledgedCommitReachedReplicas() {
        try (Cluster c = cluster()) {
            Invariant relay = new AcknowledgedCommitReachedReplicas();
            relay.event(semisyncOk(c, 100_000), c);
            Violation v = relay.check(c);
            assertNotNull(v);
            assertEquals("source", v.node());
            assertTrue(v.message().contains("0 replicas' relay logs held it where wait_for_replica_count is 1"),
                    v.message());
        }
    }

    @Test
    void aSemisyncOkBeforeAnyAckWasReadBreaksAcknowledgedBeforeVisible() {
        try (Cluster c = cluster()) {
            Invariant visible = new AcknowledgedBeforeVisible();
            visible.event(semisyncOk(c, 100_000), c);
            assertTrue(visible.check(c).message().contains("became visible at AFTER_SYNC with 0 of the 1"));
        }
    }

    @Test
    void flushStatusAndResetMasterZeroTheCountersWithoutBreakingStatusCountersNeverDecrease() {
        try (Cluster c = cluster()) {
            Invariants invariants = watch(c);
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            // Each is a reset the plugin counts when it runs (a FLUSH STATUS may wait for an ACK, a RESET
            // MASTER for the engine's redo flush), whoever sent it: a client, or a replica's SQL thread.
            c.execute("source", Account.named("root"), "FLUSH STATUS");
            c.insert("source", 0, "t1", 2, Long.MAX_VALUE);
            c.execute("source", Account.named("root"), "RESET MASTER");
            c.insert("source", 0, "t1", 3, Long.MAX_VALUE);
            assertNull(invariants.violation());
        }
    }

    @Test
    void aResetMasterThatWaitsForTheRedoFlushBreaksNothing() {
        try (Cluster c = mariadb()) {
            Invariants invariants = watch(c);
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            long sent = c.kernel().now();
            c.execute("source", Account.named("root"), "RESET MASTER"); // counters read non-zero while it waits
            assertTrue(c.kernel().now() > sent, "it waited for the redo flush");
            assertNull(invariants.violation());
        }
    }

    @Test
    void aCounterGoingDownWithNoResetBreaksStatusCountersNeverDecrease() {
        try (Cluster c = cluster()) {
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            var plugin = c.node("source").plugin(io.semisyncsim.semisync.SemisyncSourcePlugin.class);
            StatusCountersNeverDecrease counters = new StatusCountersNeverDecrease();
            long[] last = counters.fresh();
            assertNull(counters.check(c.node("source"), plugin, last, 0));
            last[0] += 5; // as if yes_tx had been 5 more at the last look, and no reset ran since
            Violation v = counters.check(c.node("source"), plugin, last, 0);
            assertNotNull(v);
            assertTrue(v.message().startsWith("status counter yes_tx went down from 6 to 1"), v.message());
        }
    }

    @Test
    void aReplyPositionThatMovesBackBreaksReplyPositionMonotonic() {
        try (Cluster c = cluster()) {
            c.insert("source", 0, "t1", 1, Long.MAX_VALUE);
            var plugin = c.node("source").plugin(io.semisyncsim.semisync.SemisyncSourcePlugin.class);
            ReplyPositionMonotonic reply = new ReplyPositionMonotonic();
            ReplyPositionMonotonic.Seen seen = reply.fresh();
            assertNull(reply.check(c.node("source"), plugin, seen, 0));
            // As if an ACK past the file's end had been read at the last look, with no switch-off, disable or
            // RESET MASTER since: the reply position now is behind it.
            seen.reply = new BinlogPosition("binlog.000001", 1_000_000);
            Violation v = reply.check(c.node("source"), plugin, seen, 0);
            assertNotNull(v);
            assertTrue(v.message().startsWith("the reply position moved back from (binlog.000001, 1000000)"),
                    v.message());
        }
    }

    @Test
    void aResetMasterStartsTheReplyPositionsEpochOver() {
        try (Cluster c = cluster()) {
            Invariants invariants = watch(c);
            for (long key = 1; key <= 3; key++) {
                c.insert("source", 0, "t1", key, Long.MAX_VALUE);
            }
            c.execute("source", Account.named("root"), "RESET MASTER");
            c.insert("source", 0, "t1", 4, Long.MAX_VALUE); // acknowledged at a position below the last one
            assertNull(invariants.violation());
        }
    }

    @Test
    void aSemisyncClientWithoutADumpThreadBreaksSemisyncClientsMatchDumpThreads() {
        try (Cluster c = cluster()) {
            Invariant clients = new SemisyncClientsMatchDumpThreads();
            assertNull(clients.check(c), "one replica, one dump thread");
            // add_slave with no dump thread behind it: a client counted that no replica streams to.
            c.node("source").plugin(io.semisyncsim.semisync.SemisyncSourcePlugin.class).source().addReplica();
            Violation v = clients.check(c);
            assertNotNull(v);
            assertEquals("clients is 2 but 1 semisync binlog dump thread is alive", v.message());
        }
    }

    @Test
    void aSemisyncDumpThatLostItsRegistrationBreaksSemisyncClientsMatchDumpThreads() {
        try (Cluster c = cluster()) {
            Invariant clients = new SemisyncClientsMatchDumpThreads();
            // remove_slave while the semisync dump thread still streams: a replica the source no longer counts.
            c.node("source").plugin(io.semisyncsim.semisync.SemisyncSourcePlugin.class).source()
                    .removeReplica(true, false, c.kernel().now());
            Violation v = clients.check(c);
            assertNotNull(v);
            assertEquals("clients is 0 but 1 semisync binlog dump thread is alive", v.message());
        }
    }

    @Test
    void waitSessionsMatchTheThreadsWaitingForAnAck() {
        try (Cluster c = cluster()) {
            Invariants invariants = watch(c);
            c.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
            c.workload("source", new io.semisyncsim.cluster.Workload.Spec(3, 3, 0, 0, "t1", 1_000_000L),
                    new io.semisyncsim.cluster.Workload.Sink() {
                        @Override
                        public void committed(long key, long latencyMicros, boolean semisync) {
                        }

                        @Override
                        public void failed() {
                        }
                    });
            c.kernel().runFor(500_000); // half the timeout: a group waits
            assertEquals("1", c.node("source").status().get("Rpl_semi_sync_source_wait_sessions"));
            assertNull(invariants.violation());
        }
    }
}
