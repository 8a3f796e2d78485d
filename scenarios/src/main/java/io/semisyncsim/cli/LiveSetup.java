package io.semisyncsim.cli;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.live.LiveSession;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Problem;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code lab} and {@code shell} start from, the options they share (a picocli mixin): a FILE, or a
 * new cluster; refusals told as {@code run} tells them.
 */
final class LiveSetup {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "A scenario to start from: its cluster, and its steps"
            + " played first (or one by one with --step and \\next, the page's next step).")
    Path file;

    @Option(names = "--step", description = "Play FILE's steps one at a time instead of all at start.")
    boolean step;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "Without FILE: replicas beside the source (default ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--flavor", paramLabel = "F", description = {"Without FILE: the flavour (default mysql-8.0):",
            "${COMPLETION-CANDIDATES}."},
            completionCandidates = RunCommand.FlavorNames.class)
    String flavor;

    @Option(names = "--seed", paramLabel = "N", converter = Cli.Seed.class, description = "Without FILE: the seed (default 1).")
    Long seed;

    /** The setup at {@code speed} (null: {@code defaultSpeed}), or null after telling on stderr why not (exit 2). */
    LiveSession.Setup setup(String speed, String defaultSpeed) {
        String s = speed == null ? defaultSpeed : speed;
        if (LiveSession.parseSpeed(s) == null) {
            System.err.println("semisync-sim: --speed is a number of times the wall clock (0.1 to 1000) or instant, got '"
                    + s + "'");
            return null;
        }
        try {
            if (file != null) {
                if (flavor != null || seed != null) {
                    System.err.println("semisync-sim: --flavor and --seed go with a new cluster; a FILE names its own"
                            + " (the saved session must replay as it ran)");
                    return null;
                }
                return LiveSession.fromFile(file, step).withSpeed(LiveSession.parseSpeed(s));
            }
            if (step) {
                System.err.println("semisync-sim: --step plays a FILE's steps one at a time; name the FILE");
                return null;
            }
            String f = flavor == null ? Flavors.standard().defaultFlavor().name() : flavor;
            if (RunCommand.FlavorNames.unknown(f) != null) {
                System.err.println("semisync-sim: " + RunCommand.FlavorNames.unknown(f));
                return null;
            }
            if (replicas < 0 || replicas > 63) {
                System.err.println("semisync-sim: --replicas is 0 to 63, got " + replicas);
                return null;
            }
            return LiveSession.fresh(f, seed == null ? 1 : seed, replicas).withSpeed(LiveSession.parseSpeed(s));
        } catch (InvalidScenarioException e) {
            for (Problem p : e.problems()) {
                System.err.println(p);
            }
            return null;
        } catch (IOException e) {
            System.err.println("semisync-sim: cannot read " + file + ": " + OutputProblem.reason(e));
            return null;
        }
    }
}
