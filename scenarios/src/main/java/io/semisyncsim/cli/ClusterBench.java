package io.semisyncsim.cli;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.cluster.NodeSpec;
import io.semisyncsim.cluster.Workload;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.invariant.Invariants;
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
import java.util.TreeMap;

/**
 * The performance issue's cluster workloads: 1 source and N semisync replicas (AFTER_SYNC, 0.5 ms one
 * way, seed 1, mysql-8.0, replicas not logging what they apply), client sessions committing back to
 * back, the trace streamed to a temporary file, the built-in invariants checked at every instant;
 * optionally with gtid_mode = ON. Wall time and heap are read here, outside simulation code.
 */
final class ClusterBench {
    private ClusterBench() {
    }

    /**
     * One workload: {@code quorum} is rpl_semi_sync_source_wait_for_replica_count; {@code purge} rotates
     * the binary log every MB and expires files after a second, so memory stays flat however long it runs.
     */
    record Setup(int replicas, int quorum, int clients, long commits, boolean purge, boolean gtid) {
        Setup(int replicas, int quorum, int clients, long commits, boolean purge) {
            this(replicas, quorum, clients, commits, purge, false);
        }

        /** The headline: 1 source + 3 replicas, 16 clients. */
        static Setup headline(long commits) {
            return new Setup(3, 1, 16, commits, false);
        }

        /** The headline with gtid_mode = ON (and enforce_gtid_consistency) on every node. */
        static Setup headlineGtid(long commits) {
            return new Setup(3, 1, 16, commits, false, true);
        }

        /** N replicas waiting for half of them, as the 200 replicas with a quorum of 100. */
        static Setup replicas(int replicas, long commits) {
            return new Setup(replicas, Math.max(1, replicas / 2), 16, commits, false);
        }
    }

    record Run(long commits, long events, long virtualMicros, long wallNanos, long peakHeapBytes,
               long maxHeapAfterGcBytes) {
        double commitsPerSecond() {
            return commits / (wallNanos / 1e9);
        }

        double eventsPerSecond() {
            return events / (wallNanos / 1e9);
        }

        double simSecondsPerWallSecond() {
            return (virtualMicros / 1e6) / (wallNanos / 1e9);
        }
    }

    /** Unmeasured runs before the measured ones (JMH warms up five times by default). */
    static final int WARM_UP_RUNS = 3;

    /**
     * Runs {@code setup} {@link #WARM_UP_RUNS} times, up to 100,000 commits each, unmeasured. The JIT takes
     * that long to settle on this code: on the CI machine the first three 100,000-commit runs of a fresh
     * JVM take about 27, 15 and 9 us per commit, and every later one 8 to 9 (docs/PERFORMANCE.md), so one
     * short warm-up measured mostly the compiler.
     */
    static void warmUp(Setup setup) throws IOException {
        Setup small = new Setup(setup.replicas(), setup.quorum(), setup.clients(), Math.min(setup.commits(), 100_000),
                setup.purge(), setup.gtid());
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            run(small);
        }
    }

    static Run run(Setup setup) throws IOException {
        Map<String, String> source = new TreeMap<>(Map.of("plugin-load-add", "semisync_source.so",
                "rpl_semi_sync_source_enabled", "1",
                "rpl_semi_sync_source_wait_for_replica_count", Integer.toString(setup.quorum())));
        if (setup.purge()) {
            source.put("max_binlog_size", "1048576");
            source.put("binlog_expire_logs_seconds", "1");
        }
        // Replicas do not log what they apply (log_replica_updates OFF, ON by default since 8.0): the
        // workload every figure in docs/PERFORMANCE.md was measured with, before replicas could log.
        Map<String, String> replica = new TreeMap<>(Map.of("plugin-load-add", "semisync_replica.so",
                "rpl_semi_sync_replica_enabled", "1", "log_replica_updates", "OFF"));
        if (setup.gtid()) {
            for (Map<String, String> node : List.of(source, replica)) {
                node.put("gtid_mode", "ON");
                node.put("enforce_gtid_consistency", "ON");
            }
        }
        List<NodeSpec> nodes = new ArrayList<>();
        nodes.add(new NodeSpec("source", NodeSpec.Role.SOURCE, 1, OptionFile.of(source)));
        for (int i = 1; i <= setup.replicas(); i++) {
            nodes.add(new NodeSpec("replica" + i, NodeSpec.Role.REPLICA, 1 + i, OptionFile.of(replica)));
        }
        Path trace = Files.createTempFile("semisync-bench-", ".jsonl");
        resetPeaks();
        long[] done = {0};
        long t0 = System.nanoTime(); // the cluster's start (an ActorSystem, in a warm JVM) counts too
        try (HeapAfterGc heap = new HeapAfterGc();
             JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(trace));
             Cluster cluster = Cluster.start(new Cluster.Spec(Flavors.standard().get("mysql-8.0"), nodes,
                     SemisyncPlugins.register(new PluginFactories()), 1, new LinkSpec(500, 0), Map.of(), true, false, 0,
                     false), sink)) { // as `run` plays a file that never reads its relay logs
            // The built-in invariants are checked at every instant, as in every scenario run.
            cluster.kernel().setInstantObserver(Invariants.attach(cluster, List.of())::check);
            cluster.kernel().runFor(10_000);
            Workload.Progress progress = cluster.workload("source", new Workload.Spec(setup.clients(),
                    setup.commits(), 0, 0, "t1", 1_000_000_000L), new Workload.Sink() {
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
            return new Run(done[0], cluster.kernel().trace().digest().events(), cluster.kernel().now(), wall,
                    peakHeap(), heap.maxBytes());
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
}
