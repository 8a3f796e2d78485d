package io.semisyncsim.real;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.Step;
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
    public RunResult run(Scenario scenario, RunListener listener, Consumer<io.semisyncsim.scenario.lang.Target> afterStep) {
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
    public static java.util.List<io.semisyncsim.scenario.lang.Problem> limits(Scenario scenario) {
        java.util.List<io.semisyncsim.scenario.lang.Problem> problems = new java.util.ArrayList<>();
        limits(scenario.file(), scenario.steps(), problems);
        return problems;
    }

    private static void limits(String file, java.util.List<io.semisyncsim.scenario.lang.Step> steps,
                               java.util.List<io.semisyncsim.scenario.lang.Problem> problems) {
        for (io.semisyncsim.scenario.lang.Step step : steps) {
            String limit = step.realServerLimit();
            if (limit != null) {
                problems.add(new io.semisyncsim.scenario.lang.Problem(file, step.pos(), limit));
            }
            limits(file, step.steps(), problems);
        }
    }
}
