package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.live.CliProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command says a bad value, a failure and how to replay it in the same words. */
class MessagesTest {
    @TempDir
    Path dir;

    private static final String FAILING = OutputDirTest.SMALL.replace("commits.count: 20", "commits.count: 21");

    private String scenario() throws IOException {
        return Files.writeString(dir.resolve("small.yaml"), FAILING).toString();
    }

    @Test
    void aSeedThatIsNotANumberIsSaidAsSweepSaysIt() throws IOException {
        String f = scenario();
        for (List<String> command : List.of(List.of("run", "--seed", "abc", f), List.of("explore", "--seed", "abc",
                "--runs", "1", f), List.of("shell", "--seed", "abc"), List.of("lab", "--seed", "abc"))) {
            String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run(command.toArray(String[]::new))));
            assertEquals("semisync-sim: --seed abc: 'abc' is not a seed; write a whole number such as 7 (at most 18 digits)\n", err, command.toString());
        }
        assertEquals("semisync-sim: --jobs x: 'x' is not a whole number\n",
                Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("sweep", f, "--jobs", "x", "--out", "unused"))));
    }

    @Test
    void exploreNamesTheOptionThatIsOutOfRange() throws IOException {
        String f = scenario();
        assertEquals("semisync-sim: --runs 0: at least 1\n", Stderr.of(() -> Cli.run("explore", f, "--runs", "0")));
        assertEquals("semisync-sim: --jobs 0: at least 1\n", Stderr.of(() -> Cli.run("explore", f, "--runs", "1",
                "--jobs", "0")));
        assertEquals("semisync-sim: --shrink-runs -1: at least 0\n", Stderr.of(() -> Cli.run("explore", f, "--runs",
                "1", "--shrink-runs", "-1")));
    }

    @Test
    void exploreNamesAShrunkFileBelowTheDirectoryItRanInRelativeToItAndAnyOtherAbsolute() {
        Path ci = Path.of("/home/runner/work/repo");
        assertEquals(Path.of("explore-out", "x-seed-3.yaml").toString(),
                ExploreCommand.replayPath(ci.resolve("explore-out/x-seed-3.yaml"), ci), "--out given absolute, as in a CI job");
        assertEquals(Path.of("/home/runner/tmp/x-seed-3.yaml").toString(),
                ExploreCommand.replayPath(ci.resolve("../../tmp/x-seed-3.yaml"), ci), "--out ../../tmp: absolute");
    }

    @Test
    void aMistypedFlavorOnTheCommandLineGetsTheSuggestionAFileGets() throws IOException {
        String f = scenario();
        for (String command : List.of("run", "real", "diff")) {
            String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run(command, "--flavor", "mysql-80", f)));
            assertTrue(err.startsWith("semisync-sim: --flavor mysql-80: unknown flavor; did you mean 'mysql-8.0'?"), err);
        }
        String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("shell", "--flavor", "mysql-80")));
        assertTrue(err.contains("did you mean 'mysql-8.0'?"), err);
    }

    @Test
    void runRealAndDiffCheckOptionFilesAgainstTheFlavorTheyAreGivenNotTheFiles() throws IOException {
        String f = Files.writeString(dir.resolve("options.yaml"), """
                name: options
                topology: {source: source, replicas: [replica1]}
                config: {source: {plugin-load-add: semisync_source.so, rpl_semi_sync_source_enabled: 1}}
                steps:
                  - sleep: 1s
                """).toString();
        for (String command : List.of("run", "real", "diff")) {
            String err = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run(command, "--flavor", "mysql-5.7", f)));
            assertTrue(err.contains("config of source: unknown variable 'rpl_semi_sync_source_enabled' on mysql-5.7"),
                    command + ": " + err);
        }
    }

    @Test
    void aFailureWhoseActualValueIsALogIsCountedNotDumped() {
        assertEquals("node1.error_log contains 'x' -- actual: (3 lines)",
                SweepCommand.oneLine("node1.error_log contains 'x' -- actual: a\nb\nc"));
        assertEquals("commits.count == 21 -- actual: 20", SweepCommand.oneLine("commits.count == 21 -- actual: 20"));
    }

    @Test
    void sweepAndMergeListEachFailureOnceWithTheReplayRunPrints() throws Exception {
        String f = scenario();
        Path sweep = dir.resolve("sweep");
        String out = stdout("sweep", f, "--set", "flavor=mysql-8.0", "--quiet", "--out", sweep.toString());
        assertTrue(out.startsWith("sweep small: 1 run, 0 passed, 1 failed; "), out);
        assertTrue(out.contains("  FAIL r0 mysql-8.0 seed 1: commits.count == 21 -- actual: 20\n"),
                "a swept flavour is said once: " + out);
        String replay = "       replay: " + RunCommand.REPLAY + " " + sweep.resolve("reports/r0/scenario.yaml")
                + " --flavor mysql-8.0 --seed 1\n";
        assertTrue(out.contains(replay), out);
        Path merged = dir.resolve("merged");
        Path shard = dir.resolve("shard");
        stdout("sweep", f, "--shard", "1/1", "--quiet", "--out", shard.toString());
        out = stdout("merge", shard.toString(), "--out", merged.toString());
        assertTrue(out.startsWith("merge small: 1 shard, 1 run, 0 passed, 1 failed; "), out);
        assertTrue(out.contains("  FAIL r0 mysql-8.0 seed 1: commits.count == 21 -- actual: 20\n"), out);
        assertTrue(out.contains(replay.replace(sweep.toString(), merged.toString())), out);
        assertFalse(out.contains(" semisync-sim run"), "every replay line is ./semisync-sim run: " + out);
    }

    /** What the command prints on standard output, run in a process of its own (Cli.OUT is the real stdout). */
    private String stdout(String... args) throws Exception {
        Path log = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(CliProcess.command(args)).redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
