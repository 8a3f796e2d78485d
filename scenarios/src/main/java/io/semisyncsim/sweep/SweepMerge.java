package io.semisyncsim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Shards into one sweep: the directories must be the shards of one sweep (equal headers, one count N,
 * each K once) and together hold every run exactly once; their rows are put back in run order and
 * written as the whole sweep writes them, so the files are byte for byte the same.
 */
public final class SweepMerge {
    private SweepMerge() {
    }

    /** The shards read and checked: every run once, in order, and the shard each came from. */
    public record Merged(SweepHeader header, List<RunRow> rows, Map<Integer, Path> from) {
        public long failed() {
            return rows.stream().filter(r -> !r.passed()).count();
        }
    }

    /**
     * Reads and checks the shards (the same sweep, each shard once, none missing) before anything is
     * written, so a mistyped merge leaves an earlier output where it was.
     */
    public static Merged read(List<Path> dirs) throws SweepException, IOException {
        SweepHeader header = null;
        Integer count = null;
        TreeMap<Integer, Path> shards = new TreeMap<>();
        TreeMap<Integer, RunRow> rows = new TreeMap<>();
        TreeMap<Integer, Path> from = new TreeMap<>();
        for (Path dir : dirs) {
            SweepFiles.Read read = SweepFiles.read(dir);
            if (header == null) {
                header = read.header();
            } else if (!header.equals(read.header())) {
                throw new SweepException(dir + " is not a shard of the same sweep as " + dirs.get(0)
                        + " (scenario, its SHA-256, settings, seeds or flavours differ)");
            }
            int n = read.shard().count();
            if (count != null && count != n) {
                throw new SweepException(dir + " is shard " + read.shard() + " but " + shards.firstEntry().getValue()
                        + " is one of " + count);
            }
            count = n;
            Path twice = shards.put(read.shard().index(), dir);
            if (twice != null) {
                throw new SweepException(dir + " and " + twice + " are both shard " + read.shard());
            }
            for (RunRow r : read.rows()) {
                if (rows.put(r.run(), r) != null) {
                    throw new SweepException("run " + r.id() + " is in more than one shard");
                }
                from.put(r.run(), dir);
            }
        }
        for (int k = 1; k <= count; k++) {
            if (!shards.containsKey(k)) {
                throw new SweepException("shard " + k + "/" + count + " is missing (given: " + shards.keySet() + ")");
            }
        }
        if (rows.size() != header.runs()) {
            throw new SweepException("the shards hold " + rows.size() + " runs of " + header.runs());
        }
        return new Merged(header, new ArrayList<>(rows.values()), from);
    }

    /** Writes what one unsharded sweep would have: runs.csv, runs.json, summary.html and the failing runs' reports. */
    public static void write(Merged merged, Path out) throws IOException {
        for (RunRow r : merged.rows()) {
            if (!r.report().isEmpty()) {
                copyReport(merged.from().get(r.run()), out, r.id());
            }
        }
        SweepFiles.write(out, merged.header(), Shard.ALL, merged.rows());
    }

    private static void copyReport(Path shardDir, Path out, String id) throws IOException {
        Path src = shardDir.resolve("reports").resolve(id);
        Path dst = out.resolve("reports").resolve(id);
        if (src.toAbsolutePath().normalize().equals(dst.toAbsolutePath().normalize()) || !Files.isDirectory(src)) {
            return;
        }
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, dst.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
