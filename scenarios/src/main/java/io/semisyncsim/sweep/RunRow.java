package io.semisyncsim.sweep;

import io.semisyncsim.scenario.lang.Commits;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of a sweep as runs.csv and runs.json give it: its settings, flavour and seed, its verdict and
 * the broken invariant if any, what clients saw (commits, acknowledged or asynchronous, latency
 * percentiles in µs, commits per virtual second), how long semisync was OFF and how often it switched
 * OFF, what a failover lost (empty: no failover), and the trace digest {@code run} gives for the same
 * file, seed and flavour. Nothing in a row depends on the machine or the wall clock.
 */
public record RunRow(int run, String id, List<String> values, String flavor, long seed, String verdict,
                     String invariant, String failure, long commits, long acknowledged, long asynchronous,
                     long p50, long p95, long p99, long max, String commitsPerVirtualSecond, long offMicros,
                     long offSwitches, String lostAcknowledged, String lostVisible, long virtualMicros,
                     long traceEvents, String digest, String report) {

    public RunRow {
        values = List.copyOf(values);
    }

    static RunRow of(SweepPlan.Run r, String id, RunResult result, Figures figures, String report) {
        Commits c = result.commits();
        String failure = "";
        for (Outcome o : result.outcomes()) {
            if (!o.held()) {
                failure = o.description() + " -- actual: " + o.actual();
                break;
            }
        }
        double seconds = result.endTime() / 1e6;
        return new RunRow(r.index(), id, r.values(), r.flavor(), r.seed(), result.passed() ? "PASS" : "FAIL",
                result.violation() == null ? "" : result.violation().invariant(), failure, c.count(), c.acknowledged(),
                c.count() - c.acknowledged(), c.latencyPercentile(50), c.latencyPercentile(95), c.latencyPercentile(99),
                c.latencyMax(), String.format(Locale.ROOT, "%.3f", seconds == 0 ? 0 : c.count() / seconds),
                figures.offMicros(result.endTime()), figures.switchesOff(), orEmpty(c.lost("acknowledged")),
                orEmpty(c.lost("visible")), result.endTime(), result.traceEvents(), result.traceDigest(),
                report == null ? "" : report);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public boolean passed() {
        return verdict.equals("PASS");
    }

    /** The figure columns after the settings, flavour and seed, as runs.csv names them. */
    static final List<String> FIGURES = List.of("verdict", "invariant", "commits", "acknowledged", "asynchronous",
            "latency_p50_us", "latency_p95_us", "latency_p99_us", "latency_max_us", "commits_per_virtual_s",
            "semisync_off_us", "off_switches", "lost_acknowledged", "lost_visible", "virtual_time_us", "trace_events",
            "trace_digest", "report", "failure");

    /** The values of {@link #FIGURES}, in order, as text. */
    List<String> figures() {
        List<String> out = new ArrayList<>();
        out.add(verdict);
        out.add(invariant);
        for (long v : new long[] {commits, acknowledged, asynchronous, p50, p95, p99, max}) {
            out.add(Long.toString(v));
        }
        out.add(commitsPerVirtualSecond);
        out.add(Long.toString(offMicros));
        out.add(Long.toString(offSwitches));
        out.add(lostAcknowledged);
        out.add(lostVisible);
        out.add(Long.toString(virtualMicros));
        out.add(Long.toString(traceEvents));
        out.add(digest);
        out.add(report);
        out.add(failure);
        return out;
    }
}
