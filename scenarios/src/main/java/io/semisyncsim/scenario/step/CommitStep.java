package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code on: NODE, commit: N}: N autocommit single-row INSERTs into {@code table} (default t1), one
 * client, back to back; each waits for its OK, so the latency is what the client saw. Keys come from one
 * sequence per table, as an auto-increment column's; one a row inserted by SQL already holds is refused
 * with 1062, which fails the run unless {@code expect_error: 1062} (or {@code ignore_errors}) says so.
 * With {@code background: true} the commits go on while the next steps run (their errors are not checked).
 */
public record CommitStep(Pos pos, String node, int count, String table, boolean background, Integer expectError,
                         boolean ignoreErrors) implements Step {

    public static final StepKind KIND = new StepKind("commit", List.of("on", "commit", "table", "background",
            "expect_error", "ignore_errors"), CommitStep::read);

    /** The table commit and workload steps write when a step names none. */
    public static final String TABLE = "t1";

    /** A table name as the simulator and real servers both take it (the schema is test). */
    static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    static Step read(StepReader r, YNode.Map m) {
        String node = r.on(m);
        YNode v = m.entries().get("commit").value();
        String n = r.text(v, "commit");
        String table = table(r, m);
        boolean background = r.optionalBoolean(m, "background", false);
        boolean ignore = r.optionalBoolean(m, "ignore_errors", false);
        Integer expectError = null;
        if (m.entries().containsKey("expect_error")) {
            String e = r.text(m.entries().get("expect_error").value(), "expect_error");
            if (e != null && e.matches("\\d{1,5}") && Integer.parseInt(e) > 0) {
                expectError = Integer.parseInt(e);
            } else if (e != null) {
                r.problem(m.entries().get("expect_error").value().pos(),
                        "expect_error takes a MySQL error number, e.g. 1062; got '" + Printable.clip(e) + "'");
            }
            if (background) {
                r.problem(m.entries().get("expect_error").keyPos(), "a background commit's errors are not checked;"
                        + " expect_error goes with a commit that waits for its answers");
            }
        }
        if (n == null) {
            return null;
        }
        if (!n.matches("\\d{1,7}") || Integer.parseInt(n) < 1) {
            r.problem(v.pos(), "commit takes a number of transactions from 1 to 9999999, got '" + Printable.clip(n) + "'");
            return null;
        }
        return new CommitStep(m.pos(), node, Integer.parseInt(n), table, background, expectError, ignore);
    }

    /** The {@code table:} of a commit or workload step, default {@value #TABLE}. */
    static String table(StepReader r, YNode.Map m) {
        String table = r.optionalText(m, "table", TABLE);
        if (!TABLE_NAME.matcher(table).matches()) {
            r.problem(m.entries().get("table").value().pos(), "table name '" + Printable.clip(table) + "' must start with a letter"
                    + " or _ and use letters, digits and _ (at most 64)");
            return TABLE;
        }
        return table;
    }

    @Override
    public List<String> tables() {
        return List.of(table);
    }

    @Override
    public void play(Play p) {
        String into = table.equals(TABLE) ? "" : " into " + table;
        if (background) {
            p.listener().step(p.now(), node + ": commit " + count + " transaction" + (count == 1 ? "" : "s") + into
                    + " (background)");
            long base = p.commits().reserve(table, count);
            p.target().workload(node, new Target.WorkloadSpec(1, count, 0, 0, table, base), (key, latency, semisync) -> {
                p.commits().record(node, table, key, latency, semisync);
                p.listener().committed(p.now(), latency, Boolean.TRUE.equals(semisync));
            });
            p.target().settle();
            return;
        }
        p.listener().step(p.now(), node + ": commit " + count + " transaction" + (count == 1 ? "" : "s") + into);
        int failed = 0;
        int refused = 0;
        int semisync = 0;
        for (int i = 0; i < count; i++) {
            long key = p.commits().nextKey(table);
            Target.Commit c = p.target().insert(node, table, key, p.answerDeadline());
            if (c == null) {
                p.outcome(pos, node + ": commit " + (i + 1) + " gets an answer", false, p.noAnswer());
                return;
            }
            if (c.error() != null || expectError != null) {
                refused += c.error() != null ? 1 : 0;
                checkError(p, i + 1, key, c);
            }
            if (!c.ok()) {
                failed += c.error() == null ? 1 : 0;
                continue;
            }
            semisync += c.semisync() ? 1 : 0;
            p.commits().record(node, table, key, c.latency(), c.semisync());
            p.listener().committed(p.now(), c.latency(), c.semisync());
        }
        int ok = count - failed - refused;
        p.listener().note(p.now(), ok + " committed (" + semisync + " acknowledged by a replica, " + (ok - semisync)
                + " asynchronous)" + (failed > 0 ? ", " + failed + " failed (connection lost)" : "")
                + (refused > 0 ? ", " + refused + " refused" : "")
                + "; last latency " + Durations.format(p.commits().last()));
    }

    private void checkError(Play p, int n, long key, Target.Commit c) {
        String what = node + ": commit " + n + " (INSERT INTO " + table + " VALUES (" + key + ", 'row-" + key + "'))";
        String actual = c.error() == null ? "no error" : "ERROR " + c.error().code();
        if (expectError != null) {
            p.outcome(pos, what + " fails with ERROR " + expectError, actual.equals("ERROR " + expectError), actual);
        } else if (!ignoreErrors) {
            p.outcome(pos, what + " succeeds (no expect_error says it may fail)", false, c.error().toString());
        }
    }
}
