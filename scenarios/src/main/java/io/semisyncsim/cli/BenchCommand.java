package io.semisyncsim.cli;

import io.semisyncsim.bench.BareRelayRing;
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
        description = "Measure kernel throughput against a bare event loop doing the same work.")
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

    @Override
    public Integer call() {
        if (iterations < 1 || hops < 1 || tokens < 1 || actors < 1) {
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
        if (json) {
            Cli.OUT.printf(Locale.ROOT, "{\"workload\":\"relay-ring\",\"actors\":%d,\"tokens\":%d,\"hops_per_token\":%d,"
                    + "\"messages\":%d,\"iterations\":%d,\"kernel_messages_per_second\":%.0f,"
                    + "\"bare_loop_messages_per_second\":%.0f,\"ratio\":%.2f}%n",
                    actors, tokens, hops, result.messages(), iterations, k, b, b / k);
        } else {
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
