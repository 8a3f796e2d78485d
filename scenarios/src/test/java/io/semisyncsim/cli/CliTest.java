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
