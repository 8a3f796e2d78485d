package io.semisyncsim.sweep;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.scenario.lang.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every run of a sweep, in one order that every machine computes alike: combinations of the settings'
 * values (the first setting slowest, as nested loops written in the order given), then each flavour the
 * scenario runs on, then each seed. Every combination is read as a file is and refused before anything
 * runs, with the option named where the problem is its value.
 */
public final class SweepPlan {

    /**
     * One run: its place in the plan, its combination's values (one per setting), the scenario to play,
     * and the combination's YAML tree (what a file with those settings would say).
     */
    public record Run(int index, int combination, List<String> values, Scenario scenario, YNode tree) {
        public String flavor() {
            return scenario.flavor();
        }

        public long seed() {
            return scenario.seed();
        }
    }

    private final String name;
    private final String digest;
    private final List<Setting> settings;
    private final List<Long> seeds;
    private final List<String> flavors;
    private final List<Run> runs;
    private final int combinations;

    private SweepPlan(String name, String digest, List<Setting> settings, List<Long> seeds, List<String> flavors,
                      List<Run> runs, int combinations) {
        this.name = name;
        this.digest = digest;
        this.settings = settings;
        this.seeds = seeds;
        this.flavors = flavors;
        this.runs = runs;
        this.combinations = combinations;
    }

    /**
     * The plan for {@code file}: an invalid file is refused as run refuses it; a combination whose values
     * make it invalid is refused with the options that made it.
     */
    public static SweepPlan of(Path file, List<Setting> settings, List<Long> seeds, ScenarioReader.Options options)
            throws InvalidScenarioException, SweepException {
        Scenario base = ScenarioReader.read(file, options);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read: " + e.getMessage());
        }
        YNode root = YamlTree.read(new String(bytes, StandardCharsets.UTF_8), file.toString());
        List<String> paths = new ArrayList<>();
        for (Setting s : settings) {
            if (paths.contains(s.path())) {
                throw new SweepException("--set " + s.path() + " is given twice; give its values once, comma-separated");
            }
            paths.add(s.path());
        }
        List<Run> runs = new ArrayList<>();
        PlanProblems problems = new PlanProblems(settings);
        Set<String> flavors = new LinkedHashSet<>();
        int combination = 0;
        for (List<String> values : product(settings)) {
            YNode tree = root;
            for (int i = 0; i < settings.size(); i++) {
                tree = Overrides.apply(tree, settings.get(i).path(), values.get(i), new Pos(0, i + 1));
            }
            Scenario s;
            try {
                s = settings.isEmpty() ? base : ScenarioReader.read(tree, file.toString(), options);
            } catch (InvalidScenarioException e) {
                for (Problem p : e.problems()) {
                    problems.add(p, values);
                }
                combination++;
                continue;
            }
            for (Scenario onFlavor : s.perFlavor()) {
                flavors.add(onFlavor.flavor());
                for (long seed : seeds) {
                    runs.add(new Run(runs.size(), combination, values, onFlavor.withSeed(seed), tree));
                }
            }
            combination++;
        }
        if (!problems.isEmpty()) {
            throw new SweepException(problems.text());
        }
        return new SweepPlan(base.name(), sha256(bytes), List.copyOf(settings), List.copyOf(seeds),
                List.copyOf(flavors), List.copyOf(runs), combination);
    }

    /** Every combination of the settings' values, the first setting varying slowest. */
    static List<List<String>> product(List<Setting> settings) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Setting s : settings) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : s.values()) {
                    List<String> longer = new ArrayList<>(prefix);
                    longer.add(v);
                    next.add(List.copyOf(longer));
                }
            }
            out = next;
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The runs a shard holds, in plan order. */
    public List<Run> runs(Shard shard) {
        return runs.stream().filter(r -> shard.holds(r.index())).toList();
    }

    public List<Run> runs() {
        return runs;
    }

    public String name() {
        return name;
    }

    /** The scenario file's SHA-256: shards of one sweep must have read the same file. */
    public String digest() {
        return digest;
    }

    public List<Setting> settings() {
        return settings;
    }

    public List<Long> seeds() {
        return seeds;
    }

    public List<String> flavors() {
        return flavors;
    }

    public int combinations() {
        return combinations;
    }

    /** {@code r07} for run 7 of up to 99: ids sort as the runs do. */
    public String id(int run) {
        int width = Integer.toString(Math.max(1, runs.size() - 1)).length();
        return "r" + "0".repeat(Math.max(0, width - Integer.toString(run).length())) + run;
    }
}
