package io.semisyncsim.cli;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.cluster.Workload;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.net.LinkSpec;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.JsonLinesSink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The performance issue's headline workload: 1 source + 3 semisync replicas, AFTER_SYNC, 0.5 ms one-way
 * latency, 16 sessions committing back to back, the trace streamed to a file. Wall time is read here,
 * outside simulation code.
 */
final class ClusterBench {
    private ClusterBench() {
    }

    record Run(long commits, long events, long virtualMicros, long wallNanos, long peakHeapBytes) {
    }

    static Run run(long commits) throws IOException {
        Map<String, String> replicaOptions = Map.of("plugin-load-add", "semisync_replica.so",
                "rpl_semi_sync_replica_enabled", "1");
        List<NodeSpec> nodes = List.of(
                new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(Map.of("plugin-load-add",
                        "semisync_source.so", "rpl_semi_sync_source_enabled", "1"))),
                new NodeSpec("replica1", NodeSpec.Role.REPLICA, 2, OptionFile.of(replicaOptions)),
                new NodeSpec("replica2", NodeSpec.Role.REPLICA, 3, OptionFile.of(replicaOptions)),
                new NodeSpec("replica3", NodeSpec.Role.REPLICA, 4, OptionFile.of(replicaOptions)));
        Path trace = Files.createTempFile("semisync-bench-", ".jsonl");
        resetPeaks();
        long t0 = System.nanoTime();
        long[] done = {0};
        try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(trace));
             Cluster cluster = Cluster.start(new Cluster.Spec(Flavors.standard().get("mysql-8.0"), nodes,
                     SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true), sink)) {
            cluster.kernel().runFor(10_000);
            Workload.Progress progress = cluster.workload("source", new Workload.Spec(16, commits, 0, 0, "t1",
                    1_000_000_000L), new Workload.Sink() {
                        @Override
                        public void committed(long key, long latencyMicros, boolean semisync) {
                            done[0]++;
                        }

                        @Override
                        public void failed() {
                        }
                    });
            cluster.kernel().runUntil(progress::finished, Long.MAX_VALUE);
            long wall = System.nanoTime() - t0;
            Run r = new Run(done[0], cluster.kernel().trace().digest().events(), cluster.kernel().now(), wall, peakHeap());
            return r;
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static List<Double> perSecond(List<Run> runs, boolean events) {
        List<Double> out = new ArrayList<>();
        for (Run r : runs) {
            out.add((events ? r.events() : r.commits()) / (r.wallNanos() / 1e9));
        }
        return out;
    }
}
