package io.semisyncsim.cli;

import io.semisyncsim.sweep.SweepException;
import io.semisyncsim.sweep.SweepMerge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Put the shards of one sweep together, byte for byte as the whole sweep writes them.",
            "The same runs.csv, runs.json and summary.html; failing runs' reports are copied along.",
            "Exit 0: every run passed; 1: a run failed;",
            "2: the directories are not the shards of one whole sweep."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' --out directories.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = {"Where the merged sweep goes: a new or empty",
        "directory, or an earlier output of semisync-sim (replaced whole)."})
    Path out;

    @Override
    public Integer call() throws IOException {
        try {
            Path target = out.toAbsolutePath().normalize();
            for (Path d : dirs) {
                if (d.toAbsolutePath().normalize().startsWith(target)) {
                    throw new OutputProblem("--out " + out + ": it holds the shard " + d
                            + ", which the merge would replace; write the merge elsewhere");
                }
            }
            OutputDir.check("--out", out);
            SweepMerge.Merged merged = SweepMerge.read(dirs); // the shards checked before --out is touched
            OutputDir.claim("--out", out, "merge");
            SweepMerge.write(merged, out);
            Cli.OUT.println("merge " + merged.header().name() + ": " + Cli.count(dirs.size(), "shard") + ", "
                    + Cli.count(merged.rows().size(), "run") + ", " + (merged.rows().size() - merged.failed()) + " passed, "
                    + merged.failed() + " failed; " + out.resolve("summary.html"));
            SweepCommand.failures(merged.header(), merged.rows(), out);
            return merged.failed() == 0 ? Cli.OK : Cli.EXPECTATION_FAILED;
        } catch (SweepException e) {
            e.getMessage().lines().forEach(l -> System.err.println("semisync-sim: " + l));
            return Cli.INVALID;
        } catch (OutputProblem e) {
            System.err.println("semisync-sim: " + e.getMessage());
            return Cli.INVALID;
        }
    }
}
