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
 * shows them, expectations with a tick or a cross and the actual value, and a verdict line.
 */
final class Narrative implements RunListener {
    private final PrintStream out;
    private final boolean quiet;
    private final double realtimeSpeed;
    private long pacedUpTo;

    Narrative(PrintStream out, boolean quiet, double realtimeSpeed) {
        this.out = out;
        this.quiet = quiet;
        this.realtimeSpeed = realtimeSpeed;
    }

    static String time(long micros) {
        return String.format("[%d.%06d s]", micros / 1_000_000, micros % 1_000_000);
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
        pace(time);
        if (!quiet) {
            out.println(time(time) + " " + text);
        }
    }

    @Override
    public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
        pace(time);
        if (quiet) {
            return;
        }
        out.println(time(time - elapsed) + " " + node + (user.equals("root") ? "" : " as " + user));
        out.println(MysqlClientFormat.prompt(sql));
        out.println(MysqlClientFormat.result(result, elapsed / 1e6));
        out.println();
    }

    @Override
    public void outcome(Outcome o) {
        pace(o.time());
        if (quiet && o.held()) {
            return;
        }
        String actual = o.actual() == null ? "absent" : o.actual().contains(",\n") ? o.actual().replace(",\n", ", ")
                : o.actual().contains("\n") ? "(log, " + o.actual().split("\n").length + " lines)" : o.actual();
        out.println(time(o.time()) + " " + (o.held() ? "✔ " : "✘ ") + o.description() + "   (actual: " + actual + ")");
    }

    @Override
    public void note(long time, String text) {
        if (!quiet) {
            out.println(time(time) + " " + text);
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

    /** --realtime: wait out virtual time between steps at the given speed (never changes the trace). */
    private void pace(long time) {
        if (realtimeSpeed <= 0 || time <= pacedUpTo) {
            return;
        }
        long wallMillis = (long) ((time - pacedUpTo) / 1000.0 / realtimeSpeed);
        pacedUpTo = time;
        try {
            Thread.sleep(wallMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
