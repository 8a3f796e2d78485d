package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.net.NetworkModel;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.MemorySink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the facade offers a scenario besides blocking statements: a statement sent and reaped later, and a flapping link. */
class ClusterClientTest {

    private static Cluster cluster(MemorySink sink) {
        return cluster(sink, 0);
    }

    private static Cluster cluster(MemorySink sink, long clientLatency) {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_source.so", "rpl_semi_sync_source_enabled", "1",
                        "rpl_semi_sync_source_timeout", "1000"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(Map.of(
                        "plugin-load-add", "semisync_replica.so", "rpl_semi_sync_replica_enabled", "1"))));
        return Cluster.start(new Cluster.Spec(Flavors.standard().get("mysql-8.0"), nodes,
                SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true, false,
                clientLatency), sink);
    }

    @Test
    void aStatementReachesItsServerAClientLatencyAfterItIsSentAndItsAnswerComesAsLate() {
        try (Cluster c = cluster(new MemorySink(), 3_000)) {
            List<Long> arrivals = new java.util.ArrayList<>();
            c.onStatementArrival((node, sql) -> arrivals.add(c.kernel().now()));
            long sent = c.kernel().now();
            c.execute("source", Account.named("root"), "SELECT 1");
            assertEquals(List.of(sent + 3_000), arrivals, "the server has it one way later");
            assertEquals(sent + 6_000, c.kernel().now(), "the client has the answer a round trip after it sent it");
        }
    }

    @Test
    void aWorkloadSessionsNextCommitFollowsItsOkByAClientRoundTrip() {
        long withoutLatency = -1;
        for (long latency : new long[] {0, 2_000}) {
            try (Cluster c = cluster(new MemorySink(), latency)) {
                List<Long> latencies = new java.util.ArrayList<>();
                Workload.Progress p = c.workload("source", new Workload.Spec(1, 2, 0, 0, "t1", 1), new Workload.Sink() {
                    @Override
                    public void committed(long key, long latencyMicros, boolean semisync) {
                        latencies.add(latencyMicros);
                    }

                    @Override
                    public void failed() {
                    }
                });
                long start = c.kernel().now();
                c.kernel().runUntil(p::finished, start + 1_000_000);
                assertEquals(2, latencies.size());
                // Each commit's latency, as the client measures it, is the server's own plus the round trip,
                // and the second starts only when the first's OK is back.
                assertEquals(latencies.get(0), latencies.get(1), "back to back, the same cost each time");
                assertEquals(start + 2 * latencies.get(0), c.kernel().now());
                if (latency == 0) {
                    withoutLatency = latencies.get(0);
                } else {
                    assertEquals(withoutLatency + 2 * latency, latencies.get(0));
                }
            }
        }
    }

    @Test
    void aSentCommitWaitsForItsAckWhileAnotherSessionReads() {
        try (Cluster c = cluster(new MemorySink())) {
            c.kernel().runFor(10_000);
            c.partition(java.util.Set.of("source"), java.util.Set.of("replica1"), true, NetworkModel.Cut.HOLD);
            long session = c.openSession();
            long id = c.send("source", session, Account.named("root"), "INSERT INTO t1 VALUES (1, 'one')");
            c.kernel().runFor(100_000);
            assertNull(c.poll(id), "the commit waits for an ACK that the partition holds");
            assertEquals("1", c.node("source").status().get("Rpl_semi_sync_source_wait_sessions"));
            StatementResult count = c.execute("source", Account.named("root"), "SELECT COUNT(*) FROM t1");
            assertEquals("0", ((StatementResult.Rows) count).resultSet().rows().get(0).get(0),
                    "AFTER_SYNC: the waiting row is not visible to other sessions");
            c.heal();
            c.kernel().runFor(10_000);
            StatementResult answer = c.poll(id).result();
            assertNotNull(answer);
            assertInstanceOf(StatementResult.Ok.class, answer);
            assertNull(c.poll(id), "an answer is given once");
        }
    }

    @Test
    void aFlappingLinkIsCutAndHealedOnVirtualTime() {
        MemorySink sink = new MemorySink();
        try (Cluster c = cluster(sink)) {
            long t0 = c.kernel().now();
            c.flap("source", "replica1", true, NetworkModel.Cut.HOLD, 2_000_000, 500_000, 3);
            c.kernel().runFor(10_000_000);
            List<String> lines = sink.jsonl().lines().filter(l -> l.contains("\"kind\":\"partition\"") || l.contains("\"kind\":\"heal\""))
                    .toList();
            assertEquals(6, lines.size(), String.join("\n", lines));
            long[] expected = {0, 500_000, 2_000_000, 2_500_000, 4_000_000, 4_500_000};
            for (int i = 0; i < expected.length; i++) {
                assertTrue(lines.get(i).contains("\"t\":" + (t0 + expected[i]) + ","), lines.get(i));
                assertTrue(lines.get(i).contains(i % 2 == 0 ? "\"kind\":\"partition\"" : "\"kind\":\"heal\""), lines.get(i));
            }
        }
    }
}
