package io.semisyncsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.cli.Cli;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's two explore examples: with a short timeout explore finds commits clients were told were
 * committed and a failover lost, and shrinks the schedule to a file run replays; with a timeout that
 * outlasts the run and an ACK from every replica, it finds none in the same schedules.
 */
class ExploreLibraryTest {
    private static final Path LOSSY = Path.of("library/explore/short-timeout-loses-acknowledged.yaml");
    private static final Path LOSSLESS = Path.of("library/explore/no-timeout-all-replicas-lossless.yaml");

    @TempDir
    Path dir;

    @Test
    void aShortTimeoutLosesAcknowledgedCommitsAndTheShrunkScheduleReplaysIt() throws IOException, InvalidScenarioException {
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("explore", LOSSY.toString(), "--runs", "30", "--quiet",
                "--out", dir.toString()));
        List<Path> written;
        try (Stream<Path> files = Files.list(dir)) {
            written = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList(); // beside the output marker
        }
        assertEquals(1, written.size(), "one finding: " + written);
        Scenario shrunk = ScenarioReader.read(written.get(0));
        RunResult replay = new ScenarioRunner().run(shrunk, new RunListener() { });
        assertEquals("invariant 'lost.acknowledged == 0'", replay.violation().invariant());
        assertTrue(Integer.parseInt(replay.commits().lost("acknowledged")) > 0);
        assertTrue(shrunk.steps().size() <= 2 + 6, "shrunk to a few steps after the file's own two: " + shrunk.steps());
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", written.get(0).toString()));
    }

    @Test
    void theShrunkFileSaysHowToReplayItWhereverItIsCopied() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("explore", LOSSY.toString(), "--runs", "3", "--quiet",
                "--out", out.toString()));
        Path found = out.resolve("short-timeout-loses-acknowledged-seed-3.yaml");
        Path artifact = Files.createDirectories(dir.resolve("downloaded"));
        Path copy = Files.copy(found, artifact.resolve(found.getFileName()));
        assertEquals("# Replay: semisync-sim run short-timeout-loses-acknowledged-seed-3.yaml (in this file's directory;"
                + " it holds its seed and flavour, and needs no other file)", Files.readAllLines(copy).get(0),
                "by its own name, not where explore wrote it");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", copy.toString()), "it replays from the copy");
    }

    @Test
    void noTimeoutAndEveryReplicaLoseNothingInTheSameSchedules() {
        assertEquals(Cli.OK, Cli.run("explore", LOSSLESS.toString(), "--runs", "30", "--quiet", "--out", dir.toString()));
    }
}
