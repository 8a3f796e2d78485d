package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.semisyncsim.trace.MemorySink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The scenario library is the regression suite: every file runs on every build. */
class ScenarioLibraryTest {
    private static final Path LIBRARY = Path.of("library");

    static List<Path> library() throws IOException {
        try (Stream<Path> files = Files.walk(LIBRARY)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Every run of the library: each scenario on each flavour it lists. */
    static List<Scenario> runs() throws IOException {
        List<Scenario> out = new java.util.ArrayList<>();
        for (Path file : library()) {
            out.addAll(readOrFail(file).perFlavor());
        }
        return out;
    }

    /** {@code mvn verify -Dsemisync.reports=DIR} also writes every run's reports under DIR. */
    private static final String REPORTS = System.getProperty("semisync.reports", "");

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioHoldsItsExpectations() throws IOException {
        List<Scenario> runs = runs();
        assertFalse(runs.isEmpty(), "the library has scenarios");
        return runs.stream().map(s -> DynamicTest.dynamicTest(s.name() + " (" + s.file() + ")", () -> {
            Path file = Path.of(s.file());
            RunResult result = REPORTS.isEmpty() ? new ScenarioRunner().run(s, new RunListener() { })
                    : runWithReports(s, Path.of(REPORTS));
            String failures = result.outcomes().stream().filter(o -> !o.held())
                    .map(o -> file + ":" + o.pos() + ": " + o.description() + " -- actual: " + o.actual())
                    .collect(Collectors.joining("\n"));
            if (!failures.isEmpty()) {
                fail("expectations failed:\n" + failures);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioGivesAByteIdenticalTraceTwice() throws IOException {
        return runs().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            MemorySink first = new MemorySink();
            MemorySink second = new MemorySink();
            new ScenarioRunner().run(s, new RunListener() { }, first);
            new ScenarioRunner().run(s, new RunListener() { }, second);
            assertEquals(first.jsonl(), second.jsonl());
        }));
    }

    private static RunResult runWithReports(Scenario s, Path root) throws IOException {
        Path dir = root.resolve(s.name().replace('@', '_'));
        Files.createDirectories(dir);
        ReportCollector collector = new ReportCollector();
        RunResult result;
        try (io.semisyncsim.trace.JsonLinesSink trace = new io.semisyncsim.trace.JsonLinesSink(
                Files.newOutputStream(dir.resolve("trace.jsonl")))) {
            result = new ScenarioRunner().run(s, collector, trace, collector.traceSink());
        }
        Files.writeString(dir.resolve("report.md"), io.semisyncsim.reports.MarkdownReport.render(collector.report()));
        Files.writeString(dir.resolve("report.html"), io.semisyncsim.reports.HtmlReport.render(collector.report()));
        Files.writeString(dir.resolve("junit.xml"), io.semisyncsim.reports.JUnitXml.render(List.of(
                new io.semisyncsim.reports.JUnitXml.Run(collector.report(), "./semisync-sim run " + s.file() + " --flavor "
                        + s.flavor() + " --seed " + s.seed(), 0, List.of())), List.of()));
        return result;
    }

    private static Scenario readOrFail(Path file) {
        try {
            return ScenarioReader.read(file);
        } catch (InvalidScenarioException e) {
            return fail("library scenario is invalid:\n" + e.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining("\n")));
        }
    }
}
