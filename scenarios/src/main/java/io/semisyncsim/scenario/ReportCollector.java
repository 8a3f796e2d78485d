package io.semisyncsim.scenario;

import io.semisyncsim.reports.LatencyStats;
import io.semisyncsim.reports.MysqlClientFormat;
import io.semisyncsim.reports.RunReport;
import io.semisyncsim.reports.StoryRecorder;
import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a run into the reports' model: the transcript, the checks, every commit's latency, the
 * status variables as they change, and (from the trace, through {@link #traceSink()}) the story the
 * pictures draw. Memory stays bounded however long the run.
 */
public final class ReportCollector implements RunListener {
    private static final int SAMPLES = 20_000;

    private final List<RunReport.Entry> transcript = new ArrayList<>();
    private final List<RunReport.Check> checks = new ArrayList<>();
    private final List<RunReport.Sample> samples = new ArrayList<>();
    private final LatencyStats latency = new LatencyStats();
    private final StoryRecorder story = new StoryRecorder();
    private long samplesSeen;
    private RunReport report;

    /** A sink to attach to the run's trace: it keeps what the pictures draw, within a budget. */
    public TraceSink traceSink() {
        return story;
    }

    @Override
    public void step(long time, String text) {
        transcript.add(new RunReport.Entry(time, null, text));
    }

    @Override
    public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
        String printed = MysqlClientFormat.result(result, elapsed / 1e6);
        transcript.add(new RunReport.Entry(time, node, (user.equals("root") ? "" : "(as " + user + ")\n")
                + MysqlClientFormat.prompt(sql) + "\n" + printed));
        story.answered(node, sql, MysqlClientFormat.brief(result), printed);
    }

    @Override
    public void note(long time, String text) {
        transcript.add(new RunReport.Entry(time, null, text));
    }

    @Override
    public boolean wantsStatusSamples() {
        return true;
    }

    @Override
    public void statusSample(long time, String node, String name, String value) {
        samplesSeen++;
        if (samples.size() < SAMPLES) {
            samples.add(new RunReport.Sample(time, node, name, value));
        }
    }

    @Override
    public void committed(long time, long latencyMicros, Boolean semisync) {
        latency.record(time, latencyMicros, semisync);
    }

    @Override
    public void outcome(Outcome o) {
        checks.add(new RunReport.Check(o.pos().toString(), o.description(), o.held(), o.actual(), o.time()));
        String actual = o.actualOnOneLine();
        transcript.add(new RunReport.Entry(o.time(), null, (o.held() ? "✔ " : "✘ ") + o.description() + "   (actual: "
                + actual + ")"));
    }

    @Override
    public void finished(RunResult r) {
        Scenario s = r.scenario();
        if (samplesSeen > SAMPLES) {
            transcript.add(new RunReport.Entry(r.endTime(), null, "(the status timelines show the first " + SAMPLES
                    + " of " + samplesSeen + " changes)"));
        }
        report = new RunReport(s.name(), s.file(), s.description(), s.flavor(), s.seed(), settings(s), transcript,
                checks, latency, samples, r.endTime(), r.traceDigest(), story.finish(r.endTime()));
    }

    /** The scenario's topology, network and option files, one line each, as a report shows them. */
    private static List<String> settings(Scenario s) {
        List<String> out = new ArrayList<>();
        out.add("topology: source " + s.topology().source() + ", replicas " + s.topology().replicas()
                + (s.topology().replicationRunning() ? "" : " (replication stopped)"));
        out.add("network: latency " + Durations.format(s.network().latency()) + ", jitter "
                + Durations.format(s.network().jitter()) + ", client latency "
                + Durations.format(s.network().clientLatency()));
        s.network().links().forEach((key, l) -> out.add("link " + key + ": latency "
                + (l.latency() == null ? "default" : Durations.format(l.latency()))));
        s.config().forEach((node, options) -> out.add(node + ": " + String.join(", ",
                options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
        return out;
    }

    /**
     * The report of the run so far, at virtual time {@code now}, while it goes on (the lab's live page);
     * {@code digest} is the trace's digest so far. The collector goes on collecting.
     */
    public RunReport snapshot(Scenario s, long now, String digest) {
        return new RunReport(s.name(), s.file(), s.description(), s.flavor(), s.seed(), settings(s), transcript,
                checks, latency, samples, now, digest, story.snapshot(now));
    }

    public RunReport report() {
        return report;
    }
}
