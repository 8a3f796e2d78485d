package io.semisyncsim.cli;

import io.semisyncsim.explore.Exploration;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.sweep.Progress;
import io.semisyncsim.sweep.SweepException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Play random schedules of faults and workloads on top of a scenario and check its invariants.",
            "Each broken one is shrunk to a small scenario file that still breaks it, with how to replay it.",
            "Exit 0: no run broke an invariant; 1: shrunk files written;",
            "2: invalid; 3: internal error."})
final class ExploreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1", description = "The scenario: its settings, topology, invariants and"
            + " its steps (played first, as set-up).")
    Path file;

    /** As many as a sweep takes seeds. */
    static final int MAX_RUNS = 1_000_000;

    @Option(names = "--runs", paramLabel = "N", required = true, description = "Schedules to play.")
    int runs;

    @Option(names = "--seed", paramLabel = "S", converter = Cli.Seed.class, description = "Run i draws and plays with seed S + i (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--jobs", paramLabel = "J", description = "Runs at a time (default: every core, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", description = {"Where shrunk scenarios go (default ${DEFAULT-VALUE}): a new or",
        "empty directory, or an earlier output of semisync-sim (replaced whole)."})
    Path out = Path.of("semisync-sim-explore");

    @Option(names = "--shrink-runs", paramLabel = "N", description = "At most N runs to shrink each finding (default ${DEFAULT-VALUE}).")
    int shrinkRuns = 400;

    @Option(names = "--allow-large", description = "Accept topologies of more than " + ScenarioReader.MAX_NODES + " nodes.")
    boolean allowLarge;

    @Option(names = "--quiet", description = "No progress line (never shown when not on a terminal, or under CI).")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            if (runs < 1) {
                throw new SweepException("--runs " + runs + ": at least 1");
            }
            if (runs > MAX_RUNS) {
                // Each run's schedule and result are kept until the report; a sweep's seeds have the same cap.
                throw new SweepException("--runs " + runs + ": at most " + MAX_RUNS + " in one explore (split the seeds:"
                        + " --seed S --runs N per invocation)");
            }
            if (jobs < 1) {
                throw new SweepException("--jobs " + jobs + ": at least 1");
            }
            if (shrinkRuns < 0) {
                throw new SweepException("--shrink-runs " + shrinkRuns + ": at least 0");
            }
            Exploration exploration = Exploration.of(file, new ScenarioReader.Options(allowLarge));
            OutputDir.claim("--out", out, "explore");
            try (OutputInProgress writing = OutputInProgress.mark(out, "explore")) {
                return explore(exploration, writing);
            }
        } catch (SweepException e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return Cli.INVALID;
        } catch (InvalidScenarioException e) {
            e.problems().forEach(System.err::println);
            return Cli.INVALID;
        } catch (OutputProblem e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return Cli.INVALID;
        }
    }

    /**
     * The shrunk file as the replay line names it: relative to the directory explore ran in when it is below
     * it (so a CI log names it as its artifact holds it, whether --out was given relative or absolute), else
     * absolute (so that {@code --out ../x} still works from elsewhere).
     */
    static String replayPath(Path file, Path cwd) {
        Path absolute = file.toAbsolutePath().normalize();
        return (absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute).toString();
    }

    /** The runs, then the shrinking of each finding into --out, then the summary. */
    private int explore(Exploration exploration, OutputInProgress writing) throws IOException, InterruptedException {
        Progress progress = new Progress(System.err, runs, Progress.wanted(quiet));
        Exploration.Report report = exploration.explore(seed, runs, jobs, progress::runDone);
        Cli.OUT.println("explore " + exploration.name() + ": " + Cli.count(runs, "run") + " (seeds " + seed + ".." + (seed + runs - 1)
                + "), " + report.broken() + " broke an invariant" + (report.refused() == 0 ? ""
                : "; " + report.refused() + " drawn schedules were refused by the reader (a bug: please report)"));
        for (Exploration.Finding f : exploration.shrink(report, shrinkRuns, out)) {
            String file = replayPath(f.file(), Path.of("").toAbsolutePath());
            Cli.OUT.println("  " + f.broken() + ": " + f.runs() + " run" + (f.runs() == 1 ? "" : "s")
                    + ", first at seed " + f.seed() + "; shrunk from " + f.drawnSteps() + " drawn steps to "
                    + f.shrunkSteps() + ": " + file);
            Cli.OUT.println("    " + f.detail());
            Cli.OUT.println("    replay: " + RunCommand.REPLAY + " " + RunCommand.shellWord(file));
        }
        writing.complete();
        return report.broken() == 0 ? Cli.OK : Cli.EXPECTATION_FAILED;
    }
}
