package io.semisyncsim.cli;

import io.semisyncsim.bench.BareCommitLoop;
import io.semisyncsim.bench.BareRelayRing;
import io.semisyncsim.bench.RelayRing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The performance issue's workloads, each with fixed seeds, medians of several iterations after a
 * warm-up: the headline cluster against a bare commit loop and the kernel against a bare relay ring;
 * cost per replica and per client session; time compression on library scenarios; ten million
 * commits' memory. Wall time is read here, outside simulation code (docs/PERFORMANCE.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the simulator against bare event loops doing the same work.",
            "Workloads: headline (default: 1+3 cluster, bare commit loop, kernel relay ring), gtid (the headline"
                + " cluster with gtid_mode OFF and ON, paired), replicas, clients, timeouts (time compression),"
                + " memory (10 M commits; run the JVM with -Xmx512m), sweep (40 runs, --jobs 2 against --jobs 1)."})
final class BenchCommand implements Callable<Integer> {

    enum Workload { HEADLINE, GTID, REPLICAS, CLIENTS, TIMEOUTS, MEMORY, SWEEP }

    @Option(names = "--workload", paramLabel = "W", defaultValue = "headline",
            description = "headline, gtid, replicas, clients, timeouts, memory or sweep (default ${DEFAULT-VALUE}).")
    Workload workload;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Measured runs of each case (default: 5 for headline and timeouts, 1 otherwise).")
    Integer iterations;

    @Option(names = "--commits", paramLabel = "N", description = "Commits per cluster run (default: 100,000;"
            + " 50,000 for replicas; 10,000,000 for memory).")
    Long commits;

    @Option(names = "--replicas", paramLabel = "N", split = ",", defaultValue = "1,3,10,30,100,200",
            description = "Replica counts for the replicas workload, each waiting for half (default ${DEFAULT-VALUE}).")
    List<Integer> replicaCounts;

    @Option(names = "--clients", paramLabel = "N", split = ",", defaultValue = "1,4,16,64,256",
            description = "Client sessions for the clients workload (default ${DEFAULT-VALUE}).")
    List<Integer> clientCounts;

    @Option(names = "--hops", paramLabel = "N", defaultValue = "200000", description = "Relay ring: hops per token (default ${DEFAULT-VALUE}).")
    long hops;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "16", description = "Relay ring: tokens in flight (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--actors", paramLabel = "N", defaultValue = "4", description = "Relay ring: actors (default ${DEFAULT-VALUE}).")
    int actors;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int n = iterations != null ? iterations
                : workload == Workload.HEADLINE || workload == Workload.TIMEOUTS || workload == Workload.GTID ? 5 : 1;
        long c = commits != null ? commits
                : workload == Workload.REPLICAS ? 50_000 : workload == Workload.MEMORY ? 10_000_000 : 100_000;
        if (n < 1 || c < 1 || hops < 1 || tokens < 1 || actors < 1
                || replicaCounts.stream().anyMatch(r -> r < 1) || clientCounts.stream().anyMatch(k -> k < 1)) {
            System.err.println("semisync-sim: bench takes positive numbers");
            return Cli.INVALID;
        }
        if (!json) {
            // Figures depend on the collector as much as on the code (docs/PERFORMANCE.md, "The collector").
            Cli.OUT.printf(Locale.ROOT, "jvm: %s%n", jvm());
        }
        return switch (workload) {
            case HEADLINE -> headline(n, c);
            case GTID -> gtid(n, c);
            case REPLICAS -> series("replicas", replicaCounts.stream().map(r -> ClusterBench.Setup.replicas(r, c)).toList(), n);
            case CLIENTS -> series("clients", clientCounts.stream().map(k -> new ClusterBench.Setup(3, 1, k, c, false)).toList(), n);
            case TIMEOUTS -> timeouts(n);
            case MEMORY -> series("memory", List.of(new ClusterBench.Setup(3, 1, 16, c, true)), n);
            case SWEEP -> SweepBench.run(iterations != null ? n : 3, 40, json);
        };
    }

    /** The Java version, the collector and the heap limit the figures were taken with. */
    static String jvm() {
        String collectors = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName)
                .collect(java.util.stream.Collectors.joining(" + "));
        return String.format(Locale.ROOT, "Java %s, collector %s, max heap %,d MB", Runtime.version(), collectors,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The cluster and the bare commit loop in the same session, then the kernel ring and its bare loop. */
    private int headline(int n, long c) throws IOException {
        ClusterBench.warmUp(ClusterBench.Setup.headline(c));
        for (int i = 0; i < ClusterBench.WARM_UP_RUNS; i++) {
            BareCommitLoop.run(16, 3, c, 500); // the reference is measured warm too
        }
        List<ClusterBench.Run> runs = new ArrayList<>();
        double[] bare = new double[n];
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ClusterBench.Run run = ClusterBench.run(ClusterBench.Setup.headline(c));
            runs.add(run);
            System.gc(); // each side starts from a collected heap (ClusterBench.run collects before it starts)
            bare[i] = bareCommitsPerSecond(c);
            // Paired: a slow moment of the machine slows both sides of one pair rather than skewing the
            // ratio of two separate medians.
            ratios[i] = bare[i] / run.commitsPerSecond();
        }
        // The relay ring after the cluster: run first, its actors made Akka's call sites megamorphic
        // before the cluster was measured (about a tenth slower), which a scenario run never sees.
        Ring ring = ring(n);
        if (ring == null) {
            return Cli.INTERNAL_ERROR;
        }
        double cps = median(runs, ClusterBench.Run::commitsPerSecond);
        double eps = median(runs, ClusterBench.Run::eventsPerSecond);
        double simPerWall = median(runs, ClusterBench.Run::simSecondsPerWallSecond);
        long peakMb = mb(runs.stream().mapToLong(ClusterBench.Run::peakHeapBytes).max().orElse(0));
        double bcps = median(bare);
        double ratio = median(ratios);
        if (json) {
            Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"semisync 1 source + 3 replicas, AFTER_SYNC, 0.5 ms, 16 clients, "
                    + "trace to file\",\"commits\":%d,\"iterations\":%d,\"commits_per_second\":%.0f,"
                    + "\"bare_loop_commits_per_second\":%.0f,\"ratio\":%.2f,\"events_per_second\":%.0f,"
                    + "\"sim_seconds_per_wall_second\":%.2f,\"peak_heap_mb\":%d,\"jvm\":\"%s\",\"kernel\":{\"workload\":\"relay-ring\","
                    + "\"messages\":%d,\"kernel_messages_per_second\":%.0f,\"bare_loop_messages_per_second\":%.0f}}%n",
                    c, n, cps, bcps, ratio, eps, simPerWall, peakMb, jvm(), ring.messages, ring.kernel, ring.bare);
            return Cli.OK;
        }
        Cli.OUT.printf(Locale.ROOT, "cluster: 1 source + 3 semisync replicas, AFTER_SYNC, 0.5 ms, 16 clients, %d commits,"
                + " trace to a file, median of %d%n", c, n);
        line("simulated cluster", "%,14.0f commits/s", cps);
        line("bare commit loop", "%,14.0f commits/s", bcps);
        line("bare loop / cluster (paired runs)", "%14.2fx", ratio);
        line("trace events", "%,14.0f events/s", eps);
        line("simulated s per wall s", "%14.2f", simPerWall);
        line("peak heap", "%,14d MB", peakMb);
        Cli.OUT.printf(Locale.ROOT, "relay ring: %d actors, %d tokens, %d hops each, %d messages per run, median of %d%n",
                actors, tokens, hops, ring.messages, n);
        line("deterministic Akka kernel", "%,14.0f msgs/s", ring.kernel);
        line("bare priority-queue loop", "%,14.0f msgs/s", ring.bare);
        line("bare loop / kernel", "%14.2fx", ring.bare / ring.kernel);
        return Cli.OK;
    }

    /**
     * The headline cluster with gtid_mode OFF, then ON, {@code n} times in turn: each pair's ratio is the
     * cost of GTIDs at one moment of the machine, and the median of the ratios is the figure.
     */
    private int gtid(int n, long c) throws IOException {
        ClusterBench.warmUp(ClusterBench.Setup.headlineGtid(c));
        ClusterBench.warmUp(ClusterBench.Setup.headline(c));
        List<ClusterBench.Run> off = new ArrayList<>();
        List<ClusterBench.Run> on = new ArrayList<>();
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            off.add(ClusterBench.run(ClusterBench.Setup.headline(c)));
            on.add(ClusterBench.run(ClusterBench.Setup.headlineGtid(c)));
            ratios[i] = off.get(i).commitsPerSecond() / on.get(i).commitsPerSecond();
        }
        double offCps = median(off, ClusterBench.Run::commitsPerSecond);
        double onCps = median(on, ClusterBench.Run::commitsPerSecond);
        double ratio = median(ratios);
        long offPeak = mb(off.stream().mapToLong(ClusterBench.Run::peakHeapBytes).max().orElse(0));
        long onPeak = mb(on.stream().mapToLong(ClusterBench.Run::peakHeapBytes).max().orElse(0));
        if (json) {
            Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"gtid: semisync 1 source + 3 replicas, AFTER_SYNC, 0.5 ms, 16 clients,"
                    + " trace to file, gtid_mode OFF then ON\",\"commits\":%d,\"iterations\":%d,"
                    + "\"off_commits_per_second\":%.0f,\"on_commits_per_second\":%.0f,\"off_over_on\":%.3f,"
                    + "\"off_peak_heap_mb\":%d,\"on_peak_heap_mb\":%d}%n", c, n, offCps, onCps, ratio, offPeak, onPeak);
            return Cli.OK;
        }
        Cli.OUT.printf(Locale.ROOT, "gtid: 1 source + 3 semisync replicas, AFTER_SYNC, 0.5 ms, 16 clients, %d commits,"
                + " trace to a file, gtid_mode OFF then ON in turn, median of %d%n", c, n);
        line("gtid_mode OFF", "%,14.0f commits/s", offCps);
        line("gtid_mode ON", "%,14.0f commits/s", onCps);
        line("OFF / ON (paired runs)", "%14.3fx", ratio);
        line("peak heap OFF / ON", "%14s", offPeak + " / " + onPeak + " MB");
        return Cli.OK;
    }

    /**
     * The bare loop does {@code c} commits some fifteen times faster than the cluster: timed once, 100,000
     * of them took 40 to 60 ms and read anywhere from 1.2 to 2.8 M commits/s. It is timed over at least a
     * million commits (repeated runs of {@code c}), as long as the cluster's runs take.
     */
    private static double bareCommitsPerSecond(long c) {
        long reps = Math.max(1, (1_000_000 + c - 1) / c);
        long done = 0;
        long t0 = System.nanoTime();
        for (long r = 0; r < reps; r++) {
            done += BareCommitLoop.run(16, 3, c, 500).commits();
        }
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    private record Ring(long messages, double kernel, double bare) {
    }

    /** The relay ring on the kernel and on its bare loop, checked to agree; null (reported) if not. */
    private Ring ring(int n) {
        for (int i = 0; i < ClusterBench.WARM_UP_RUNS; i++) {
            RelayRing.run(1, actors, tokens, hops);
            BareRelayRing.run(1, actors, tokens, hops);
        }
        double[] kernel = new double[n];
        double[] bare = new double[n];
        long messages = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            RelayRing.Result result = RelayRing.run(1, actors, tokens, hops);
            long t1 = System.nanoTime();
            RelayRing.Result reference = BareRelayRing.run(1, actors, tokens, hops);
            long t2 = System.nanoTime();
            if (!reference.equals(result)) {
                System.err.println("semisync-sim: kernel and bare loop disagree: " + result + " vs " + reference);
                return null;
            }
            kernel[i] = result.messages() / ((t1 - t0) / 1e9);
            bare[i] = reference.messages() / ((t2 - t1) / 1e9);
            messages = result.messages();
        }
        return new Ring(messages, median(kernel), median(bare));
    }

    /** Cluster runs that differ in one setting: a row each, medians of {@code n} runs after a warm-up. */
    private int series(String name, List<ClusterBench.Setup> setups, int n) throws IOException {
        ClusterBench.Setup first = setups.get(0);
        ClusterBench.warmUp(first);
        List<String> rows = new ArrayList<>();
        if (!json) {
            Cli.OUT.printf(Locale.ROOT, "%s: 1 source + N semisync replicas, AFTER_SYNC, 0.5 ms, trace to a file%s,"
                    + " median of %d; JVM max heap %,d MB%n", name,
                    first.purge() ? ", binlog rotated every MB and expired after 1 s" : "", n,
                    mb(Runtime.getRuntime().maxMemory()));
            Cli.OUT.printf(Locale.ROOT, "  %8s %6s %7s %11s %12s %10s %13s %13s %10s %9s%n", "replicas", "quorum",
                    "clients", "commits", "commits/s", "events/c", "us/c/replica", "sim s/wall s", "peak MB", "live MB");
            Cli.OUT.printf(Locale.ROOT, "  (events/c: trace events per commit; us/c/replica: wall us per commit per replica;"
                    + " live MB: most heap left after a collection)%n");
        }
        for (ClusterBench.Setup s : setups) {
            List<ClusterBench.Run> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(ClusterBench.run(s));
            }
            double cps = median(runs, ClusterBench.Run::commitsPerSecond);
            double eventsPerCommit = (double) runs.get(0).events() / runs.get(0).commits();
            double microsPerReplica = 1e6 / cps / s.replicas();
            double simPerWall = median(runs, ClusterBench.Run::simSecondsPerWallSecond);
            long peak = mb(runs.stream().mapToLong(ClusterBench.Run::peakHeapBytes).max().orElse(0));
            long live = mb(runs.stream().mapToLong(ClusterBench.Run::maxHeapAfterGcBytes).max().orElse(0));
            if (json) {
                rows.add(String.format(Locale.ROOT, "{\"replicas\":%d,\"quorum\":%d,\"clients\":%d,\"commits\":%d,"
                        + "\"commits_per_second\":%.0f,\"events_per_commit\":%.2f,\"sim_seconds_per_wall_second\":%.2f,"
                        + "\"peak_heap_mb\":%d,\"heap_after_gc_mb\":%d}", s.replicas(), s.quorum(), s.clients(),
                        s.commits(), cps, eventsPerCommit, simPerWall, peak, live));
            } else {
                Cli.OUT.printf(Locale.ROOT, "  %8d %6d %7d %,11d %,12.0f %10.2f %13.2f %13.2f %10d %9d%n", s.replicas(),
                        s.quorum(), s.clients(), s.commits(), cps, eventsPerCommit, microsPerReplica, simPerWall, peak, live);
            }
        }
        if (json) {
            Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"%s\",\"iterations\":%d,\"jvm_max_heap_mb\":%d,\"runs\":[%s]}%n",
                    name, n, mb(Runtime.getRuntime().maxMemory()), String.join(",", rows));
        }
        return Cli.OK;
    }

    /** Library scenarios that wait out long timeouts: simulated seconds per wall second, each. */
    private int timeouts(int n) throws IOException {
        for (String file : TimeoutBench.SCENARIOS) {
            TimeoutBench.run(file); // warm-up: classes, JIT
        }
        List<String> rows = new ArrayList<>();
        if (!json) {
            Cli.OUT.printf(Locale.ROOT, "timeouts: library scenarios in this JVM, median of %d%n", n);
            Cli.OUT.printf(Locale.ROOT, "  %-56s %10s %10s %14s%n", "scenario (every flavour it names)", "virtual s",
                    "wall ms", "sim s/wall s");
        }
        for (String file : TimeoutBench.SCENARIOS) {
            List<TimeoutBench.Run> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TimeoutBench.Run run = TimeoutBench.run(file);
                if (!run.passed()) {
                    System.err.println("semisync-sim: " + file + " did not hold its expectations; not a benchmark");
                    return Cli.INTERNAL_ERROR;
                }
                runs.add(run);
            }
            double wallMs = median(runs, r -> r.wallNanos() / 1e6);
            double virtualS = runs.get(0).virtualMicros() / 1e6;
            if (json) {
                rows.add(String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"virtual_seconds\":%.3f,\"wall_ms\":%.2f,"
                        + "\"sim_seconds_per_wall_second\":%.0f}", file, virtualS, wallMs, virtualS / (wallMs / 1e3)));
            } else {
                Cli.OUT.printf(Locale.ROOT, "  %-56s %10.3f %10.2f %,14.0f%n", file, virtualS, wallMs,
                        virtualS / (wallMs / 1e3));
            }
        }
        if (json) {
            Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"timeouts\",\"iterations\":%d,\"runs\":[%s]}%n", n,
                    String.join(",", rows));
        }
        return Cli.OK;
    }

    private static void line(String label, String format, Object value) {
        Cli.OUT.printf(Locale.ROOT, "  %-34s " + format + "%n", label, value);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        return median(runs.stream().mapToDouble(figure).toArray());
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
