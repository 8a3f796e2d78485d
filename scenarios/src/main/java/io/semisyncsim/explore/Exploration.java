package io.semisyncsim.explore;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.scenario.lang.YamlTree;
import io.semisyncsim.scenario.lang.YamlWriter;
import io.semisyncsim.sweep.SweepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * An exploration of one scenario: many drawn schedules on every core, then, for each invariant broken,
 * its first breaking schedule shrunk and written as a scenario file that {@code run} replays (it is
 * played once more from the file written, to be sure).
 */
public final class Exploration {
    private final Explorer explorer;
    private final String name;

    private Exploration(Explorer explorer, String name) {
        this.explorer = explorer;
        this.name = name;
    }

    /** The scenario, refused as run refuses it. */
    public static Exploration of(Path file, ScenarioReader.Options options) throws InvalidScenarioException, SweepException {
        Scenario s = ScenarioReader.read(file, options);
        YNode root;
        try {
            root = YamlTree.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read: " + e.getMessage());
        }
        return new Exploration(new Explorer(file.toString(), (YNode.Map) root, s, options), s.name());
    }

    public String name() {
        return name;
    }

    /** What the runs found: the breaking attempts by invariant (lowest seed first), and how many were refused. */
    public record Report(Map<String, List<Explorer.Attempt>> byInvariant, int refused) {
        public int broken() {
            return byInvariant.values().stream().mapToInt(List::size).sum();
        }
    }

    /** One invariant's finding, shrunk: what broke, the file written and how it was made. */
    public record Finding(String broken, String detail, int runs, long seed, int drawnSteps, int shrunkSteps, Path file) {
    }

    public Report explore(long seed, int runs, int jobs, IntConsumer done) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, runs)),
                io.semisyncsim.kernel.DriverThreads.factory("explore-run"));
        // A window of runs in flight, read back in seed order: memory stays that of the window and the
        // findings, however many runs are asked for (all of them submitted at once held every attempt).
        int window = Math.max(1, jobs) * 4;
        java.util.ArrayDeque<Future<Explorer.Attempt>> inFlight = new java.util.ArrayDeque<>();
        try {
            Map<String, List<Explorer.Attempt>> by = new TreeMap<>();
            int refused = 0;
            int next = 0;
            while (next < runs || !inFlight.isEmpty()) {
                while (next < runs && inFlight.size() < window) {
                    long s = seed + next;
                    int index = next++;
                    inFlight.addLast(pool.submit(() -> {
                        Explorer.Attempt a = explorer.play(s, explorer.draw(s));
                        done.accept(index);
                        return a;
                    }));
                }
                Explorer.Attempt a = get(inFlight.pollFirst());
                if (a == null) {
                    refused++;
                } else if (a.broke()) {
                    by.computeIfAbsent(a.broken(), k -> new ArrayList<>()).add(a);
                }
            }
            return new Report(by, refused);
        } finally {
            inFlight.forEach(f -> f.cancel(false)); // after a failure: what has not started never will
            pool.shutdown();
        }
    }

    private static Explorer.Attempt get(Future<Explorer.Attempt> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("an explored run failed: " + e.getCause(), e.getCause());
        }
    }

    /** Each invariant's first breaking schedule, shrunk, written under {@code out} and replayed from there. */
    public List<Finding> shrink(Report report, int budget, Path out) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<Explorer.Attempt>> e : report.byInvariant().entrySet()) {
            Explorer.Attempt first = e.getValue().get(0);
            String invariant = e.getKey();
            List<YNode> small = new Shrinker(candidate -> {
                Explorer.Attempt a = explorer.play(first.seed(), candidate);
                return a != null && invariant.equals(a.broken());
            }, budget).shrink(first.schedule());
            Explorer.Attempt shrunk = explorer.play(first.seed(), small);
            Path file = out.resolve(name + "-seed-" + Long.toString(first.seed()).replace('-', 'n') + ".yaml");
            String description = "Found by explore, seed " + first.seed() + ", and shrunk from " + first.schedule().size()
                    + " drawn steps to " + small.size() + ": " + shrunk.detail() + "\n";
            Files.writeString(file, replayComment(file) + YamlWriter.write(explorer.tree(first.seed(), small, description)),
                    StandardCharsets.UTF_8);
            replayed(file, shrunk);
            findings.add(new Finding(invariant, shrunk.detail(), e.getValue().size(), first.seed(),
                    first.schedule().size(), small.size(), file));
        }
        return findings;
    }

    /**
     * The file's first line: how to replay it, by its own name, as it is read wherever it is copied (a CI
     * artifact, a ticket) and not from where explore ran; its seed and flavour are in it, and nothing else is
     * needed. The name is the scenario's (lower-case letters, digits, dashes) and the seed's: a shell word.
     */
    static String replayComment(Path file) {
        return "# Replay: semisync-sim run " + file.getFileName() + " (in this file's directory; it holds its seed"
                + " and flavour, and needs no other file)\n";
    }

    /** The written file, read and run as run would: it must break the same thing, at the same digest. */
    private static void replayed(Path file, Explorer.Attempt expected) {
        try {
            Explorer.Attempt again = Explorer.attempt(expected.seed(), expected.schedule(), ScenarioReader.read(file));
            if (!java.util.Objects.equals(again.digest(), expected.digest())
                    || !java.util.Objects.equals(again.broken(), expected.broken())) {
                throw new IllegalStateException(file + " does not replay what explore found: " + again.detail()
                        + " (trace " + again.digest() + ") against " + expected.detail() + " (trace " + expected.digest() + ")");
            }
        } catch (InvalidScenarioException e) {
            throw new IllegalStateException(file + " was written unreadable: " + e.problems(), e);
        }
    }
}
