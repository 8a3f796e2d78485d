package io.semisyncsim.explore;

import io.semisyncsim.invariant.Violation;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plays drawn schedules on top of a scenario: the file's own steps first (its set-up), then the schedule,
 * with the file's settings, topology and invariants, on its first flavour and with the run's seed for
 * both the draw and the simulation. A schedule is made into a scenario tree and read as a file is, so
 * what it plays is exactly what the file written from it will play.
 */
public final class Explorer {
    private final String file;
    private final YNode.Map base;
    private final Scenario scenario;
    private final ScenarioReader.Options options;

    /** A simulator that failed (an actor died of an exception): explore reports it as it does a broken invariant. */
    public static final String SIMULATOR_FAILURE = "the simulator itself (an actor failed)";

    /**
     * One playing: the schedule, and what broke ({@code broken}: the invariant's name, or
     * {@link #SIMULATOR_FAILURE}; null when nothing did) with the detail to print.
     */
    public record Attempt(long seed, List<YNode> schedule, String broken, String detail, String digest) {
        public boolean broke() {
            return broken != null;
        }
    }

    public Explorer(String file, YNode.Map base, Scenario scenario, ScenarioReader.Options options) {
        this.file = file;
        this.base = base;
        this.scenario = scenario;
        this.options = options;
    }

    /** The schedule seed {@code seed} draws. */
    public List<YNode> draw(long seed) {
        return new ScheduleGenerator(seed, scenario.topology().source(), scenario.topology().nodes(),
                everyNodeHasBothPlugins(scenario)).draw();
    }

    /**
     * Whether a failover may move semisync with the role: every node has a semisync source and a replica
     * plugin, built in (MariaDB) or loaded by its option file ({@code plugin-load-add}, {@code plugin-load}).
     * Plugins a scenario installs in its steps are not looked for: the drawn step would fail where they lack.
     */
    static boolean everyNodeHasBothPlugins(Scenario scenario) {
        io.semisyncsim.flavor.Flavor flavor = io.semisyncsim.flavor.Flavors.standard().get(scenario.flavors().get(0));
        Set<String> builtIn = new TreeSet<>();
        flavor.builtinPlugins().forEach(p -> {
            if (p.kind() != null) {
                builtIn.add(p.kind());
            }
        });
        for (String node : scenario.topology().nodes()) {
            Set<String> kinds = new TreeSet<>(builtIn);
            Map<String, String> options = scenario.config().getOrDefault(node, Map.of());
            String load = options.getOrDefault("plugin-load-add", "") + ";" + options.getOrDefault("plugin-load", "");
            for (String item : load.split("[;,]")) {
                String file = item.substring(item.indexOf('=') + 1).trim(); // name=library, or the library alone
                List<String> names = file.isEmpty() ? null : flavor.library(file);
                for (String name : names == null ? List.<String>of() : names) {
                    io.semisyncsim.flavor.PluginDescriptor p = flavor.loadablePlugins().get(name);
                    if (p != null && p.kind() != null) {
                        kinds.add(p.kind());
                    }
                }
            }
            if (!kinds.containsAll(List.of("semisync-source", "semisync-replica"))) {
                return false;
            }
        }
        return true;
    }

    /** Plays a schedule; null when it does not read as a valid file (a shrink that removed what a later step needs). */
    public Attempt play(long seed, List<YNode> schedule) {
        Scenario s;
        try {
            s = ScenarioReader.read(tree(seed, schedule, null), file, options);
        } catch (InvalidScenarioException invalid) {
            return null;
        }
        return attempt(seed, schedule, s);
    }

    /** Plays {@code s} as explore counts it: a broken invariant, a simulator failure, or nothing. */
    static Attempt attempt(long seed, List<YNode> schedule, Scenario s) {
        try {
            RunResult r = new ScenarioRunner().run(s.on(s.flavors().get(0)), new RunListener() { });
            Violation v = r.violation();
            return new Attempt(seed, schedule, v == null ? null : v.invariant(), v == null ? null : v.toString(),
                    r.traceDigest());
        } catch (SimKernel.SimulationFailure failure) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return new Attempt(seed, schedule, SIMULATOR_FAILURE, cause.toString(), null);
        }
    }

    /**
     * The scenario file for a schedule: the file's top level with {@code seed}, its steps, then the schedule;
     * {@code description} (if given) replaces the file's.
     */
    public YNode.Map tree(long seed, List<YNode> schedule, String description) {
        LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(base.entries());
        YNode.Entry steps = entries.get("steps");
        List<YNode> all = new ArrayList<>(steps.value() instanceof YNode.Seq seq ? seq.items() : List.of());
        all.addAll(schedule);
        entries.put("steps", new YNode.Entry(steps.keyPos(), Steps.seq(all)));
        entries.put("seed", new YNode.Entry(steps.keyPos(), Steps.s(Long.toString(seed))));
        if (description != null) {
            entries.put("description", new YNode.Entry(steps.keyPos(), Steps.s(description)));
        }
        if (entries.containsKey("flavors")) { // the flavour explored, and only it
            entries.remove("flavors");
            entries.put("flavor", new YNode.Entry(steps.keyPos(), Steps.s(scenario.flavors().get(0))));
        }
        return new YNode.Map(base.pos(), entries);
    }

    public Scenario scenario() {
        return scenario;
    }
}
