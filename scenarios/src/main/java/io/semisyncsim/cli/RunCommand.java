package io.semisyncsim.cli;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.trace.TraceSink;
import io.semisyncsim.trace.JsonLinesSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenarios and print what happens, step by step, on virtual time.",
                "With no FILE, runs the manual's installation walk-through."})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_SCENARIO = "library/teaching/manual-installation.yaml";

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Scenario files or directories of them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--flavor", paramLabel = "F", description = "Override the flavor: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FlavorNames.class)
    String flavor;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the trace (JSON lines) to FILE.")
    Path trace;

    @Option(names = "--realtime", paramLabel = "SPEED", arity = "0..1", fallbackValue = "1",
            description = "Pace the narrative in wall time (SPEED x real time); never changes the trace.")
    Double realtime;

    @Option(names = "--quiet", description = "Print only failures and the verdict line.")
    boolean quiet;

    @Option(names = "--allow-large", description = "Accept topologies of more than "
            + io.semisyncsim.scenario.ScenarioReader.MAX_NODES + " nodes (up to "
            + io.semisyncsim.scenario.ScenarioReader.MAX_NODES_LARGE + ").")
    boolean allowLarge;

    @Option(names = "--report", paramLabel = "DIR", arity = "0..1", fallbackValue = "semisync-sim-report",
            description = {"Write DIR/junit.xml and, per run, DIR/NAME/trace.jsonl, report.md and report.html",
                    "(default DIR: ./semisync-sim-report)."})
    Path report;

    @Override
    public Integer call() throws IOException {
        if (flavor != null && Flavors.standard().get(flavor) == null) {
            System.err.println("semisync-sim: unknown flavor '" + flavor + "' (flavors: "
                    + String.join(", ", Flavors.standard().names()) + ")");
            return Cli.INVALID;
        }
        List<Scenario> scenarios = new ArrayList<>();
        int exit = Cli.OK;
        if (files.isEmpty()) {
            List<Problem> problems = new ArrayList<>();
            Scenario walkThrough = bundledWalkThrough(problems);
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.err.println(p));
                return Cli.INVALID;
            }
            scenarios.add(walkThrough);
        } else {
            // Every file that reads clean runs; the invalid ones are told first, and decide the exit code.
            ScenarioFiles.Loaded loaded = ScenarioFiles.load(files,
                    new io.semisyncsim.scenario.ScenarioReader.Options(allowLarge));
            loaded.report(System.err);
            scenarios.addAll(loaded.scenarios());
            exit = loaded.anyInvalid() ? Cli.INVALID : Cli.OK;
        }
        Narrative narrative = new Narrative(Cli.OUT, quiet, realtime == null ? 0 : realtime);
        List<io.semisyncsim.reports.RunReport> reports = new ArrayList<>();
        List<Scenario> runs = new ArrayList<>();
        for (Scenario s : scenarios) {
            runs.addAll(flavor != null ? List.of(s.on(flavor)) : s.perFlavor());
        }
        if (trace != null && runs.size() != 1) {
            System.err.println("semisync-sim: --trace takes one run; this is " + runs.size()
                    + " (name one --flavor for a multi-flavour scenario)");
            return Cli.INVALID;
        }
        for (Scenario s : runs) {
            Scenario effective = seed == null ? s : s.withSeed(seed);
            RunResult result = report != null ? runWithReport(effective, narrative, reports) : run(effective, narrative);
            if (!result.passed()) {
                exit = Math.max(exit, Cli.EXPECTATION_FAILED); // 2 (an invalid file) beats 1 beats 0
            }
        }
        if (report != null) {
            Files.writeString(report.resolve("junit.xml"), io.semisyncsim.reports.JUnitXml.render(reports));
            Cli.OUT.println("report: " + report.toAbsolutePath());
        }
        return exit;
    }

    private RunResult run(Scenario s, Narrative narrative) throws IOException {
        if (trace == null) {
            return new ScenarioRunner().run(s, narrative, new TraceSink[0]);
        }
        try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(trace))) {
            return new ScenarioRunner().run(s, narrative, sink);
        }
    }

    /** DIR/NAME/trace.jsonl streamed as the run goes, then DIR/NAME/report.md. */
    private RunResult runWithReport(Scenario s, Narrative narrative, List<io.semisyncsim.reports.RunReport> reports)
            throws IOException {
        Path dir = report.resolve(s.name().replace('@', '_'));
        Files.createDirectories(dir);
        io.semisyncsim.scenario.ReportCollector collector = new io.semisyncsim.scenario.ReportCollector();
        RunResult result;
        try (JsonLinesSink sink = new JsonLinesSink(Files.newOutputStream(dir.resolve("trace.jsonl")))) {
            result = new ScenarioRunner().run(s, new io.semisyncsim.scenario.Listeners(narrative, collector), sink,
                    collector.keyEventSink());
        }
        Files.writeString(dir.resolve("report.md"),
                io.semisyncsim.reports.MarkdownReport.render(collector.report(), collector.keyEvents()));
        Files.writeString(dir.resolve("report.html"),
                io.semisyncsim.reports.HtmlReport.render(collector.report(), collector.keyEvents()));
        reports.add(collector.report());
        return result;
    }

    private static Scenario bundledWalkThrough(List<Problem> problems) throws IOException {
        try {
            return BundledScenarios.read(DEFAULT_SCENARIO);
        } catch (InvalidScenarioException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    static final class FlavorNames extends ArrayList<String> {
        FlavorNames() {
            super(Flavors.standard().names());
        }
    }
}
