package io.semisyncsim.cli;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.sweep.Progress;
import io.semisyncsim.sweep.RunRow;
import io.semisyncsim.sweep.Seeds;
import io.semisyncsim.sweep.Setting;
import io.semisyncsim.sweep.Shard;
import io.semisyncsim.sweep.SweepException;
import io.semisyncsim.sweep.SweepFiles;
import io.semisyncsim.sweep.SweepHeader;
import io.semisyncsim.sweep.SweepPlan;
import io.semisyncsim.sweep.SweepRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario over every combination of settings and seeds, on every core, and compare them.",
            "Writes DIR/runs.csv, DIR/runs.json (a row per run) and DIR/summary.html (charts per combination);",
            "failing runs get DIR/reports/ID/ (report.html, and scenario.yaml to replay with run).",
            "Exit 0: every run passed; 1: a run failed (an expectation or an invariant);",
            "2: invalid; 3: internal error."})
final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1", description = "The scenario file.")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=V1,V2", description = {"A setting and its values; repeat for more. PATH:",
        "config.NODE.VARIABLE, network.latency,", "network.links.A<->B.latency, workload.rate|clients",
        "(every workload step), steps.N.KEY (the N-th step,", "from 1), flavor."})
    List<String> sets = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "1..40, 7 or 1,5,9 (default: the scenario's seed).")
    String seeds;

    @Option(names = "--jobs", paramLabel = "J", description = "Runs at a time in this JVM (default: every core, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "K/N", description = {"Run only the K-th of N slices (K from 1); merge puts",
        "them together. Default: JOB_COMPLETION_INDEX/JOB_COMPLETIONS or SLURM_ARRAY_TASK_* if set, else all."})
    String shard;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = {"Where the results go: a new or empty",
        "directory, or an earlier output of semisync-sim (replaced whole)."})
    Path out;

    @Option(names = "--allow-large", description = "Accept topologies of more than " + ScenarioReader.MAX_NODES + " nodes.")
    boolean allowLarge;

    @Option(names = "--quiet", description = "No progress line (it is never shown when not on a terminal, or under CI).")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            if (jobs < 1) {
                throw new SweepException("--jobs " + jobs + ": at least 1");
            }
            Shard slice = shard != null ? Shard.parse(shard) : Shard.fromEnvironment(System.getenv());
            List<Setting> settings = new ArrayList<>();
            for (String s : sets) {
                settings.add(Setting.parse(s));
            }
            List<Long> seedList = seeds == null ? List.of(ScenarioReader.read(file,
                    new ScenarioReader.Options(allowLarge)).seed()) : Seeds.parse(seeds);
            SweepPlan plan = SweepPlan.of(file, settings, seedList, new ScenarioReader.Options(allowLarge));
            List<SweepPlan.Run> runs = plan.runs(slice);
            OutputDir.claim("--out", out, "sweep");
            try (OutputInProgress writing = OutputInProgress.mark(out, "sweep")) {
                Progress progress = new Progress(System.err, runs.size(), Progress.wanted(quiet));
                List<RunRow> rows = SweepRunner.run(plan, runs, jobs, out, progress::runDone);
                SweepHeader header = SweepHeader.of(plan);
                SweepFiles.write(out, header, slice, rows);
                writing.complete();
                return summary(header, slice, rows);
            }
        } catch (SweepException e) {
            e.getMessage().lines().forEach(l -> System.err.println(l.startsWith("semisync-sim: ") || l.contains(": ")
                    && l.matches("^[^ ]+:\\d+:\\d+: .*") ? l : "semisync-sim: " + l));
            return Cli.INVALID;
        } catch (InvalidScenarioException e) {
            e.problems().forEach(System.err::println);
            return Cli.INVALID;
        } catch (OutputProblem e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return Cli.INVALID;
        }
    }

    private int summary(SweepHeader header, Shard slice, List<RunRow> rows) {
        long failed = rows.stream().filter(r -> !r.passed()).count();
        Cli.OUT.println("sweep " + header.name() + ": " + Cli.count(header.runs(), "run") + (slice.isWhole() ? ""
                : ", shard " + slice + " ran " + rows.size()) + ", " + (rows.size() - failed) + " passed, " + failed
                + " failed; " + out.resolve(SweepFiles.HTML));
        failures(header, rows, out);
        return failed == 0 ? Cli.OK : Cli.EXPECTATION_FAILED;
    }

    /**
     * Each failing run of a sweep (or a merge of its shards): its settings, flavour and seed, what failed (a
     * multi-line actual value, such as an error log, as its line count, as run prints it), and how to replay it.
     */
    static void failures(SweepHeader header, List<RunRow> rows, Path out) {
        boolean flavorSwept = header.settings().stream().anyMatch(s -> s.path().equals("flavor"));
        for (RunRow r : rows) {
            if (!r.passed()) {
                List<String> said = new ArrayList<>(r.values());
                if (!flavorSwept) {
                    said.add(r.flavor());
                }
                Cli.OUT.println("  FAIL " + r.id() + " " + String.join(" ", said) + " seed " + r.seed() + ": "
                        + (r.invariant().isEmpty() ? oneLine(r.failure()) : r.invariant()));
                Cli.OUT.println("       replay: " + RunCommand.REPLAY + " " + RunCommand.shellWord(out.resolve("reports")
                        .resolve(r.id()).resolve("scenario.yaml").toString()) + " --flavor " + r.flavor() + " --seed "
                        + r.seed());
            }
        }
    }

    /** {@code EXPECTATION -- actual: (9 lines)} for an actual value of several lines, as the console shows it. */
    static String oneLine(String failure) {
        int actual = failure.indexOf(" -- actual: ");
        if (!failure.contains("\n") || actual < 0) {
            return failure;
        }
        return failure.substring(0, actual + " -- actual: ".length())
                + Outcome.oneLine(failure.substring(actual + " -- actual: ".length()));
    }
}
