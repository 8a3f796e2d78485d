package io.semisyncsim.sweep;

import io.semisyncsim.kernel.DriverThreads;
import io.semisyncsim.reports.HtmlReport;
import io.semisyncsim.reports.MarkdownReport;
import io.semisyncsim.scenario.Listeners;
import io.semisyncsim.scenario.ReportCollector;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.YamlWriter;
import io.semisyncsim.trace.JsonLinesSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Plays a sweep's runs on {@code jobs} threads of this JVM, each run exactly as {@code run} plays it (its
 * own kernel, driven by the thread that runs it), so each gives the trace digest {@code run} gives. The
 * rows come back in run order whatever finished first. A failing run is played once more with its
 * reports written under {@code reports/ID/}: it is deterministic, so the report shows the same run; the
 * combination's scenario is written there too, for {@code run} to replay.
 */
public final class SweepRunner {
    private SweepRunner() {
    }

    /**
     * {@code done} is told after each run, from the thread that ran it. An Error in a run (out of memory)
     * is thrown as it is; an exception as an {@link IllegalStateException} naming the run. The runs are
     * taken in order by {@code jobs} loops on the JVM's simulation driver threads ({@link DriverThreads#pool}),
     * whose ActorSystems serve one run after another and, kept between sweeps, the next sweep too.
     */
    public static List<RunRow> run(SweepPlan plan, List<SweepPlan.Run> runs, int jobs, Path out, IntConsumer done)
            throws InterruptedException {
        RunRow[] rows = new RunRow[runs.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean(); // after a failure: what has not started never will
        List<Future<?>> loops = new ArrayList<>();
        try {
            for (int w = Math.max(1, Math.min(jobs, runs.size())); w > 0; w--) {
                loops.add(DriverThreads.pool().submit(() -> {
                    for (int i; !stop.get() && (i = next.getAndIncrement()) < runs.size(); ) {
                        rows[i] = played(plan, runs.get(i), out, stop);
                        done.accept(runs.get(i).index());
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) e.getCause();
                }
            }
            return List.of(rows);
        } finally {
            stop.set(true);
        }
    }

    private static RunRow played(SweepPlan plan, SweepPlan.Run r, Path out, AtomicBoolean stop) {
        try {
            return one(plan, r, out);
        } catch (RuntimeException | Error e) {
            stop.set(true);
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("run " + plan.id(r.index()) + " failed: " + e, e);
        }
    }

    /** One run, on the calling thread. */
    static RunRow one(SweepPlan plan, SweepPlan.Run r, Path out) {
        Figures figures = new Figures();
        RunResult result = new ScenarioRunner().run(r.scenario(), figures, List.of(figures));
        String id = plan.id(r.index());
        String report = null;
        if (!result.passed() && out != null) {
            report = report(r, id, out, result.traceDigest());
        }
        return RunRow.of(r, id, result, figures, report);
    }

    /** The failing run again, with its reports: {@code reports/ID/report.html} (and report.md). */
    private static String report(SweepPlan.Run r, String id, Path out, String digest) {
        ReportCollector collector = new ReportCollector();
        Path dir = out.resolve("reports").resolve(id);
        RunResult again;
        try {
            Files.createDirectories(dir);
            // The trace the reports point to ("the full trace is in trace.jsonl"), written as run --report does.
            try (JsonLinesSink trace = new JsonLinesSink(Files.newOutputStream(dir.resolve("trace.jsonl")))) {
                again = new ScenarioRunner().run(r.scenario(), new Listeners(collector), collector.traceSink(), trace);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!again.traceDigest().equals(digest)) {
            throw new IllegalStateException("run " + id + " gave trace " + digest + ", then " + again.traceDigest()
                    + " when played again for its report: the simulation is not deterministic");
        }
        try {
            Files.writeString(dir.resolve("report.html"), HtmlReport.render(collector.report()));
            Files.writeString(dir.resolve("report.md"), MarkdownReport.render(collector.report()));
            // The combination as a file of its own: run replays it (--flavor, --seed) without the sweep.
            Files.writeString(dir.resolve("scenario.yaml"), "# " + r.values() + ", " + r.flavor() + ", seed " + r.seed()
                    + ": replay with semisync-sim run scenario.yaml --flavor " + r.flavor() + " --seed " + r.seed() + "\n"
                    + YamlWriter.write(r.tree()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "reports/" + id + "/report.html";
    }
}
