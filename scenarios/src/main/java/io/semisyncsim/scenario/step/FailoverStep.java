package io.semisyncsim.scenario.step;

import io.semisyncsim.cluster.LossChecker;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code failover: {promote: NODE}}: the replica becomes the source and the others follow it (by GTID
 * when they position by GTID); the loss checker then compares it with the old source: rows clients were
 * told were committed there, and rows other sessions could see there, that the new source lacks; with
 * GTIDs on the simulator's MySQL flavours, transactions by GTID. The narrative names the GTIDs.
 */
public record FailoverStep(Pos pos, String promote, boolean semisync) implements Step {

    public static final StepKind KIND = new StepKind("failover", List.of("failover"), FailoverStep::read);

    /** Ten virtual minutes for the promoted replica to apply what its relay log holds. */
    private static final long APPLY_BUDGET = 600_000_000L;

    static Step read(StepReader r, YNode.Map m) {
        YNode.Map f = r.asMap(m.entries().get("failover").value(), "failover");
        if (f == null) {
            return null;
        }
        r.unknownKeys(f, List.of("promote", "semisync"), "failover");
        if (!f.entries().containsKey("promote")) {
            r.problem(f.pos(), "failover needs 'promote'");
            return null;
        }
        String promote = r.knownNode(f, "promote");
        if (promote == null) {
            return null;
        }
        Pos at = f.entries().get("promote").value().pos();
        if (promote.equals(r.source())) {
            r.problem(at, "failover to " + promote + ", which is the source already at this point");
            return null;
        }
        if (r.downAt(promote) != null) {
            r.problem(at, "failover to " + promote + ", which is down at this point (it went down "
                    + r.at(r.downAt(promote)) + ")");
            return null;
        }
        if (r.formerSourceAt(promote) != null) {
            r.problem(at, "failover to " + promote + ", which replicates from nobody at this point (it was the source"
                    + " until the failover " + r.at(r.formerSourceAt(promote)) + ")");
            return null;
        }
        boolean semisync = r.optionalBoolean(f, "semisync", false);
        r.promoted(promote, m.pos());
        return new FailoverStep(m.pos(), promote, semisync);
    }

    @Override
    public void play(Play p) {
        String old = p.target().sourceOf(promote);
        // A replica that never started (or whose channel was never set) has no source to name.
        p.listener().step(p.now(), "failover: promote " + promote + (old == null ? " (it was not replicating from"
                + " any source)" : " (was replicating from " + old + ")")
                + (semisync ? "; semisync moves with it" : ""));
        try {
            p.target().promote(promote, APPLY_BUDGET, semisync);
        } catch (io.semisyncsim.cluster.Cluster.OperatorFailed e) {
            p.outcome(pos, "failover: the operator's statements on " + promote + " succeed", false, e.getMessage());
            return;
        }
        // Every table commit and workload steps wrote (t1 at least), compared row by row.
        java.util.SortedSet<String> tables = new java.util.TreeSet<>(p.commits().tables());
        tables.add(CommitStep.TABLE);
        long acknowledged = 0;
        Long visible = 0L;
        for (String table : tables) {
            SortedSet<Long> onOld = p.target().committedKeys(old, table);
            SortedSet<Long> onNew = p.target().committedKeys(promote, table);
            LossChecker.Losses lost = LossChecker.check(p.commits().acknowledgedOn(old, table),
                    onOld == null ? Set.of() : onOld, onNew);
            acknowledged += lost.acknowledged();
            // A real old source that is down cannot be read: what it made visible is then unknown, not 0.
            visible = onOld == null || visible == null ? null : visible + lost.visible();
        }
        // With GTIDs (the simulator, MySQL): counted by transaction, each the old source's and lacking on
        // the new one; otherwise by rows, as above.
        java.util.Map<String, SortedSet<Long>> told = new java.util.TreeMap<>();
        for (String table : tables) {
            told.put(table, p.commits().acknowledgedOn(old, table));
        }
        long[] byGtid = p.target().lostByGtid(old, promote, told);
        if (byGtid != null) {
            acknowledged = byGtid[0];
            visible = byGtid[1];
        }
        LossChecker.Losses lost = new LossChecker.Losses(acknowledged, visible == null ? 0 : visible);
        p.commits().losses(lost.acknowledged(), visible);
        List<String> gtids = p.target().gtidsLacking(old, promote);
        p.listener().note(p.now(), promote + " is the source; lost: " + lost.acknowledged()
                + " acknowledged to clients, " + (visible == null ? "unknown (" + old + " is down)" : visible)
                + " visible on " + old + (gtids.isEmpty() ? "" : "; " + promote + " lacks " + old + "'s "
                + String.join(", ", gtids).replace(",\n", ", ")));
    }
}
