package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The exit-code contract of DESIGN §8. */
class CliTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String HEAD = "name: t\ntopology:\n  source: source\n  replicas: []\nsteps:\n";

    @Test
    void heldExpectationsExitZero() throws IOException {
        Path f = write("ok.yaml", HEAD + "  - expect:\n      source.variables.server_id: 1\n");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", f.toString()));
    }

    @Test
    void failedExpectationExitsOne() throws IOException {
        Path f = write("fail.yaml", HEAD + "  - expect:\n      source.variables.server_id: 2\n");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", f.toString()));
    }

    @Test
    void anInvalidFileIsRefusedAndTheValidOnesStillRun() throws IOException {
        Path ok = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path bad = write("b.yaml", HEAD + "  - slep: 1s\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report", out.toString(), ok.toString(), bad.toString()));
        assertTrue(Files.size(out.resolve("t").resolve("trace.jsonl")) > 0, "the valid file ran");
        assertEquals(Cli.INVALID, Cli.run("check", ok.toString(), bad.toString()));
        assertEquals(Cli.OK, Cli.run("check", ok.toString()));
    }

    @Test
    void theWorstExitCodeOfAllFilesWins() throws IOException {
        Path ok = write("ok.yaml", HEAD + "  - sleep: 1s\n");
        Path fail = write("fail.yaml", HEAD + "  - expect:\n      source.variables.server_id: 2\n");
        Path bad = write("bad.yaml", HEAD + "  - slep: 1s\n");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", ok.toString(), fail.toString()));
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", fail.toString(), bad.toString(), ok.toString()));
    }

    @Test
    void aDirectoryWithoutScenariosIsInvalidNotASilentSuccess() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a scenario");
        assertEquals(Cli.INVALID, Cli.run("run", empty.toString()));
        assertEquals(Cli.INVALID, Cli.run("check", empty.toString()));
    }

    @Test
    void aMissingFileIsInvalid() {
        assertEquals(Cli.INVALID, Cli.run("check", dir.resolve("nowhere.yaml").toString()));
        assertEquals(Cli.INVALID, Cli.run("run", dir.resolve("nowhere.yaml").toString()));
    }

    @Test
    void largeTopologiesNeedAllowLarge() throws IOException {
        StringBuilder replicas = new StringBuilder();
        for (int i = 1; i <= 64; i++) {
            replicas.append(i == 1 ? "" : ", ").append("r").append(i);
        }
        Path f = write("large.yaml", "name: t\ntopology: {source: s, replicas: [" + replicas + "]}\nsteps:\n  - sleep: 1ms\n");
        assertEquals(Cli.INVALID, Cli.run("check", f.toString()));
        assertEquals(Cli.OK, Cli.run("check", "--allow-large", f.toString()));
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", f.toString()));
    }

    @Test
    void aStatementErrorNothingExpectsFailsTheRun() throws IOException {
        Path typo = write("typo.yaml", HEAD + "  - on: source\n    sql: SELEC 1\n");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", typo.toString()));
        Path ignored = write("ignored.yaml", HEAD + "  - on: source\n    sql: SELEC 1\n    ignore_errors: true\n");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", ignored.toString()));
        Path expected = write("expected.yaml", HEAD + "  - on: source\n    sql: SELEC 1\n    expect_error: 1064\n");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", expected.toString()));
    }

    @Test
    void anInvalidFileExitsTwoAndTheValidOnesStillRunAndAreReported() throws IOException {
        Path ok = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path bad = write("b.yaml", HEAD.replace("name: t", "name: b") + "  - slep: 1s\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report", out.toString(), ok.toString(), bad.toString()));
        assertTrue(Files.exists(out.resolve("t").resolve("report.html")), "the valid file ran");
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<error type=\"invalid-scenario\""), junit);
        assertTrue(Files.readString(out.resolve("index.html")).contains(">INVALID<"));
        assertEquals(Cli.INVALID, Cli.run("check", bad.toString()));
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(Cli.INVALID, Cli.run("run", "--no-such-option"));
        assertEquals(Cli.INVALID, Cli.run("run", "--flavor", "oracle-23"));
    }

    @Test
    void runWithoutAFilePlaysTheManualWalkThrough() {
        assertEquals(Cli.OK, Cli.run("run", "--quiet"));
    }

    @Test
    void traceFileHoldsOneJsonObjectPerLine() throws IOException {
        Path f = write("t.yaml", HEAD + "  - on: source\n    sql: SELECT @@server_id\n");
        Path trace = dir.resolve("trace.jsonl");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--trace", trace.toString(), f.toString()));
        for (String line : Files.readAllLines(trace)) {
            assertTrue(line.startsWith("{\"t\":") && line.endsWith("}}"), line);
        }
    }

    @Test
    void reportWritesIndexJunitXmlTraceMarkdownAndHtml() throws IOException {
        Path f = write("r.yaml", HEAD + "  - on: source\n    commit: 1\n  - expect:\n      commits.count: 2\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", "--report", out.toString(), f.toString()));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<failure type=\"expectation\" message=\"expected commits.count == 2, actual 1\""), junit);
        assertTrue(Files.readString(out.resolve("t").resolve("report.md")).contains("sequenceDiagram"));
        assertTrue(Files.size(out.resolve("t").resolve("trace.jsonl")) > 0);
        assertTrue(Files.readString(out.resolve("t").resolve("report.html")).contains("<svg"));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<td>t</td><td class=\"FAIL\">FAIL</td><td>mysql-8.0</td><td>1</td>"), index);
        assertTrue(index.contains("<a href=\"t/report.html\">"), index);
        assertFalse(Files.exists(out.resolve("INCOMPLETE")) || Files.exists(out.resolve("t").resolve("INCOMPLETE")),
                "a finished report is not marked incomplete");
    }

    @Test
    void theReportOfEveryRunIsTheSameBytesTwice() throws IOException {
        Path f = write("r.yaml", HEAD + "  - on: source\n    commit: 3\n  - expect:\n      commits.count: 3\n");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", dir.resolve("one").toString(), f.toString()));
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", dir.resolve("two").toString(), f.toString()));
        for (String file : List.of("report.html", "report.md", "trace.jsonl")) {
            assertEquals(Files.readString(dir.resolve("one/t").resolve(file)), Files.readString(dir.resolve("two/t").resolve(file)),
                    file + " is a function of the run (no wall time)");
        }
        assertEquals(Files.readString(dir.resolve("one/index.html")), Files.readString(dir.resolve("two/index.html")));
    }

    @Test
    void twoRunsWithTheSameNameNeverOverwriteEachOther() throws IOException {
        Path a = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path b = write("b.yaml", HEAD + "  - sleep: 2s\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", out.toString(), a.toString(), b.toString()));
        assertTrue(Files.readString(out.resolve("t").resolve("report.md")).contains("| 1.000000 s |"));
        assertTrue(Files.readString(out.resolve("t-2").resolve("report.md")).contains("| 2.000000 s |"));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("href=\"t/report.html\"") && index.contains("href=\"t-2/report.html\""), index);
    }

    @Test
    void aReportDirectoryThatHoldsOtherFilesIsRefusedAndLeftAlone() throws IOException {
        Path f = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path out = dir.resolve("report");
        Files.createDirectories(out.resolve("t"));
        Files.writeString(out.resolve("t").resolve("notes.txt"), "mine");
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report", out.toString(),
                f.toString())));
        assertTrue(err.contains("--report " + out + ": the directory holds files semisync-sim did not write"), err);
        assertEquals("mine", Files.readString(out.resolve("t").resolve("notes.txt")));
        assertEquals(List.of(out.resolve("t")), Files.list(out).toList(), "nothing written beside the user's files");
    }

    @Test
    void aSecondReportIntoTheSameDirectoryReplacesTheFirstWhole() throws IOException {
        Path a = write("a.yaml", HEAD.replace("name: t", "name: a") + "  - sleep: 1s\n");
        Path b = write("b.yaml", HEAD.replace("name: t", "name: b") + "  - sleep: 1s\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", out.toString(), a.toString()));
        assertTrue(Files.isDirectory(out.resolve("a")));
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report", out.toString(), b.toString()));
        assertFalse(Files.exists(out.resolve("a")), "the earlier run's directory is gone with the index that listed it");
        assertTrue(Files.isDirectory(out.resolve("b")));
        assertFalse(Files.readString(out.resolve("junit.xml")).contains(a.toString()), "junit.xml lists only b");
    }

    @Test
    void outputPathsThatCannotBeWrittenAreUsageErrors() throws IOException {
        Path f = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path file = write("plain.txt", "x");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report", file.toString(), f.toString()), "a file");
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report",
                dir.resolve("no/such/dir").toString(), f.toString()), "a missing parent"));
        assertTrue(err.contains("its parent directory " + dir.resolve("no/such") + " does not exist"), err);
        err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report=" + f.resolve("sub"),
                f.toString()), "a parent that is a file"));
        assertTrue(err.contains(": " + f + " is a file, not a directory"), err);
        assertFalse(Files.exists(dir.resolve("no")), "nothing created");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report", "/proc/semisync-sim-report", f.toString()),
                "a directory that cannot be created, even by root");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--trace", dir.toString(), f.toString()), "a directory");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--trace", dir.resolve("no/t.jsonl").toString(), f.toString()));
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--trace", "/dev/full", f.toString()), "a full disk");
    }

    @Test
    void aFullDiskStopsTheReportAndLeavesItMarkedIncomplete() throws Exception {
        Path f = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path out = dir.resolve("report");
        ReportDir report = ReportDir.forRuns(out, "run", List.of(io.semisyncsim.scenario.ScenarioReader.read(f)));
        // junit.xml is written through .junit.xml.tmp: this one leads to a device that is always full
        Files.createSymbolicLink(out.resolve(".junit.xml.tmp"), Path.of("/dev/full"));
        OutputProblem full = org.junit.jupiter.api.Assertions.assertThrows(OutputProblem.class, () -> report.complete("<x/>"));
        report.abandoned("stopped: " + full.getMessage());
        assertTrue(Files.readString(out.resolve("INCOMPLETE")).contains("No space left on device"));
        assertTrue(Files.readString(out.resolve("index.html")).contains("INCOMPLETE: stopped: cannot write"));
    }

    @Test
    void anOptionalValueNeverSwallowsAScenarioFile() {
        RunCommand r = new RunCommand();
        new CommandLine(r).parseArgs("--report", "scenario.yaml");
        assertEquals(Path.of(RunCommand.DEFAULT_REPORT), r.report);
        assertEquals(List.of(Path.of("scenario.yaml")), r.files);
        r = new RunCommand();
        new CommandLine(r).parseArgs("--report", "out", "scenario.yml");
        assertEquals(Path.of("out"), r.report);
        assertEquals(List.of(Path.of("scenario.yml")), r.files);
        r = new RunCommand();
        new CommandLine(r).parseArgs("--realtime", "scenario.yaml");
        assertEquals(1.0, r.realtime);
        assertEquals(List.of(Path.of("scenario.yaml")), r.files);
        r = new RunCommand();
        new CommandLine(r).parseArgs("--realtime", "2.5", "dir");
        assertEquals(2.5, r.realtime);
        assertEquals(List.of(Path.of("dir")), r.files);
        r = new RunCommand();
        new CommandLine(r).parseArgs("--report=out", "--realtime=3");
        assertEquals(Path.of("out"), r.report);
        assertEquals(3.0, r.realtime);
        r = new RunCommand();
        new CommandLine(r).parseArgs("--report");
        assertEquals(Path.of(RunCommand.DEFAULT_REPORT), r.report);
    }

    @Test
    void aReportDirectoryNamedLikeAScenarioIsRefused() throws IOException {
        Path f = write("a.yaml", HEAD + "  - sleep: 1s\n");
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--report=" + dir.resolve("x.yaml"), f.toString()));
        assertFalse(Files.exists(dir.resolve("x.yaml")));
    }

    @Test
    void theSummaryCountsAndGivesTheCommandThatReproducesEachFailure() throws IOException {
        Path fail = write("fail.yaml", HEAD + "  - expect:\n      source.variables.server_id: 2\n");
        Path ok = write("ok.yaml", HEAD.replace("name: t", "name: ok") + "  - sleep: 1s\n");
        java.util.List<io.semisyncsim.reports.JUnitXml.Invalid> invalid = List.of(new io.semisyncsim.reports.JUnitXml.Invalid(
                "b.yaml", 6, List.of("b.yaml:6:5: unknown key 'slep' in a step")));
        Summary summary = new Summary(invalid);
        io.semisyncsim.scenario.ScenarioRunner runner = new io.semisyncsim.scenario.ScenarioRunner();
        io.semisyncsim.scenario.lang.RunListener quiet = new io.semisyncsim.scenario.lang.RunListener() { };
        try {
            summary.add(runner.run(io.semisyncsim.scenario.ScenarioReader.read(fail), quiet), "./semisync-sim run "
                    + fail + " --flavor mysql-8.0 --seed 1");
            summary.add(runner.run(io.semisyncsim.scenario.ScenarioReader.read(ok), quiet), "unused");
        } catch (io.semisyncsim.scenario.lang.InvalidScenarioException e) {
            throw new AssertionError(e);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        summary.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Summary: 1 passed, 1 failed, 1 invalid\n"), text);
        assertTrue(text.contains("FAIL t: " + fail + ":7:7: expected source.variables.server_id == 2, actual 1\n"), text);
        assertTrue(text.contains("     reproduce: ./semisync-sim run " + fail + " --flavor mysql-8.0 --seed 1\n"), text);
        assertTrue(text.matches("(?s).*     trace digest: [0-9a-f]{16}\n.*"), text);
        assertTrue(text.contains("INVALID b.yaml: b.yaml:6:5: unknown key 'slep' in a step"), text);
    }

    @Test
    void theReproduceCommandQuotesWhatTheShellWouldSplit() {
        assertEquals("library/a.yaml", RunCommand.shellWord("library/a.yaml"));
        assertEquals("'my dir/it'\\''s.yaml'", RunCommand.shellWord("my dir/it's.yaml"));
    }

    @Test
    void traceAndReportTogetherWriteTheSameTraceTwice() throws IOException {
        Path f = write("t.yaml", HEAD + "  - on: source\n    commit: 2\n");
        Path trace = dir.resolve("trace.jsonl");
        Path out = dir.resolve("report");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--trace", trace.toString(), "--report", out.toString(), f.toString()));
        assertEquals(Files.readString(out.resolve("t").resolve("trace.jsonl")), Files.readString(trace));
    }

    @Test
    void listShowsTheLibrary() {
        assertEquals(Cli.OK, Cli.run("list", "library"));
    }

    @Test
    void aSetUpTheServerRefusesFailsTheRunWithItsErrorNotAnInternalError() {
        // A MariaDB GTID file forced onto MySQL: the set-up's MASTER_AUTO_POSITION = 1 gets 1777.
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", "--flavor", "mysql-8.0",
                "library/gtid/mariadb-switchover-without-log-slave-updates.yaml"));
    }

    /**
     * An option the replica does not know stops it at start (the file checks that it did); the source
     * crashes and the failover is to that replica.
     */
    private static final String NEVER_STARTED = """
            name: t
            topology: {source: source, replicas: [replica1]}
            config: {replica1: {no_such_variable: 1}}
            steps:
              - expect:
                  replica1.log: contains "unknown variable 'no_such_variable=1'"
              - fault: crash
                node: source
              - failover: {promote: replica1}
            """;

    @Test
    void aFailoverToAReplicaThatNeverStartedFailsTheRunNotTheSimulator() throws IOException {
        // The failover's STOP SLAVE cannot connect.
        Path f = write("never-started.yaml", NEVER_STARTED);
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", f.toString()));
    }

    @Test
    void theFailoverToAReplicaThatNeverStartedSaysItWasNotReplicatingNotFromNull() throws Exception {
        Path f = write("never-started.yaml", NEVER_STARTED);
        List<String> steps = new java.util.ArrayList<>();
        new io.semisyncsim.scenario.ScenarioRunner().run(io.semisyncsim.scenario.ScenarioReader.read(f),
                new io.semisyncsim.scenario.lang.RunListener() {
                    @Override
                    public void step(long time, String text) {
                        steps.add(text);
                    }
                });
        assertTrue(steps.contains("failover: promote replica1 (it was not replicating from any source)"),
                steps.toString());
    }


    @Test
    void aUsageErrorSaysTheProblemAndWhereToReadMoreInAFewLines() {
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("runn")));
        assertEquals("semisync-sim: Unmatched argument at index 0: 'runn'\n  did you mean run?\n  see: semisync-sim --help\n",
                err.replace("\r", ""));
        String missing = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("explore", "x.yaml")));
        assertEquals(2, missing.lines().count(), missing);
        assertTrue(missing.endsWith("  see: semisync-sim explore --help\n"), missing);
    }

    @Test
    void aTraceIsNeverWrittenOverTheScenarioItIsTheTraceOf(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.writeString(tmp.resolve("s.yaml"), OutputDirTest.SMALL);
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("run", "--quiet", "--trace", f.toString(), f.toString())));
        assertTrue(err.contains("is the scenario file being run"), err);
        assertEquals(OutputDirTest.SMALL, java.nio.file.Files.readString(f));
    }
}
