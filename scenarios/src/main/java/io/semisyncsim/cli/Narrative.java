package io.semisyncsim.cli;

import io.semisyncsim.reports.MysqlClientFormat;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.server.StatementResult;
import java.io.PrintStream;

/**
 * Prints a run as it goes: each step at its virtual time, statements and results as the mysql client
 * shows them, expectations with a tick or a cross and the actual value, and a verdict line. Paced
 * ({@code --realtime}: the kernel's pacer waits out virtual time), a statement is printed when it
 * starts and its answer when it comes, so a commit's wait happens under the statement that waits.
 */
final class Narrative implements RunListener {
    private final PrintStream out;
    private final boolean quiet;
    private final boolean paced;
    /** The statement whose start was printed and whose answer is still to come, or null. */
    private String startedOn;
    /** The time of the last line stamped: a reaped statement's start is older, and is not stamped back in time. */
    private long lastStamp;

    /** {@code realtimeSpeed} above 0: the run is paced, so statements are printed as they start. */
    Narrative(PrintStream out, boolean quiet, double realtimeSpeed) {
        this.out = out;
        this.quiet = quiet;
        this.paced = realtimeSpeed > 0;
    }

    static String time(long micros) {
        return "[" + seconds(micros) + "]";
    }

    private static String seconds(long micros) {
        return String.format("%d.%06d s", micros / 1_000_000, micros % 1_000_000);
    }

    /** A line's time stamp, never before the last one printed. */
    private String stamp(long micros) {
        lastStamp = Math.max(lastStamp, micros);
        return time(micros);
    }

    @Override
    public void started(Scenario s) {
        if (quiet) {
            return;
        }
        out.println("== " + s.name() + " (" + s.flavor() + ", seed " + s.seed() + ") ==");
        if (!s.description().isBlank()) {
            out.println(s.description().strip());
        }
        out.println();
    }

    @Override
    public void step(long time, String text) {
        startedOn = null;
        if (!quiet) {
            out.println(stamp(time) + " " + text);
        }
    }

    @Override
    public void statementStarted(long time, String node, String user, String sql) {
        if (quiet || !paced) {
            return;
        }
        out.println(stamp(time) + " " + node + (user.equals("root") ? "" : " as " + user));
        out.println(MysqlClientFormat.prompt(sql));
        startedOn = node + " " + user + " " + sql;
    }

    @Override
    public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
        if (quiet) {
            return;
        }
        if (!(node + " " + user + " " + sql).equals(startedOn)) { // not paced, or other lines came between
            long start = time - elapsed;
            // a statement sent steps ago and reaped now is printed when its answer came, with when it began
            String who = node + (user.equals("root") ? "" : " as " + user);
            out.println(start < lastStamp ? stamp(time) + " " + who + ", sent at " + seconds(start)
                    : stamp(start) + " " + who);
            out.println(MysqlClientFormat.prompt(sql));
        }
        startedOn = null;
        out.println(MysqlClientFormat.result(result, elapsed / 1e6));
        out.println();
    }

    @Override
    public void outcome(Outcome o) {
        startedOn = null;
        if (quiet && o.held()) {
            return;
        }
        String actual = o.actualOnOneLine();
        out.println(stamp(o.time()) + " " + (o.held() ? "✔ " : "✘ ") + o.description() + "   (actual: " + actual + ")");
    }

    @Override
    public void note(long time, String text) {
        startedOn = null;
        if (!quiet) {
            out.println(stamp(time) + " " + text);
        }
    }

    @Override
    public void finished(RunResult r) {
        long total = r.outcomes().size();
        String verdict = r.passed() ? "PASS" : "FAIL";
        String time = String.format("%d.%06d s", r.endTime() / 1_000_000, r.endTime() % 1_000_000);
        out.println((quiet ? "" : "\n") + verdict + " " + r.scenario().name() + ": " + (total - r.failures()) + " of "
                + total + " expectations held, " + (r.traceDigest() == null ? "on real servers, wall time " + time
                : "virtual time " + time + ", trace " + r.traceDigest() + " (" + r.traceEvents() + " events)"));
    }
}
