package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Template;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.sql.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code on: NODE, connection: c1, send: SQL}: starts one statement on a connection and goes on at once,
 * as MTR's {@code send}; the statement may wait (a commit for its ACK) while later steps run, and a
 * {@code reap: true} on the same connection collects and checks its answer. The connection takes no
 * other statement meanwhile.
 */
public record SendStep(Pos pos, String node, String statement, String user, String connection) implements Step {

    public static final StepKind KIND = new StepKind("send", keys(), SendStep::read);

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(ClientConnection.KEYS);
        keys.add("send");
        return keys;
    }

    static Step read(StepReader r, YNode.Map m) {
        ClientConnection c = ClientConnection.read(r, m);
        YNode v = m.entries().get("send").value();
        String sql = r.text(v, "send");
        if (sql == null) {
            return null;
        }
        List<String> statements = Parser.split(sql);
        if (statements.size() != 1) {
            r.problem(v.pos(), "send takes one statement, got " + statements.size()
                    + (statements.isEmpty() ? "" : " (give each its own send and reap)"));
            return null;
        }
        if (!r.template(v.pos(), statements.get(0)) || c == null) {
            return null;
        }
        r.send(m.pos(), c.describe());
        return new SendStep(m.pos(), c.node(), statements.get(0), c.user(), c.name());
    }

    /** The statement, for the tables a real server must have (see the real target). */
    public List<String> statements() {
        return List.of(statement);
    }

    @Override
    public void play(Play p) {
        ClientConnection c = new ClientConnection(node, user, connection);
        String sql;
        try {
            sql = p.expand(statement);
        } catch (Template.Unbound e) {
            p.outcome(pos, node + "> " + statement + " is sent", false, e.getMessage());
            return;
        }
        p.listener().step(p.now(), c.label() + ": send " + Play.brief(sql));
        p.send(c.session(p), sql);
    }
}
