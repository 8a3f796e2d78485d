package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.StatementResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code on: NODE, connection: c1, reap: true}: waits for the answer to the statement sent on that
 * connection, as MTR's {@code reap}, and checks it as a sql step checks its statements
 * ({@code expect_error}, {@code expect_warning}, {@code expect_rows}, {@code ignore_errors}).
 */
public record ReapStep(Pos pos, String node, String user, String connection, StatementChecks checks)
        implements Step {

    public static final StepKind KIND = new StepKind("reap", keys(), ReapStep::read);

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(ClientConnection.KEYS);
        keys.add("reap");
        keys.addAll(StatementChecks.KEYS);
        return keys;
    }

    static Step read(StepReader r, YNode.Map m) {
        ClientConnection c = ClientConnection.read(r, m);
        YNode v = m.entries().get("reap").value();
        String flag = r.text(v, "reap");
        if (flag != null && !flag.equals("true")) {
            r.problem(v.pos(), "reap takes true (reap: true waits for the connection's sent statement); got '" + Printable.clip(flag) + "'");
        }
        StatementChecks checks = StatementChecks.read(r, m, 1);
        if (c == null) {
            return null;
        }
        r.reap(m.pos(), c.describe());
        return new ReapStep(m.pos(), c.node(), c.user(), c.name(), checks);
    }

    @Override
    public void play(Play p) {
        ClientConnection c = new ClientConnection(node, user, connection);
        Play.Session session = c.session(p);
        if (session.sent() == null) { // its send could not run (a value it refers to was not captured)
            p.outcome(pos, c.describe() + " has a statement to reap", false, "nothing was sent");
            return;
        }
        String sql = session.sent().sql();
        p.listener().step(p.now(), c.label() + ": reap " + Play.brief(sql));
        StatementResult r = p.reap(pos, session);
        if (r != null) {
            checks.check(p, pos, node, sql, r);
        }
    }

    @Override
    public String realServerLimit() {
        return checks.realServerLimit();
    }
}
