package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;

/**
 * {@code repeat: N, steps: [...]}: plays its steps N times over. They are read as any steps are (each
 * keeps its place in the file for messages), and must leave the cluster as they found it, so that
 * every time round plays alike.
 */
public record RepeatStep(Pos pos, int times, List<Step> steps) implements Step {

    public static final StepKind KIND = new StepKind("repeat", List.of("repeat", "steps"), RepeatStep::read);

    static Step read(StepReader r, YNode.Map m) {
        long times = r.wholeNumber(m, "repeat", -1, 1, 1_000_000);
        if (!m.entries().containsKey("steps")) {
            r.problem(m.pos(), "repeat needs steps: the list of steps to play N times");
            return null;
        }
        YNode list = m.entries().get("steps").value();
        if (list instanceof YNode.Seq seq && seq.items().isEmpty()) {
            r.problem(list.pos(), "a repeat's steps are empty; give it the steps to play N times");
            return null;
        }
        List<Step> steps = r.repeatedSteps(list, Math.max(1, times), m.pos());
        return times < 0 ? null : new RepeatStep(m.pos(), (int) times, List.copyOf(steps));
    }

    @Override
    public void play(Play p) {
        for (int i = 1; i <= times; i++) {
            p.listener().step(p.now(), "repeat " + i + " of " + times);
            for (Step step : steps) {
                step.play(p);
            }
        }
    }
}
