package io.semisyncsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three shards run as three separate processes, as three machines of a batch engine would, and their
 * merge is byte for byte what one process running the whole sweep writes (a failing run's report too).
 */
class ShardProcessesTest {
    @TempDir
    Path dir;

    @Test
    void threeShardProcessesMergeIntoTheSingleRunByteForByte() throws IOException, InterruptedException, SweepException {
        Path f = Files.writeString(dir.resolve("small.yaml"), SweepTest.SCENARIO);
        // The timeout is labelled with its unit in summary.html (1s), by the shards' merge as by the whole sweep.
        String[] sweep = {"sweep", f.toString(), "--set", "steps.2.commit=20,21", "--set",
            "config.source.rpl_semi_sync_source_timeout=1000", "--seeds", "1..4", "--quiet"};
        List<Process> shards = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path out = dir.resolve("shard" + k);
            dirs.add(out.toString());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "io.semisyncsim.cli.Main"));
            command.addAll(List.of(SweepTest.concat(sweep, "--shard", k + "/3", "--jobs", "1", "--out", out.toString())));
            shards.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("shard" + k + ".log").toFile()).start());
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(shards.get(k).waitFor(300, TimeUnit.SECONDS), "shard " + (k + 1) + " ended"); // a hang guard
            assertEquals(Cli.EXPECTATION_FAILED, shards.get(k).exitValue(),
                    Files.readString(dir.resolve("shard" + (k + 1) + ".log")));
        }
        Path merged = dir.resolve("merged");
        List<String> merge = new ArrayList<>(List.of("merge"));
        merge.addAll(dirs);
        merge.addAll(List.of("--out", merged.toString()));
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run(merge.toArray(new String[0])));
        Path whole = dir.resolve("whole");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run(SweepTest.concat(sweep, "--out", whole.toString())));
        for (String file : List.of(SweepFiles.CSV, SweepFiles.JSON, SweepFiles.HTML, "reports/r4/report.html")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(merged.resolve(file)), file);
        }
        assertEquals(8, SweepFiles.read(merged).rows().size());
    }
}
