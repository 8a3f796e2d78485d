package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.Commits;
import io.semisyncsim.reports.MysqlClientFormat;
import io.semisyncsim.reports.RunReport;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects a run into the reports' model: the transcript, the checks, and the diagram's key events. */
public final class ReportCollector implements RunListener {
    /** Trace kinds the sequence diagram draws; only these are kept, and at most {@link #KEY_EVENTS}. */
    private static final Set<String> KEY_KINDS = Set.of("commit.begin", "commit.wait", "commit.ok", "ack.request",
            "ack.sent", "log", "partition", "heal", "reset");
    private static final int KEY_EVENTS = 10_000;

    private final List<RunReport.Entry> transcript = new ArrayList<>();
    private final List<RunReport.Check> checks = new ArrayList<>();
    private final List<TraceEvent> keyEvents = new ArrayList<>();
    private final List<RunReport.CommitPoint> commits = new ArrayList<>();
    private final List<RunReport.Sample> samples = new ArrayList<>();
    private static final int SAMPLES = 20_000;
    /** Commits kept for the latency chart; a long run keeps every k-th one (and says so in the chart). */
    private static final int COMMIT_POINTS = 5_000;
    private long commitsSeen;
    private RunReport report;

    /** A sink to attach to the run's trace: keeps the key events only, so long runs stay cheap. */
    public TraceSink keyEventSink() {
        return e -> {
            if (keyEvents.size() < KEY_EVENTS && KEY_KINDS.contains(e.kind())) {
                keyEvents.add(e);
            }
        };
    }

    @Override
    public void step(long time, String text) {
        transcript.add(new RunReport.Entry(time, null, text));
    }

    @Override
    public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
        transcript.add(new RunReport.Entry(time, node, (user.equals("root") ? "" : "(as " + user + ")\n")
                + MysqlClientFormat.prompt(sql) + "\n" + MysqlClientFormat.result(result, elapsed / 1e6)));
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
        if (samples.size() < SAMPLES) {
            samples.add(new RunReport.Sample(time, node, name, value));
        }
    }

    @Override
    public void committed(long time, long latency, boolean semisync) {
        commitsSeen++;
        if (commits.size() < COMMIT_POINTS) {
            commits.add(new RunReport.CommitPoint(time, latency, semisync));
        }
    }

    @Override
    public void outcome(Outcome o) {
        checks.add(new RunReport.Check(o.pos().toString(), o.description(), o.held(), o.actual(), o.time()));
    }

    @Override
    public void finished(RunResult r) {
        Scenario s = r.scenario();
        if (commitsSeen > COMMIT_POINTS) {
            transcript.add(new RunReport.Entry(r.endTime(), null, "(the latency chart shows the first " + COMMIT_POINTS
                    + " of " + commitsSeen + " commits)"));
        }
        report = new RunReport(s.name(), s.file(), s.description(), s.flavor(), s.seed(), settings(s), transcript,
                checks, commits, samples, r.endTime(), r.traceDigest());
    }

    /** The scenario's topology, network and option files, one line each, as a report shows them. */
    private static List<String> settings(Scenario s) {
        List<String> out = new ArrayList<>();
        out.add("topology: source " + s.topology().source() + ", replicas " + s.topology().replicas()
                + (s.topology().replicationRunning() ? "" : " (replication stopped)"));
        out.add("network: latency " + Durations.format(s.network().latency()) + ", jitter "
                + Durations.format(s.network().jitter()));
        s.network().links().forEach((key, l) -> out.add("link " + key + ": latency "
                + (l.latency() == null ? "default" : Durations.format(l.latency()))));
        s.config().forEach((node, options) -> out.add(node + ": " + String.join(", ",
                options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
        return out;
    }

    public RunReport report() {
        return report;
    }

    public List<TraceEvent> keyEvents() {
        return keyEvents;
    }
}
