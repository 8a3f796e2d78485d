package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Suggest;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.sql.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code on: NODE, sql: ...}: statements on one client connection, as a {@code mysql} client session,
 * as {@code root} (default), {@code app} or any user the node has ({@code as: NAME});
 * {@code expect_error: N} says each must fail with error N.
 */
public record SqlStep(Pos pos, String node, List<String> statements, String user, Integer expectError) implements Step {

    public static final StepKind KIND = new StepKind("sql", List.of("on", "sql", "as", "expect_error"), SqlStep::read);

    static Step read(StepReader r, YNode.Map m) {
        String node = r.on(m);
        List<String> statements = new ArrayList<>();
        YNode v = m.entries().get("sql").value();
        if (v instanceof YNode.Seq) {
            statements = r.texts(v, "a statement");
        } else {
            String s = r.text(v, "the sql");
            if (s != null) {
                statements.addAll(Parser.split(s));
            }
        }
        if (statements.isEmpty()) {
            r.problem(v.pos(), "sql has no statement");
        }
        String user = r.optionalText(m, "as", "root");
        // Any user a node may have: root, app, or one the scenario creates in SQL (CREATE USER), which
        // the reader cannot follow; a user missing on the node at run time gets the server's 1045.
        if (user != null && !Account.validName(user)) {
            r.problem(m.entries().get("as").value().pos(), "'" + Suggest.printable(user) + "' is not a user name"
                    + " (at most 80 characters, no quotes, spaces or @; users at start: root, app)");
        }
        Integer expectError = null;
        if (m.entries().containsKey("expect_error")) {
            String e = r.text(m.entries().get("expect_error").value(), "expect_error");
            if (e != null && e.matches("\\d{1,5}")) {
                expectError = Integer.parseInt(e);
            } else if (e != null) {
                r.problem(m.entries().get("expect_error").value().pos(),
                        "expect_error takes a MySQL error number, e.g. 1227; got '" + e + "'");
            }
        }
        return new SqlStep(m.pos(), node, statements, user, expectError);
    }

    @Override
    public void play(Play p) {
        long connection = p.target().connect(node, user); // one connection per step, as one client session
        for (String statement : statements) {
            long before = p.now();
            StatementResult r = p.target().execute(connection, statement, p.answerDeadline());
            if (r == null) {
                p.outcome(pos, node + "> " + statement + " gets an answer", false, p.noAnswer());
                return;
            }
            p.listener().statement(p.now(), p.now() - before, node, user, statement, r);
            if (expectError != null) {
                String actual = r instanceof StatementResult.Failed f ? "ERROR " + f.error().code() : "no error";
                p.outcome(pos, node + "> " + statement + " fails with ERROR " + expectError,
                        actual.equals("ERROR " + expectError), actual);
            }
        }
        p.target().disconnect(connection);
    }
}
