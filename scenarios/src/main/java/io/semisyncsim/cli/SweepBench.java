package io.semisyncsim.cli;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.sweep.RunRow;
import io.semisyncsim.sweep.SweepException;
import io.semisyncsim.sweep.SweepPlan;
import io.semisyncsim.sweep.SweepRunner;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --workload sweep}: one sweep of 40 runs of a 1+3 semisync scenario (16 clients, 5,000
 * commits each), played with one job and then with two in the same JVM, paired, after a warm-up that lasts
 * until the JIT is quiet; the speed-up and whether every run's trace digest is the same both ways. Wall
 * time is read here.
 */
final class SweepBench {
    private SweepBench() {
    }

    static final String SCENARIO = """
            name: sweep-bench
            description: 1 source + 3 semisync replicas, AFTER_SYNC, 0.5 ms, 16 clients, 5,000 commits.
            topology: {source: source, replicas: [replica1, replica2, replica3]}
            network: {latency: 0.5ms, jitter: 0.1ms}
            config:
              source:   { plugin-load-add: semisync_source.so, rpl_semi_sync_source_enabled: 1 }
              replica1: { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }
              replica2: { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }
              replica3: { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }
            steps:
              - sleep: 10ms
              - on: source
                workload: { clients: 16, transactions: 5000 }
            """;

    /** Warm-up stops once a pair of passes spent less than this share of its wall time compiling... */
    static final double QUIET_JIT_SHARE = 0.05;
    /** ...or after this many pairs (about 30 s here), said in the output. */
    static final int MAX_WARM_UP_PAIRS = 15;

    static int run(int iterations, int runs, boolean json) throws IOException, InterruptedException {
        Path file = Files.createTempFile("semisync-sweep-bench-", ".yaml");
        try {
            Files.writeString(file, SCENARIO);
            List<Long> seeds = new ArrayList<>();
            for (long s = 1; s <= runs; s++) {
                seeds.add(s);
            }
            SweepPlan plan = SweepPlan.of(file, List.of(), seeds, ScenarioReader.Options.DEFAULT);
            // Warm-up: whole passes each way (200,000 commits apiece) until the JIT is quiet. While it still
            // compiles, it takes the second core from a two-job pass but only the idle core from a one-job
            // pass, which read as a lower speed-up: two fixed pairs left it compiling through the first five
            // measured pairs (0.4 to 0.9 s of compilation in each), the ratio climbing from 1.4x to 1.75x.
            // It never falls wholly silent: code a run calls a few times (its set-up, Akka's spawning and
            // stopping) reaches C2 only after hundreds of runs; the output says how much it compiled.
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            int warmUpPairs = 0;
            boolean quiet = false;
            while (!quiet && warmUpPairs < MAX_WARM_UP_PAIRS) {
                long c0 = compiling(jit);
                long t0 = System.nanoTime();
                SweepRunner.run(plan, plan.runs(), 2, null, r -> { });
                SweepRunner.run(plan, plan.runs(), 1, null, r -> { });
                double wallMs = (System.nanoTime() - t0) / 1e6;
                warmUpPairs++;
                quiet = compiling(jit) - c0 < QUIET_JIT_SHARE * wallMs;
            }
            long jitMeasured = 0;
            double[] one = new double[iterations];
            double[] two = new double[iterations];
            boolean same = true;
            for (int i = 0; i < iterations; i++) {
                long c0 = compiling(jit);
                long t0 = System.nanoTime();
                List<RunRow> serial = SweepRunner.run(plan, plan.runs(), 1, null, r -> { });
                long t1 = System.nanoTime();
                List<RunRow> parallel = SweepRunner.run(plan, plan.runs(), 2, null, r -> { });
                long t2 = System.nanoTime();
                jitMeasured += compiling(jit) - c0;
                one[i] = (t1 - t0) / 1e9;
                two[i] = (t2 - t1) / 1e9;
                same &= serial.stream().map(RunRow::digest).toList().equals(parallel.stream().map(RunRow::digest).toList());
            }
            double[] ratios = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                ratios[i] = one[i] / two[i];
            }
            double speedup = median(ratios);
            if (json) {
                Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"sweep of %d runs, 1 source + 3 replicas, 16 clients, 5000"
                        + " commits each\",\"iterations\":%d,\"jobs_1_seconds\":%.2f,\"jobs_2_seconds\":%.2f,"
                        + "\"speedup\":%.2f,\"digests_identical\":%b,\"cores\":%d,\"warm_up_pairs\":%d,\"jit_quiet\":%b,"
                        + "\"jit_ms_while_measured\":%d}%n", runs, iterations, median(one), median(two), speedup, same,
                        Runtime.getRuntime().availableProcessors(), warmUpPairs, quiet, jitMeasured);
            } else {
                Cli.OUT.printf(Locale.ROOT, "sweep: %d runs of 1 source + 3 semisync replicas, 16 clients, 5,000 commits"
                        + " each, median of %d paired passes%n", runs, iterations);
                Cli.OUT.printf(Locale.ROOT, "  %-34s %10s%n", "warm-up pass pairs", warmUpPairs
                        + (quiet ? "" : " (JIT still busy)"));
                Cli.OUT.printf(Locale.ROOT, "  %-34s %10.2f s%n", "--jobs 1", median(one));
                Cli.OUT.printf(Locale.ROOT, "  %-34s %10.2f s%n", "--jobs 2", median(two));
                Cli.OUT.printf(Locale.ROOT, "  %-34s %10.2fx%n", "speed-up (paired)", speedup);
                Cli.OUT.printf(Locale.ROOT, "  %-34s %10s%n", "trace digests identical", same ? "yes" : "NO");
                Cli.OUT.printf(Locale.ROOT, "  %-34s %7d ms%n", "JIT compiling while measured", jitMeasured);
            }
            return same ? Cli.OK : Cli.INTERNAL_ERROR;
        } catch (InvalidScenarioException | SweepException e) {
            throw new IllegalStateException("the sweep benchmark's own scenario is refused: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Milliseconds the JIT has spent compiling since the JVM started, summed over its threads. */
    private static long compiling(CompilationMXBean jit) {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
