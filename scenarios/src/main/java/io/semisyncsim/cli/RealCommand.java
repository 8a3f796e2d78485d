package io.semisyncsim.cli;

import io.semisyncsim.real.RealRunner;
import io.semisyncsim.real.RealServerException;
import io.semisyncsim.real.RealSettings;
import io.semisyncsim.real.ServerBinary;
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
        footer = {"", "Exit codes: 0 every expectation held, 1 an expectation failed, 2 invalid scenario,",
                "            usage or no server found, 3 a server could not be run (its error-log tail is shown)."})
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

    @Override
    public Integer call() {
        if (flavor != null && io.semisyncsim.flavor.Flavors.standard().get(flavor) == null) {
            System.err.println("semisync-sim: unknown flavor '" + flavor + "' (flavors: "
                    + String.join(", ", io.semisyncsim.flavor.Flavors.standard().names()) + ")");
            return Cli.INVALID;
        }
        ScenarioFiles.Loaded loaded = ScenarioFiles.load(files, ScenarioReader.Options.DEFAULT);
        if (!loaded.errors().isEmpty()) {
            loaded.report(System.err);
            return Cli.INVALID;
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
            int exit = Cli.OK;
            for (Scenario s : runs) {
                if (!quiet) {
                    Cli.OUT.println("(real servers: " + server.describe() + ")");
                }
                RunResult r = new RealRunner(server, settings, keep).run(s, narrative, t -> { });
                if (!r.passed()) {
                    exit = Cli.EXPECTATION_FAILED;
                }
            }
            return exit;
        } catch (RealServerException e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return e.exitCode();
        }
    }
}
