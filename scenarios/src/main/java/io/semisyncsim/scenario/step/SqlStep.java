package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Template;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.sql.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code on: NODE, sql: ...}: statements on a client connection, as a {@code mysql} client session, as
 * {@code root} (default), {@code app} or any user the node has ({@code as: NAME}), on the node's default
 * connection or {@code connection: NAME}. Each
 * statement's answer is checked ({@link StatementChecks}): an error fails the run unless expected.
 * {@code ${name}} in a statement is the value an earlier let captured.
 */
public record SqlStep(Pos pos, String node, List<String> statements, String user, String connection,
                      StatementChecks checks) implements Step {

    public static final StepKind KIND = new StepKind("sql", keys(), SqlStep::read);

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(ClientConnection.KEYS);
        keys.add("sql");
        keys.addAll(StatementChecks.KEYS);
        return keys;
    }

    static Step read(StepReader r, YNode.Map m) {
        ClientConnection c = ClientConnection.read(r, m);
        List<String> statements = new ArrayList<>();
        YNode v = m.entries().get("sql").value();
        if (v instanceof YNode.Seq) {
            statements = r.texts(v, "a statement");
        } else if (v instanceof YNode.Map) { // one problem, saying what the key takes
            r.problem(v.pos(), "sql takes a statement (or several, separated by ';') or a list of statements, got "
                    + v.describe());
            return null;
        } else {
            String s = r.text(v, "the sql");
            if (s != null) {
                statements.addAll(Parser.split(s));
            }
        }
        if (statements.isEmpty()) {
            r.problem(v.pos(), "sql has no statement");
        }
        for (String s : statements) {
            r.template(v.pos(), s);
        }
        StatementChecks checks = StatementChecks.read(r, m, statements.size());
        if (c == null) {
            return null;
        }
        r.idle(m.pos(), c.describe());
        return new SqlStep(m.pos(), c.node(), statements, c.user(), c.name(), checks);
    }

    @Override
    public void play(Play p) {
        Play.Session session = p.session(node, user, connection);
        for (String statement : statements) {
            String sql;
            try {
                sql = p.expand(statement);
            } catch (Template.Unbound e) {
                p.outcome(pos, node + "> " + statement + " runs", false, e.getMessage());
                return;
            }
            StatementResult r = p.execute(pos, session, sql);
            if (r == null) {
                return;
            }
            checks.check(p, pos, node, sql, r);
        }
    }

    @Override
    public String realServerLimit() {
        return checks.realServerLimit();
    }
}
