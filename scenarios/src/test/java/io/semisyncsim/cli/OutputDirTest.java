package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.sweep.SweepFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every output directory (run --report, diff --out, sweep --out, explore --out, merge --out): the parent must
 * exist, an earlier output of ours is replaced whole, a directory of someone else's files is refused.
 */
class OutputDirTest {
    @TempDir
    Path dir;

    /** One commit step and an expectation that holds; {@link MessagesTest} makes it fail. */
    static final String SMALL = "name: small\ntopology: {source: source, replicas: [replica1]}\n"
            + "steps: [{sleep: 10ms}, {on: source, commit: 20}, {expect: {commits.count: 20}}]\n";

    private Path scenario() throws IOException {
        return Files.writeString(dir.resolve("small.yaml"), SMALL);
    }

    @Test
    void everyCommandRefusesAnOutputDirectoryWhoseParentIsMissing() throws IOException {
        String f = scenario().toString();
        String missing = dir.resolve("no/such").toString();
        for (List<String> command : List.of(List.of("run", "--quiet", "--report=" + missing, f),
                List.of("sweep", f, "--quiet", "--out", missing),
                List.of("explore", f, "--runs", "1", "--quiet", "--out", missing),
                List.of("diff", f, "--flavor", "mariadb-10.11", "--out", missing),
                List.of("merge", dir.toString(), "--out", missing))) {
            String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run(command.toArray(String[]::new)), command.toString()));
            assertTrue(err.contains(missing + ": its parent directory " + dir.resolve("no") + " does not exist"), err);
        }
        assertFalse(Files.exists(dir.resolve("no")), "no command created the missing parent");
    }

    @Test
    void everyCommandRefusesADirectoryOfOtherFilesAndLeavesThemAlone() throws IOException {
        String f = scenario().toString();
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("notes.txt"), "mine");
        for (List<String> command : List.of(List.of("run", "--quiet", "--report=" + theirs, f),
                List.of("sweep", f, "--quiet", "--out", theirs.toString()),
                List.of("explore", f, "--runs", "1", "--quiet", "--out", theirs.toString()),
                List.of("diff", f, "--flavor", "mariadb-10.11", "--out", theirs.toString()))) {
            String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run(command.toArray(String[]::new)), command.toString()));
            assertTrue(err.contains(theirs + ": the directory holds files semisync-sim did not write"), err);
            assertEquals(List.of(theirs.resolve("notes.txt")), Files.list(theirs).toList());
        }
    }

    @Test
    void aSecondSweepIntoTheSameDirectoryLeavesNoReportOfTheFirst() throws IOException {
        String f = scenario().toString();
        Path out = dir.resolve("out");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("sweep", f, "--set", "steps.2.commit=21,22", "--quiet", "--out",
                out.toString()));
        assertTrue(Files.isDirectory(out.resolve("reports").resolve("r1")));
        assertTrue(Files.size(out.resolve("reports").resolve("r1").resolve("trace.jsonl")) > 0,
                "the failing run's report comes with the trace it points to");
        assertEquals(Cli.OK, Cli.run("sweep", f, "--quiet", "--out", out.toString()));
        assertFalse(Files.exists(out.resolve("reports")), "the first sweep's failing reports are gone");
        assertTrue(Files.exists(out.resolve(SweepFiles.CSV)));
    }

    @Test
    void mergeRefusesToWriteOverAShardItReads() throws IOException {
        String f = scenario().toString();
        Path a = dir.resolve("a");
        assertEquals(Cli.OK, Cli.run("sweep", f, "--seeds", "1..2", "--shard", "1/1", "--quiet", "--out", a.toString()));
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("merge", a.toString(), "--out", a.toString())));
        assertTrue(err.contains("--out " + a + ": it holds the shard " + a), err);
        assertTrue(Files.exists(a.resolve(SweepFiles.CSV)), "the shard is still there");
    }

    @Test
    void anEmptyOutputPathIsSaidToBeEmpty() throws IOException {
        String f = scenario().toString();
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("sweep", f, "--quiet", "--out", "")));
        assertTrue(err.contains("--out is empty: name a directory"), err);
    }

    @Test
    void aMergeOfShardsThatDoNotFitLeavesTheEarlierOutputWhereItWas() throws IOException {
        String f = scenario().toString();
        Path a = dir.resolve("a");
        Path merged = dir.resolve("merged");
        assertEquals(Cli.OK, Cli.run("sweep", f, "--seeds", "1..2", "--shard", "1/2", "--quiet", "--out", a.toString()));
        assertEquals(Cli.OK, Cli.run("sweep", f, "--seeds", "1..2", "--quiet", "--out", merged.toString()));
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("merge", a.toString(), "--out", merged.toString())));
        assertTrue(err.contains("shard 2/2 is missing"), err);
        assertTrue(Files.exists(merged.resolve(SweepFiles.CSV)), "the earlier output is still there");
        assertFalse(err.contains("replacing"), err);
    }

    @Test
    void replacingAnEarlierOutputRemovesALinkInItButNeverWhatTheLinkPointsTo() throws IOException {
        String f = scenario().toString();
        Path out = dir.resolve("out");
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report=" + out, f));
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("notes.txt"), "mine");
        Files.createSymbolicLink(out.resolve("link"), theirs);
        assertEquals(Cli.OK, Cli.run("run", "--quiet", "--report=" + out, f));
        assertFalse(Files.exists(out.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("mine", Files.readString(theirs.resolve("notes.txt")));
    }
}
