package io.semisyncsim.cli;

import io.semisyncsim.diff.DiffReport;
import io.semisyncsim.diff.DiffResult;
import io.semisyncsim.diff.Differ;
import io.semisyncsim.real.RealServerException;
import io.semisyncsim.real.RealSettings;
import io.semisyncsim.real.ServerBinary;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Play scenarios on real servers and in the simulator, and compare them step by step.",
                "After every step: semisync status and variables, SHOW SLAVE STATUS, binary log positions, row",
                "counts, statement results and errors, checks, timings (with tolerances); then the error logs",
                "line by line."},
        footer = {"", "Exit codes: 0 every field agrees, 1 some differ,",
                "            2 invalid scenario or usage, or no server found,",
                "            3 a server could not be run (its error-log tail is shown)."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or directories of them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--basedir", paramLabel = "DIR",
            description = "A MariaDB or MySQL build (bin/mariadbd or bin/mysqld); default: the server on PATH.")
    Path basedir;

    @Option(names = "--flavor", paramLabel = "F", description = "Simulate this flavour whatever the server's version.",
            completionCandidates = RunCommand.FlavorNames.class)
    String flavor;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "semisync-sim-diff",
            description = {"Where to write NAME.md and NAME.json: a new or empty directory, or an earlier",
                "output of semisync-sim (replaced whole) (default: ${DEFAULT-VALUE})."})
    Path out;

    @Option(names = "--all", description = "Print every compared field, not only the ones that differ.")
    boolean all;

    @Option(names = "--keep", description = "Keep the servers' data directories, option files and error logs.")
    boolean keep;

    @Option(names = "--quiet", description = "Print only the summary of each scenario.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (flavor != null && RunCommand.FlavorNames.unknown(flavor) != null) {
            System.err.println("semisync-sim: " + RunCommand.FlavorNames.unknown(flavor));
            return Cli.INVALID;
        }
        ScenarioFiles.Loaded loaded = ScenarioFiles.load(files, new ScenarioReader.Options(false, flavor));
        if (!loaded.errors().isEmpty() || !loaded.internalErrors().isEmpty()) {
            loaded.report(System.err);
            return loaded.internalErrors().isEmpty() ? Cli.INVALID : Cli.INTERNAL_ERROR;
        }
        List<Problem> problems = new ArrayList<>(loaded.problems());
        List<Scenario> scenarios = loaded.scenarios();
        RealSettings settings = RealSettings.load();
        try {
            OutputDir.check("--out", out); // before any server starts
            ServerBinary server = RealServers.find(basedir, settings);
            List<Scenario> runs = RealServers.playable(scenarios, server, flavor, settings, problems);
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.err.println(p));
                return Cli.INVALID;
            }
            OutputDir.claim("--out", out, "diff");
            int exit = Cli.OK;
            for (Scenario s : runs) {
                Cli.OUT.println("== diff " + s.name() + " (" + s.flavor() + "): " + server.describe()
                        + " against the simulation ==");
                DiffResult d = new Differ(server, settings, keep).diff(s, new Narrative(Cli.OUT, true, 0));
                if (!quiet) {
                    Cli.OUT.print(DiffReport.table(d, all));
                }
                Cli.OUT.println(DiffReport.summary(d));
                String base = s.name().replace('@', '_');
                write(out.resolve(base + ".md"), DiffReport.markdown(d));
                write(out.resolve(base + ".json"), DiffReport.json(d));
                Cli.OUT.println("written: " + out.resolve(base + ".md") + ", " + out.resolve(base + ".json"));
                if (d.different() > 0) {
                    exit = Cli.EXPECTATION_FAILED;
                }
            }
            return exit;
        } catch (OutputProblem e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return Cli.INVALID;
        } catch (RealServerException e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return e.exitCode();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw OutputProblem.of("cannot write", file, e);
        }
    }
}
