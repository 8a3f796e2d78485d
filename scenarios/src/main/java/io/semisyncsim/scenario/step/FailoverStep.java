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
 * {@code failover: {promote: NODE}}: the replica becomes the source and the others follow it; the loss
 * checker then compares it with the old source: rows clients were told were committed there, and rows
 * other sessions could see there, that the new source lacks.
 */
public record FailoverStep(Pos pos, String promote) implements Step {

    public static final StepKind KIND = new StepKind("failover", List.of("failover"), FailoverStep::read);

    /** Ten virtual minutes for the promoted replica to apply what its relay log holds. */
    private static final long APPLY_BUDGET = 600_000_000L;

    static Step read(StepReader r, YNode.Map m) {
        YNode.Map f = r.asMap(m.entries().get("failover").value(), "failover");
        if (f == null) {
            return null;
        }
        r.unknownKeys(f, List.of("promote"), "failover");
        if (!f.entries().containsKey("promote")) {
            r.problem(f.pos(), "failover needs 'promote'");
            return null;
        }
        String promote = r.knownNode(f, "promote");
        return promote == null ? null : new FailoverStep(m.pos(), promote);
    }

    @Override
    public void play(Play p) {
        String old = p.target().sourceOf(promote);
        p.listener().step(p.now(), "failover: promote " + promote + " (was replicating from " + old + ")");
        p.target().promote(promote, APPLY_BUDGET);
        SortedSet<Long> onOld = p.target().committedKeys(old, CommitStep.TABLE);
        SortedSet<Long> onNew = p.target().committedKeys(promote, CommitStep.TABLE);
        LossChecker.Losses lost = LossChecker.check(p.commits().acknowledgedOn(old), onOld == null ? Set.of() : onOld,
                onNew);
        // A real old source that is down cannot be read: what it made visible is then unknown, not 0.
        Long visible = onOld == null ? null : lost.visible();
        p.commits().losses(lost.acknowledged(), visible);
        p.listener().note(p.now(), promote + " is the source; lost: " + lost.acknowledged()
                + " acknowledged to clients, " + (visible == null ? "unknown (" + old + " is down)" : visible)
                + " visible on " + old);
    }
}
