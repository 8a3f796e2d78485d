package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.StatementResult;
import java.util.List;

/**
 * {@code kill: {on: NODE, connection: NAME, query: true}}: {@code KILL [QUERY] id} of that connection's
 * server thread, sent on the node's default connection of {@code as:} (root by default), as MTR's
 * {@code KILL @other_connection_id} after {@code SELECT CONNECTION_ID() INTO @other_connection_id} on the
 * other connection. The KILL's answer is checked as a sql step's (expect_error, e.g. 1095 for a user who
 * does not own the thread); what the killed connection's statement answers is for its reap to check.
 */
public record KillStep(Pos pos, String node, String victim, String victimUser, boolean query, String user,
                       StatementChecks checks) implements Step {

    public static final StepKind KIND = new StepKind("kill",
            List.of("kill", "as", "expect_error", "expect_warning", "ignore_errors"), KillStep::read);

    static Step read(StepReader r, YNode.Map m) {
        YNode.Map k = r.asMap(m.entries().get("kill").value(), "kill");
        StatementChecks checks = StatementChecks.read(r, m, 1);
        if (k == null) {
            return null;
        }
        r.unknownKeys(k, List.of("on", "connection", "query"), "kill");
        String node = r.on(k);
        String victim = r.requiredText(k, "connection", "kill");
        boolean query = r.optionalBoolean(k, "query", false);
        String as = r.optionalText(m, "as", null);
        if (as != null && !Account.validName(as)) {
            r.problem(m.entries().get("as").value().pos(), "'" + Printable.clip(as) + "' is not a user name");
            return null;
        }
        if (node == null || victim == null) {
            return null;
        }
        if (!r.opened(node, victim)) {
            r.problem(k.entries().get("connection").value().pos(), "kill of connection " + victim + " on " + node
                    + ", which no earlier step used: it has no thread yet (a connection connects at its first"
                    + " statement)");
            return null;
        }
        String victimUser = r.connectionUser(k.pos(), node, victim, null);
        String user = r.connectionUser(m.pos(), node, null, as);
        r.idle(m.pos(), StepReader.connectionName(node, null, user));
        return new KillStep(m.pos(), node, victim, victimUser, query, user, checks);
    }

    /** The statement as the file says it: the thread id is the server's to give (diff names it so on both sides). */
    @Override
    public List<String> statements() {
        return List.of((query ? "KILL QUERY " : "KILL ") + "<thread of connection " + victim + ">");
    }

    @Override
    public void play(Play p) {
        Long thread = p.target().threadId(p.session(node, victimUser, victim).handle());
        String what = (query ? "KILL QUERY" : "KILL") + " of connection " + victim + " on " + node;
        if (thread == null) {
            p.outcome(pos, what + " finds its thread", false, "it has none: it lost its connection and has not"
                    + " connected again (it does at its next statement)");
            return;
        }
        String sql = (query ? "KILL QUERY " : "KILL ") + thread;
        StatementResult r = p.execute(pos, p.session(node, user, null), sql);
        if (r != null) {
            checks.check(p, pos, node, statements().get(0), r); // checks named as written, as diff names them
        }
    }
}
