package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void invalidScenarioExitsTwoAndNothingRuns() throws IOException {
        Path ok = write("a.yaml", HEAD + "  - sleep: 1s\n");
        Path bad = write("b.yaml", HEAD + "  - slep: 1s\n");
        assertEquals(Cli.INVALID, Cli.run("run", ok.toString(), bad.toString()));
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
    void reportWritesJunitXmlTraceAndMarkdown() throws IOException {
        Path f = write("r.yaml", HEAD + "  - on: source\n    commit: 1\n  - expect:\n      commits.count: 2\n");
        Path out = dir.resolve("report");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", "--report", out.toString(), f.toString()));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<failure message=\"commits.count == 2 -- actual: 1\""), junit);
        assertTrue(Files.readString(out.resolve("t").resolve("report.md")).contains("sequenceDiagram"));
        assertTrue(Files.size(out.resolve("t").resolve("trace.jsonl")) > 0);
        assertTrue(Files.readString(out.resolve("t").resolve("report.html")).contains("<svg"));
    }

    @Test
    void listShowsTheLibrary() {
        assertEquals(Cli.OK, Cli.run("list", "library"));
    }
}
