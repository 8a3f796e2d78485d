package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * {@code on: NODE, commit: N}: N autocommit single-row INSERTs into the default table, one client, back
 * to back; each waits for its OK, so the latency is what the client saw.
 */
public record CommitStep(Pos pos, String node, int count) implements Step {

    public static final StepKind KIND = new StepKind("commit", List.of("on", "commit"), CommitStep::read);

    /** The table commit and workload steps write. */
    public static final String TABLE = "t1";

    static Step read(StepReader r, YNode.Map m) {
        String node = r.on(m);
        YNode v = m.entries().get("commit").value();
        String n = r.text(v, "commit");
        if (n == null) {
            return null;
        }
        if (!n.matches("\\d{1,7}") || Integer.parseInt(n) < 1) {
            r.problem(v.pos(), "commit takes a number of transactions from 1 to 9999999, got '" + n + "'");
            return null;
        }
        return new CommitStep(m.pos(), node, Integer.parseInt(n));
    }

    @Override
    public void play(Play p) {
        p.listener().step(p.now(), node + ": commit " + count + " transaction" + (count == 1 ? "" : "s"));
        int failed = 0;
        int semisync = 0;
        for (int i = 0; i < count; i++) {
            long t0 = p.now();
            long key = p.commits().nextKey();
            Target.Commit c = p.target().insert(node, TABLE, key, p.answerDeadline());
            if (c == null) {
                p.outcome(pos, node + ": commit " + (i + 1) + " gets an answer", false, p.noAnswer());
                return;
            }
            if (!c.ok()) {
                failed++;
                continue;
            }
            semisync += c.semisync() ? 1 : 0;
            p.commits().record(node, key, p.now() - t0, c.semisync());
            p.listener().committed(p.now(), p.now() - t0, c.semisync());
        }
        int ok = count - failed;
        p.listener().note(p.now(), ok + " committed (" + semisync + " acknowledged by a replica, " + (ok - semisync)
                + " asynchronous)" + (failed > 0 ? ", " + failed + " failed (connection lost)" : "")
                + "; last latency " + Durations.format(p.commits().last()));
    }
}
