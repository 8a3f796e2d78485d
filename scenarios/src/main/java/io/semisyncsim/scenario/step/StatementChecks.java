package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.ExpectedRows;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Template;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.StatementResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step expects of each statement's answer: {@code expect_error: N} (it fails with N),
 * {@code expect_warning: N} or a list (it raises each), {@code expect_rows} (its result set), or nothing,
 * when an error fails the run unless {@code ignore_errors: true} says errors are part of the lesson.
 */
record StatementChecks(Integer expectError, List<Integer> expectWarnings, ExpectedRows expectRows,
                       boolean ignoreErrors) {

    /** The keys these checks read, for a step kind's list. */
    static final List<String> KEYS = List.of("expect_error", "expect_warning", "expect_rows", "ignore_errors");

    static StatementChecks read(StepReader r, YNode.Map m, int statements) {
        Integer expectError = null;
        if (m.entries().containsKey("expect_error")) {
            expectError = code(r, m.entries().get("expect_error").value(), "expect_error");
        }
        List<Integer> warnings = List.of();
        if (m.entries().containsKey("expect_warning")) {
            YNode v = m.entries().get("expect_warning").value();
            List<Integer> codes = new ArrayList<>();
            for (YNode item : v instanceof YNode.Seq seq ? seq.items() : List.of(v)) {
                Integer c = code(r, item, "expect_warning");
                if (c != null) {
                    codes.add(c);
                }
            }
            if (v instanceof YNode.Seq seq && seq.items().isEmpty()) {
                r.problem(v.pos(), "expect_warning takes a MySQL warning number or a list of them, e.g. [1287]");
            }
            warnings = codes;
        }
        ExpectedRows rows = null;
        if (m.entries().containsKey("expect_rows")) {
            YNode v = m.entries().get("expect_rows").value();
            rows = ExpectedRows.read(r, v);
            if (statements > 1) {
                r.problem(v.pos(), "expect_rows checks one statement's result set; this step runs " + statements
                        + " statements (give the SELECT a step of its own)");
            }
            if (expectError != null) {
                r.problem(v.pos(), "expect_rows and expect_error exclude each other: a statement that fails has no rows");
            }
        }
        boolean ignore = r.optionalBoolean(m, "ignore_errors", false);
        if (ignore && expectError != null) {
            r.problem(m.entries().get("ignore_errors").keyPos(), "ignore_errors and expect_error exclude each other");
        }
        return new StatementChecks(expectError, warnings, rows, ignore);
    }

    private static Integer code(StepReader r, YNode v, String key) {
        String e = r.text(v, key);
        if (e != null && e.matches("\\d{1,5}") && Integer.parseInt(e) > 0) {
            return Integer.parseInt(e);
        }
        if (e != null) {
            r.problem(v.pos(), key + " takes a MySQL error number, e.g. " + (key.equals("expect_error") ? "1227" : "1287")
                    + "; got '" + Printable.clip(e) + "'");
        }
        return null;
    }

    /** Checks one statement's answer, recording an outcome for each expectation (and an unexpected error). */
    void check(Play p, Pos pos, String node, String sql, StatementResult r) {
        String brief = node + "> " + sql;
        String actualError = r instanceof StatementResult.Failed f ? "ERROR " + f.error().code() : "no error";
        if (expectError != null) {
            p.outcome(pos, brief + " fails with ERROR " + expectError, actualError.equals("ERROR " + expectError),
                    actualError);
        } else if (r instanceof StatementResult.Failed f && !ignoreErrors) {
            p.outcome(pos, brief + " succeeds (no expect_error says it may fail)", false, f.error().toString());
        }
        if (!expectWarnings.isEmpty()) {
            List<String> codes = new ArrayList<>();
            r.warnings().forEach(w -> codes.add(Integer.toString(w.code())));
            boolean all = true;
            for (Integer c : expectWarnings) {
                all &= codes.contains(c.toString());
            }
            List<String> wanted = new ArrayList<>();
            expectWarnings.forEach(c -> wanted.add(c.toString()));
            p.outcome(pos, brief + " warns " + String.join(", ", wanted), all,
                    codes.isEmpty() ? "no warnings" : "warnings " + String.join(", ", codes));
        }
        if (expectRows != null) {
            io.semisyncsim.server.ResultSet rs = r instanceof StatementResult.Rows rows ? rows.resultSet() : null;
            String mismatch;
            try {
                mismatch = expectRows.mismatch(rs, p.vars());
            } catch (Template.Unbound e) {
                mismatch = e.getMessage();
            }
            String actual = rs != null ? ExpectedRows.show(rs) : r instanceof StatementResult.Failed f
                    ? f.error().toString() : "no result set";
            p.outcome(pos, brief + " returns " + expectRows.describe(), mismatch == null,
                    mismatch == null ? actual : actual + " (" + mismatch + ")");
        }
    }

    /** Why these checks cannot hold on a real server: error 9000 is the simulator's own "not modelled". */
    String realServerLimit() {
        return expectError != null && expectError == 9000
                ? "it expects error 9000, the simulator's own answer for what it does not model, which a real"
                + " server never gives" : null;
    }
}
