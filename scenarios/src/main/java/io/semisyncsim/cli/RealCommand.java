package io.semisyncsim.cli;

import io.semisyncsim.real.RealRunner;
import io.semisyncsim.reports.JUnitXml;
import io.semisyncsim.reports.RunReport;
import io.semisyncsim.real.RealServerException;
import io.semisyncsim.real.RealSettings;
import io.semisyncsim.real.ServerBinary;
import io.semisyncsim.scenario.Listeners;
import io.semisyncsim.scenario.ReportCollector;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "real", mixinStandardHelpOptions = true,
        description = {"Play scenarios on real mariadbd/mysqld servers on 127.0.0.1, in real time.",
                "Each run starts 1 source + N replicas in scratch directories, plays the steps over JDBC",
                "(network faults through a relay per replication link), and stops every server by its PID."},
        footer = {"", "Exit codes: 0 every expectation held, 1 an expectation failed,",
                "            2 invalid scenario or usage, or no server found,",
                "            3 a server could not be run (its error-log tail is shown),",
                "            130 / 143 interrupted (every server is stopped first)."})
final class RealCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or directories of them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--basedir", paramLabel = "DIR",
            description = "A MariaDB or MySQL build (bin/mariadbd or bin/mysqld); default: the server on PATH.")
    Path basedir;

    @Option(names = "--flavor", paramLabel = "F",
            description = "Play as this flavour even if the scenario or the server's version says otherwise.",
            completionCandidates = RunCommand.FlavorNames.class)
    String flavor;

    @Option(names = "--keep", description = "Keep the servers' data directories, option files and error logs.")
    boolean keep;

    @Option(names = "--quiet", description = "Print only failures and the verdict line.")
    boolean quiet;

    @Option(names = "--report", paramLabel = "DIR", description = "Write DIR/index.html, DIR/junit.xml and, per run, "
            + "DIR/NAME/report.md and report.html, as run does (DIR new or empty, or an earlier output, replaced "
            + "whole); real servers leave no trace, so a report has the "
            + "transcript, the checks and the latencies, and no sequence diagram.")
    Path report;

    @Override
    public Integer call() {
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
            ServerBinary server = RealServers.find(basedir, settings);
            List<Scenario> runs = RealServers.playable(scenarios, server, flavor, settings, problems);
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.err.println(p));
                return Cli.INVALID;
            }
            Narrative narrative = new Narrative(Cli.OUT, quiet, 0);
            ReportDir dir = report == null ? null : ReportDir.forRuns(report, "real", runs);
            List<JUnitXml.Run> junit = new ArrayList<>();
            int exit = Cli.OK;
            for (int i = 0; i < runs.size(); i++) {
                Scenario s = runs.get(i);
                if (!quiet) {
                    Cli.OUT.println("(real servers: " + server.describe() + ")");
                }
                RunCommand.WallClock wall = new RunCommand.WallClock();
                ReportCollector collector = dir == null ? null : new ReportCollector();
                if (collector != null) {
                    collector.note(0, "played on real servers (" + server.describe() + "): the transcript, checks and"
                            + " latencies are theirs; there is no trace, so no sequence diagram");
                }
                RunResult r = new RealRunner(server, settings, keep).run(s, collector == null
                        ? new Listeners(narrative, wall) : new Listeners(narrative, collector, wall), t -> { });
                if (collector != null) {
                    RunReport written = collector.report();
                    dir.finished(i, dir.reserve(s.name(), i), written);
                    junit.add(new JUnitXml.Run(written, "./semisync-sim real " + RunCommand.shellWord(s.file())
                            + " --flavor " + s.flavor(), wall.total(), wall.checks()));
                }
                if (!r.passed()) {
                    exit = Cli.EXPECTATION_FAILED;
                }
            }
            if (dir != null) {
                dir.complete(JUnitXml.render(junit, List.of()));
                Cli.OUT.println("report: " + dir.index());
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
}
