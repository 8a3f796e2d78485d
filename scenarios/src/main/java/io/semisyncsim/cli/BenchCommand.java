package io.semisyncsim.cli;

import io.semisyncsim.bench.BareCommitLoop;
import io.semisyncsim.bench.BareRelayRing;
import java.util.List;
import io.semisyncsim.bench.RelayRing;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Kernel throughput: the relay ring on the deterministic Akka kernel against the same work on a bare
 * priority-queue loop, medians of several iterations after a warm-up. Wall time is read here, outside
 * simulation code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the cluster and the kernel against bare event loops doing the same work.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5", description = "Measured runs (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--hops", paramLabel = "N", defaultValue = "200000", description = "Hops per token (default ${DEFAULT-VALUE}).")
    long hops;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "16", description = "Tokens in flight (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--actors", paramLabel = "N", defaultValue = "4", description = "Actors in the ring (default ${DEFAULT-VALUE}).")
    int actors;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--commits", paramLabel = "N", defaultValue = "100000",
            description = "Commits per cluster run (default ${DEFAULT-VALUE}).")
    long commits;

    @Override
    public Integer call() throws java.io.IOException {
        if (iterations < 1 || hops < 1 || tokens < 1 || actors < 1 || commits < 1) {
            System.err.println("semisync-sim: bench takes positive numbers");
            return Cli.INVALID;
        }
        RelayRing.run(1, actors, tokens, Math.min(hops, 20_000)); // warm-up, JIT
        BareRelayRing.run(1, actors, tokens, Math.min(hops, 20_000));
        double[] kernel = new double[iterations];
        double[] bare = new double[iterations];
        RelayRing.Result result = null;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            result = RelayRing.run(1, actors, tokens, hops);
            long t1 = System.nanoTime();
            RelayRing.Result reference = BareRelayRing.run(1, actors, tokens, hops);
            long t2 = System.nanoTime();
            if (!reference.equals(result)) {
                System.err.println("semisync-sim: kernel and bare loop disagree: " + result + " vs " + reference);
                return Cli.INTERNAL_ERROR;
            }
            kernel[i] = result.messages() / ((t1 - t0) / 1e9);
            bare[i] = reference.messages() / ((t2 - t1) / 1e9);
        }
        double k = median(kernel);
        double b = median(bare);
        // The headline: the cluster, and the bare commit loop measured in the same session.
        ClusterBench.run(Math.min(commits, 10_000)); // warm-up
        List<ClusterBench.Run> runs = new java.util.ArrayList<>();
        double[] bareCommits = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            runs.add(ClusterBench.run(commits));
            System.gc(); // each side starts from a collected heap (ClusterBench.run collects before it starts)
            long t0 = System.nanoTime();
            BareCommitLoop.Result r = BareCommitLoop.run(16, 3, commits, 500);
            bareCommits[i] = r.commits() / ((System.nanoTime() - t0) / 1e9);
        }
        double cps = median(ClusterBench.perSecond(runs, false).stream().mapToDouble(Double::doubleValue).toArray());
        double eps = median(ClusterBench.perSecond(runs, true).stream().mapToDouble(Double::doubleValue).toArray());
        double bcps = median(bareCommits);
        // The ratio pairs each cluster run with the bare loop run right after it, so a busy moment on the
        // machine slows both sides of one pair rather than skewing the ratio of two separate medians.
        double[] ratios = new double[iterations];
        double[] simPerWalls = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            ClusterBench.Run r = runs.get(i);
            double clusterCps = r.commits() / (r.wallNanos() / 1e9);
            ratios[i] = bareCommits[i] / clusterCps;
            simPerWalls[i] = (r.virtualMicros() / 1e6) / (r.wallNanos() / 1e9);
        }
        double ratio = median(ratios);
        double simPerWall = median(simPerWalls);
        long peakMb = runs.stream().mapToLong(ClusterBench.Run::peakHeapBytes).max().orElse(0) / (1024 * 1024);
        if (json) {
            Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"semisync 1 source + 3 replicas, AFTER_SYNC, 0.5 ms, 16 clients, "
                    + "trace to file\",\"commits\":%d,\"iterations\":%d,\"commits_per_second\":%.0f,"
                    + "\"bare_loop_commits_per_second\":%.0f,\"ratio\":%.2f,\"events_per_second\":%.0f,"
                    + "\"sim_seconds_per_wall_second\":%.2f,\"peak_heap_mb\":%d,\"kernel\":{\"workload\":\"relay-ring\","
                    + "\"messages\":%d,\"kernel_messages_per_second\":%.0f,\"bare_loop_messages_per_second\":%.0f}}%n",
                    commits, iterations, cps, bcps, ratio, eps, simPerWall, peakMb, result.messages(), k, b);
        } else {
            Cli.OUT.printf(Locale.ROOT, "cluster: 1 source + 3 semisync replicas, AFTER_SYNC, 0.5 ms, 16 clients, %d commits,"
                    + " trace to a file, median of %d%n", commits, iterations);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %,14.0f commits/s%n", "simulated cluster", cps);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %,14.0f commits/s%n", "bare commit loop", bcps);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %14.2fx%n", "bare loop / cluster (paired runs)", ratio);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %,14.0f events/s%n", "trace events", eps);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %14.2f%n", "simulated s per wall s", simPerWall);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %,14d MB%n", "peak heap", peakMb);
            Cli.OUT.printf(Locale.ROOT, "relay ring: %d actors, %d tokens, %d hops each, %d messages per run, median of %d%n",
                    actors, tokens, hops, result.messages(), iterations);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %,14.0f msgs/s%n", "deterministic Akka kernel", k);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %,14.0f msgs/s%n", "bare priority-queue loop", b);
            Cli.OUT.printf(Locale.ROOT, "  %-34s %14.2fx%n", "bare loop / kernel", b / k);
        }
        return Cli.OK;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
