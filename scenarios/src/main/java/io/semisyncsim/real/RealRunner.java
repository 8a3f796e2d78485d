package io.semisyncsim.real;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Plays a scenario on real servers, on wall time, step by step, as the simulator plays it on virtual time. */
public final class RealRunner {
    private final ServerBinary binary;
    private final RealSettings settings;
    private final boolean keep;

    public RealRunner(ServerBinary binary, RealSettings settings, boolean keep) {
        this.binary = binary;
        this.settings = settings;
        this.keep = keep;
    }

    /**
     * Starts the cluster, plays every step, and stops every server. {@code afterStep} is told after
     * each step, with the target (the diff reads both sides there). The result has no trace digest:
     * real time is not deterministic.
     */
    public RunResult run(Scenario scenario, RunListener listener, Consumer<Target> afterStep) {
        Flavor flavor = Flavors.standard().get(scenario.flavor());
        listener.started(scenario);
        try (RealTarget target = new RealTarget(RealCluster.start(scenario, flavor, binary, settings, keep))) {
            if (keep) {
                listener.note(0, "servers' data, option files and error logs: " + target.scratch());
            }
            Play play = new Play(target, listener, settings.answerTimeout().toNanos() / 1000,
                    settings.answerTimeout().toSeconds() + " s");
            for (Step step : scenario.steps()) {
                step.play(play);
                afterStep.accept(target);
            }
            RunResult result = new RunResult(scenario, play.outcomes(), target.now(), null, 0);
            listener.finished(result);
            return result;
        }
    }

    /** What real servers cannot play of a scenario's steps (and the steps they hold), each at its place. */
    public static List<Problem> limits(Scenario scenario) {
        List<Problem> problems = new ArrayList<>();
        limits(scenario.file(), scenario.steps(), problems);
        return problems;
    }

    private static void limits(String file, List<Step> steps, List<Problem> problems) {
        for (Step step : steps) {
            String limit = step.realServerLimit();
            if (limit != null) {
                problems.add(new Problem(file, step.pos(), limit));
            }
            limits(file, step.steps(), problems);
        }
    }
}
