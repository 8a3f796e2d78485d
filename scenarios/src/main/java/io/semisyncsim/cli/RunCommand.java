package io.semisyncsim.cli;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.live.WallPacer;
import io.semisyncsim.reports.JUnitXml;
import io.semisyncsim.reports.RunReport;
import io.semisyncsim.scenario.Listeners;
import io.semisyncsim.scenario.ReportCollector;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.trace.JsonLinesSink;
import io.semisyncsim.trace.TraceSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenarios and print what happens, step by step, on virtual time.",
                "With no FILE, runs the manual's installation walk-through. Files that are not valid scenarios are "
                        + "reported and skipped; the others still run (exit 2 if any was invalid, 3 if reading one met an "
                        + "internal error, which is told for that file). A summary ends the "
                        + "output: passed, failed and invalid counts, and for each failure the command that reproduces it."},
        footer = {"", "--report and --realtime take an optional value, but never a scenario file:",
                "--report x.yaml writes to ./semisync-sim-report and runs x.yaml;",
                "--realtime x.yaml paces at 1x. Write --report=DIR or --realtime=SPEED",
                "to be explicit.",
                "", "Exit codes: 0 every expectation held, 1 an expectation failed,",
                "            2 invalid scenario or usage (an output path that is a file,",
                "              misses its parent, holds files that are not ours,",
                "              cannot be written or fills the disk),",
                "            3 internal error,",
                "            130 / 143 interrupted by SIGINT / SIGTERM (the report directory",
                "              is left marked INCOMPLETE)."})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_SCENARIO = "library/teaching/manual-installation.yaml";
    static final String DEFAULT_REPORT = "semisync-sim-report";
    /** How every command and file says "play this again" (the README's spelling). */
    static final String REPLAY = "./semisync-sim run";

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Scenario files or directories of them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", converter = Cli.Seed.class, description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--flavor", paramLabel = "F", description = "Override the flavor: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FlavorNames.class)
    String flavor;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the trace (JSON lines) to FILE.")
    Path trace;

    @Option(names = "--realtime", paramLabel = "SPEED", arity = "0..1", fallbackValue = "1",
            preprocessor = OptionalValue.class,
            description = "Pace virtual time against the wall clock (SPEED x real time, default 1): a statement is "
                    + "printed when it starts, its answer after its wait; never changes the trace. "
                    + "A separate value is taken only if it is a number: --realtime 2 or --realtime=2.")
    Double realtime;

    @Option(names = "--quiet", description = "Print only failures, the verdict lines and the summary.")
    boolean quiet;

    @Option(names = "--allow-large", description = "Accept topologies of more than "
            + io.semisyncsim.scenario.ScenarioReader.MAX_NODES + " nodes (up to "
            + io.semisyncsim.scenario.ScenarioReader.MAX_NODES_LARGE + ").")
    boolean allowLarge;

    @Option(names = "--report", paramLabel = "DIR", arity = "0..1", fallbackValue = DEFAULT_REPORT,
            preprocessor = OptionalValue.class,
            description = "Write DIR/index.html, DIR/junit.xml and, per run, DIR/NAME/trace.jsonl, report.md and "
                    + "report.html (default DIR: ./" + DEFAULT_REPORT + "). DIR is new or empty, or an earlier output "
                    + "of semisync-sim, which is replaced whole; a directory of other files is refused. A separate "
                    + "value ending in .yaml or .yml is a scenario, not DIR; --report=DIR always names the directory.")
    Path report;

    /** How files are read: null for the scenario reader (with --allow-large when given). */
    private final ScenarioFiles.Reader reader;
    /** The files whose reading met an internal error (a bug), each told in one line naming the file. */
    private final List<ScenarioFiles.InternalError> internalErrors = new ArrayList<>();

    RunCommand() {
        this(null);
    }

    /** A run whose files are read by {@code reader} (a test's, to see how a reader's bug is handled). */
    RunCommand(ScenarioFiles.Reader reader) {
        this.reader = reader;
    }

    /** One run to play: the scenario on one flavour, with its seed. */
    private record Planned(Scenario scenario, String reproduce) {
    }

    @Override
    public Integer call() {
        if (flavor != null && FlavorNames.unknown(flavor) != null) {
            System.err.println("semisync-sim: " + FlavorNames.unknown(flavor));
            return Cli.INVALID;
        }
        if (report != null && isScenarioName(report.toString())) {
            System.err.println("semisync-sim: --report=" + report + ": a report directory cannot end in .yaml or .yml"
                    + " (it looks like a scenario file; write --report DIR " + report + " to run it)");
            return Cli.INVALID;
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<JUnitXml.Invalid> invalid = new ArrayList<>();
        try {
            read(scenarios, invalid);
        } catch (IOException e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return Cli.INVALID;
        }
        for (JUnitXml.Invalid i : invalid) {
            i.problems().forEach(System.err::println);
        }
        internalErrors.forEach(e -> System.err.println("semisync-sim: " + e));
        List<Planned> plan = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (Scenario one : flavor != null ? List.of(s.on(flavor)) : s.perFlavor()) {
                Scenario effective = seed == null ? one : one.withSeed(seed);
                plan.add(new Planned(effective, reproduce(effective)));
            }
        }
        if (trace != null && plan.size() != 1) {
            System.err.println("semisync-sim: --trace takes one run; this is " + plan.size()
                    + " (name one --flavor for a multi-flavour scenario)");
            return Cli.INVALID;
        }
        ReportDir dir = null;
        try {
            if (trace != null) {
                OutputProblem.checkFile("--trace", trace);
                for (Planned p : plan) { // the trace would replace the file it is the trace of
                    if (trace.toAbsolutePath().normalize().equals(Path.of(p.scenario().file()).toAbsolutePath().normalize())) {
                        throw new OutputProblem("--trace " + trace + ": is the scenario file being run; name another file");
                    }
                }
            }
            if (report != null) {
                dir = ReportDir.forRuns(report, "run", plan.stream().map(Planned::scenario).toList());
                dir.invalid(invalid);
            }
            return play(plan, invalid, dir);
        } catch (OutputProblem e) {
            System.err.println("semisync-sim: " + e.getMessage());
            if (dir != null) {
                dir.abandoned("stopped: " + e.getMessage());
            }
            return Cli.INVALID;
        } catch (RuntimeException | Error e) {
            if (dir != null) {
                dir.abandoned("stopped by an internal error: " + e);
            }
            throw e;
        }
    }

    private int play(List<Planned> plan, List<JUnitXml.Invalid> invalid, ReportDir dir) {
        Narrative narrative = new Narrative(Cli.OUT, quiet, realtime == null ? 0 : realtime);
        ScenarioRunner runner = new ScenarioRunner().pacedBy(realtime == null ? null : new WallPacer(realtime));
        List<JUnitXml.Run> runs = new ArrayList<>();
        Summary summary = new Summary(invalid, internalErrors);
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            WallClock wall = new WallClock();
            RunResult result;
            if (dir != null) {
                ReportCollector collector = new ReportCollector();
                String runDir = dir.reserve(p.scenario().name(), i);
                List<Path> traces = new ArrayList<>(List.of(dir.path().resolve(runDir).resolve("trace.jsonl")));
                if (trace != null) {
                    traces.add(trace);
                }
                result = playInto(runner, p.scenario(), traces, new Listeners(narrative, collector, wall), collector.traceSink());
                RunReport r = collector.report();
                dir.finished(i, runDir, r);
                runs.add(new JUnitXml.Run(r, p.reproduce(), wall.total(), wall.checks()));
            } else {
                result = playInto(runner, p.scenario(), trace == null ? List.of() : List.of(trace), new Listeners(narrative, wall));
            }
            summary.add(result, p.reproduce());
        }
        if (dir != null) {
            dir.complete(JUnitXml.render(runs, withInternalErrors(invalid)));
        }
        summary.print(Cli.OUT);
        if (dir != null) {
            Cli.OUT.println("report: " + dir.index());
        }
        return !internalErrors.isEmpty() ? Cli.INTERNAL_ERROR : !invalid.isEmpty() ? Cli.INVALID
                : summary.failed() > 0 ? Cli.EXPECTATION_FAILED : Cli.OK;
    }

    /** The invalid files and, for the JUnit report, each file whose reading met an internal error as an error too. */
    private List<JUnitXml.Invalid> withInternalErrors(List<JUnitXml.Invalid> invalid) {
        List<JUnitXml.Invalid> all = new ArrayList<>(invalid);
        for (ScenarioFiles.InternalError e : internalErrors) {
            all.add(new JUnitXml.Invalid(e.file(), 1, List.of(e.toString())));
        }
        return all;
    }

    /** Plays one run, streaming its trace to each of {@code traceFiles}; a write error stops it (exit 2). */
    private static RunResult playInto(ScenarioRunner runner, Scenario s, List<Path> traceFiles, RunListener listener, TraceSink... more) {
        List<GuardedOutput> outs = new ArrayList<>();
        List<TraceSink> sinks = new ArrayList<>();
        RunResult result;
        try {
            for (Path file : traceFiles) {
                GuardedOutput out;
                try {
                    out = new GuardedOutput(Files.newOutputStream(file), file);
                } catch (IOException e) {
                    throw OutputProblem.of("cannot write", file, e);
                }
                outs.add(out);
                sinks.add(new JsonLinesSink(out));
            }
            sinks.addAll(List.of(more));
            result = runner.run(s, listener, target -> outs.forEach(GuardedOutput::check),
                    sinks.toArray(new TraceSink[0]));
        } finally {
            sinks.forEach(TraceSink::close); // flushes the last block (closing twice is harmless)
        }
        outs.forEach(GuardedOutput::check);
        return result;
    }

    private void read(List<Scenario> scenarios, List<JUnitXml.Invalid> invalid) throws IOException {
        if (files.isEmpty()) {
            try {
                scenarios.add(BundledScenarios.read(DEFAULT_SCENARIO));
            } catch (InvalidScenarioException e) {
                invalid.add(invalid(DEFAULT_SCENARIO, e.problems()));
            }
            return;
        }
        // Every file that reads clean runs; the invalid ones (and any whose reading met a bug) are told
        // first, and decide the exit code.
        ScenarioFiles.Reader read = reader != null ? reader
                : file -> ScenarioReader.read(file, new ScenarioReader.Options(allowLarge, flavor));
        List<String> errors = new ArrayList<>();
        for (Path file : ScenarioFiles.expand(files, errors)) {
            ScenarioFiles.Read r = ScenarioFiles.read(file, read);
            if (r.scenario() != null) {
                scenarios.add(r.scenario());
            } else if (r.internalError() != null) {
                internalErrors.add(r.internalError());
            } else {
                invalid.add(invalid(file.toString(), r.problems()));
            }
        }
        if (!errors.isEmpty()) {
            throw new IOException(String.join("\nsemisync-sim: ", errors));
        }
    }

    private static JUnitXml.Invalid invalid(String file, List<Problem> problems) {
        return new JUnitXml.Invalid(file, problems.get(0).pos().line(), problems.stream().map(Problem::toString).toList());
    }

    /** The one command that plays a run again: {@code ./semisync-sim run FILE --flavor F --seed N}. */
    private String reproduce(Scenario s) {
        String file = files.isEmpty() ? "" : " " + shellWord(s.file());
        return REPLAY + file + " --flavor " + s.flavor() + " --seed " + s.seed();
    }

    /** A word the shell reads back as it is: quoted when it holds anything but safe characters. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./@%+=:,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    static boolean isScenarioName(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /**
     * {@code --report} and {@code --realtime} take an optional value: a separate word is their value
     * only if it cannot be a scenario (a {@code .yaml}/{@code .yml} name, for --report) and is a number
     * (for --realtime); otherwise the option takes its default and the word stays a FILE. Attached with
     * {@code =}, the value is always the option's.
     */
    static final class OptionalValue implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec commandSpec,
                                  CommandLine.Model.ArgSpec argSpec, Map<String, Object> info) {
            if ("=".equals(info.get("separator"))) {
                return false;
            }
            CommandLine.Model.OptionSpec option = (CommandLine.Model.OptionSpec) argSpec;
            String next = args.isEmpty() ? null : args.peek();
            boolean take = next != null && !next.startsWith("-") && (option.longestName().equals("--realtime")
                    ? next.matches("\\d+(\\.\\d+)?") : !isScenarioName(next));
            if (!take) {
                args.push(option.fallbackValue());
            }
            return false;
        }
    }

    /** The wall time a run took and when each of its checks was made: for JUnit's time, never a report. */
    static final class WallClock implements RunListener {
        private final long start = System.nanoTime();
        private final List<Long> checks = new ArrayList<>();
        private long total = -1;

        @Override
        public void outcome(Outcome o) {
            checks.add((System.nanoTime() - start) / 1000);
        }

        @Override
        public void finished(RunResult r) {
            total = (System.nanoTime() - start) / 1000;
        }

        long total() {
            return total >= 0 ? total : (System.nanoTime() - start) / 1000;
        }

        List<Long> checks() {
            return checks;
        }
    }

    static final class FlavorNames extends ArrayList<String> {
        FlavorNames() {
            super(Flavors.standard().names());
        }

        /** {@code --flavor mysql-9: unknown flavor; did you mean 'mysql-8.0'? (flavors: ...)}, or null if known. */
        static String unknown(String f) {
            if (Flavors.standard().get(f) != null) {
                return null;
            }
            return "--flavor " + f + ": unknown flavor" + io.semisyncsim.scenario.lang.Suggest.didYouMean(f,
                    Flavors.standard().names()) + " (flavors: " + String.join(", ", Flavors.standard().names()) + ")";
        }
    }
}
