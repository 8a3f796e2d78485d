package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Places;
import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.server.BinlogOption;
import io.semisyncsim.server.OptionFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Expectation;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Suggest;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.scenario.lang.YamlTree;
import io.semisyncsim.scenario.step.StepKinds;

/**
 * Turns a scenario file into a {@link Scenario}, or reports every problem in it at once, each as
 * {@code file:line:column: message}. Nothing runs until a file reads clean.
 */
public final class ScenarioReader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern NODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final List<String> TOP = List.of("name", "description", "flavor", "flavors", "seed", "topology",
            "network", "config", "invariants", "steps");
    /** Nodes a topology may have unless the user says it means more ({@code --allow-large}). */
    public static final int MAX_NODES = 64;
    /** Nodes a topology may have at all. */
    public static final int MAX_NODES_LARGE = 4096;

    /**
     * What the reader lets through beyond the usual: {@code allowLarge}, topologies of more than 64 nodes;
     * and {@code flavor}, when not null, the one flavour the run will use instead of the file's (run
     * --flavor), whose variables the option files are checked against.
     */
    public record Options(boolean allowLarge, String flavor, Places places) {
        public static final Options DEFAULT = new Options(false);

        public Options(boolean allowLarge) {
            this(allowLarge, null);
        }

        public Options(boolean allowLarge, String flavor) {
            this(allowLarge, flavor, Places.FILE);
        }
    }

    /** An option-file setting and where the file says it. */
    private record Placed(OptionFile.Option option, Pos pos) {
    }

    private final String file;
    private final Flavors flavors;
    private final Options options;
    private List<String> runFlavors = List.of();
    private final List<Problem> problems = new ArrayList<>();
    /** Each node's option-file settings that are variables to mysqld, for {@link #unknownOptions}. */
    private final Map<String, List<Placed>> placed = new TreeMap<>();

    /** The value helpers, shared with the step kinds (they report into {@link #problems}). */
    private final StepReader r;

    private ScenarioReader(String file, Flavors flavors, Options options) {
        this.file = file;
        this.flavors = flavors;
        this.options = options;
        this.r = new StepReader(file, flavors, List.of(), List.of(), StepKinds.ALL, problems, options.places());
    }

    public static Scenario read(Path path) throws InvalidScenarioException {
        return read(path, Options.DEFAULT);
    }

    /** Reads a file: the one way `run`, `check`, `real` and `diff` read scenarios, so they refuse alike. */
    public static Scenario read(Path path, Options options) throws InvalidScenarioException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidScenarioException(List.of(new Problem(path.toString(), new Pos(1, 1),
                    "the file is not UTF-8 text")));
        } catch (IOException e) {
            throw new InvalidScenarioException(List.of(new Problem(path.toString(), new Pos(1, 1),
                    "cannot read the file: " + (Files.isDirectory(path) ? "it is a directory"
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()))));
        }
        return read(text, path.toString(), Flavors.standard(), options);
    }

    public static Scenario read(String text, String file, Flavors flavors) throws InvalidScenarioException {
        return read(text, file, flavors, Options.DEFAULT);
    }

    public static Scenario read(String text, String file, Flavors flavors, Options options)
            throws InvalidScenarioException {
        return new ScenarioReader(file, flavors, options).scenario(YamlTree.read(text, file, options.places()));
    }

    /**
     * Reads a tree already parsed (a sweep's, with settings changed in it): the same checks as a file's,
     * so a sweep refuses what run would.
     */
    public static Scenario read(YNode root, String file, Options options) throws InvalidScenarioException {
        return new ScenarioReader(file, Flavors.standard(), options).scenario(root);
    }

    private void problem(Pos pos, String message) {
        problems.add(new Problem(file, pos, message));
    }

    private Scenario scenario(YNode root) throws InvalidScenarioException {
        if (!(root instanceof YNode.Map top)) {
            problem(root.pos(), "a scenario is a mapping with name, topology and steps; got " + root.describe());
            throw new InvalidScenarioException(problems);
        }
        r.unknownKeys(top, TOP, "scenario");
        String name = r.requiredText(top, "name", "the scenario");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(top.entries().get("name").value().pos(), "name '" + Printable.clip(name) + "' must be lower-case letters, digits and dashes");
        }
        String description = r.optionalText(top, "description", "");
        List<String> flavorList = flavors(top);
        runFlavors = flavorList;
        long seed = 1;
        if (top.entries().containsKey("seed")) {
            YNode s = top.entries().get("seed").value();
            Long v = s instanceof YNode.Scalar sc && sc.text().matches("-?\\d{1,18}") ? Long.parseLong(sc.text()) : null;
            if (v == null) {
                problem(s.pos(), "seed must be a whole number of at most 18 digits, got " + s.describe());
            } else {
                seed = v;
            }
        }
        Scenario.Topology topology = topology(top);
        List<String> nodes = topology == null ? List.of() : topology.nodes();
        Scenario.Network network = network(top, nodes);
        Map<String, Map<String, String>> config = config(top, nodes);
        if (topology != null && topology.byGtid() && config != null) {
            gtidModeOn(top, nodes, config, flavorList);
        }
        List<Expectation> logChecks = new ArrayList<>();
        List<Expectation> invariants = invariants(top, nodes, logChecks);
        List<Step> steps = steps(top, nodes, logChecks);
        if (config != null) {
            unknownOptions(config, logChecks);
        }
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new InvalidScenarioException(problems);
        }
        return new Scenario(file, name, description, flavorList, seed, topology, network, config, steps, invariants);
    }

    /** {@code flavor: F} or {@code flavors: [F, G]} (the scenario runs on each), default mysql-8.0. */
    private List<String> flavors(YNode.Map top) {
        List<YNode> given = new ArrayList<>();
        if (top.entries().containsKey("flavor") && top.entries().containsKey("flavors")) {
            problem(top.entries().get("flavors").keyPos(), "write flavor: F or flavors: [F, G], not both");
            return List.of(flavors.defaultFlavor().name());
        }
        if (top.entries().containsKey("flavor")) {
            given.add(top.entries().get("flavor").value());
        } else if (top.entries().containsKey("flavors")) {
            YNode v = top.entries().get("flavors").value();
            if (v instanceof YNode.Seq seq && !seq.items().isEmpty()) {
                given.addAll(seq.items());
            } else {
                problem(v.pos(), "flavors is a list of flavours, e.g. [mysql-8.0, mysql-8.4]; got " + v.describe());
            }
        }
        List<String> out = new ArrayList<>();
        for (YNode n : given) {
            String f = r.text(n, "a flavor");
            if (f == null) {
                continue;
            }
            if (flavors.get(f) == null) {
                problem(n.pos(), "unknown flavor '" + Printable.clip(f) + "'" + Suggest.didYouMean(f, flavors.names())
                        + " (flavors: " + String.join(", ", flavors.names()) + ")");
            } else if (out.contains(f)) {
                problem(n.pos(), "flavor '" + Printable.clip(f) + "' is listed twice");
            } else {
                out.add(f);
            }
        }
        return out.isEmpty() ? List.of(flavors.defaultFlavor().name()) : out;
    }

    // --- sections

    private Scenario.Topology topology(YNode.Map top) {
        YNode.Map t = r.requiredMap(top, "topology", "the scenario");
        if (t == null) {
            return null;
        }
        r.unknownKeys(t, List.of("source", "replicas", "replication", "positioning"), "topology");
        String source = r.requiredText(t, "source", "topology");
        List<String> replicas = new ArrayList<>();
        if (t.entries().containsKey("replicas")) {
            YNode list = t.entries().get("replicas").value();
            if (list instanceof YNode.Seq) {
                replicas = r.texts(list, "a replica name");
            } else {
                problem(list.pos(), "replicas must be a list of node names, e.g. [replica1, replica2]; got " + list.describe());
            }
        }
        String replication = r.optionalText(t, "replication", "running");
        if (!replication.equals("running") && !replication.equals("stopped")) {
            problem(t.entries().get("replication").value().pos(),
                    "replication must be running or stopped, got '" + Printable.clip(replication) + "'");
        }
        String positioning = r.optionalText(t, "positioning", "position");
        if (!positioning.equals("position") && !positioning.equals("gtid")) {
            problem(t.entries().get("positioning").value().pos(),
                    "positioning must be position or gtid, got '" + Printable.clip(positioning) + "'");
        }
        int limit = options.allowLarge() ? MAX_NODES_LARGE : MAX_NODES;
        int count = replicas.size() + (source == null ? 0 : 1);
        if (count > limit) {
            problem(t.pos(), "the topology has " + count + " nodes; at most " + limit + (options.allowLarge() ? ""
                    : " without --allow-large (up to " + MAX_NODES_LARGE + " with it)"));
            return null;
        }
        List<String> seen = new ArrayList<>();
        for (String n : source == null ? replicas : concat(source, replicas)) {
            Pos where = t.pos();
            if (!NODE.matcher(n).matches()) {
                problem(where, "node name '" + Printable.clip(n) + "' must start with a letter and use letters, digits, _ and -");
            } else if (seen.contains(n)) {
                problem(where, "node name '" + Printable.clip(n) + "' is used twice");
            } else if (n.equals("commits") || n.equals("lost")) {
                problem(where, "node name '" + Printable.clip(n) + "' is reserved for expectation paths");
            }
            seen.add(n);
        }
        return source == null ? null : new Scenario.Topology(source, replicas, replication.equals("running"),
                positioning.equals("gtid"));
    }

    /**
     * {@code positioning: gtid} on a MySQL flavour: the set-up's CHANGE MASTER TO ... MASTER_AUTO_POSITION = 1
     * fails with 1777 on a replica whose gtid_mode is not ON, and a source without GTIDs cannot serve it; so
     * every node's config must turn gtid_mode ON (MariaDB's GTIDs need no switch).
     */
    private void gtidModeOn(YNode.Map top, List<String> nodes, Map<String, Map<String, String>> config,
                            List<String> runFlavors) {
        List<String> mysql = new ArrayList<>();
        for (String f : runFlavors) {
            if (flavors.get(f) != null && flavors.get(f).gtidKind().equals("mysql")) {
                mysql.add(f);
            }
        }
        if (mysql.isEmpty()) {
            return;
        }
        List<String> without = new ArrayList<>();
        for (String n : nodes) {
            String mode = null;
            for (OptionFile.Option o : OptionFile.of(config.getOrDefault(n, Map.of())).options()) {
                if (o.name().equals("gtid_mode")) {
                    mode = o.value();
                }
            }
            if (mode == null || !mode.equalsIgnoreCase("ON")) {
                without.add(n);
            }
        }
        if (!without.isEmpty()) {
            YNode.Map t = (YNode.Map) top.entries().get("topology").value();
            problem(t.entries().get("positioning").value().pos(), "positioning: gtid on " + String.join(", ", mysql)
                    + " needs gtid_mode: \"ON\" (with enforce_gtid_consistency: \"ON\", as a real server does) in the"
                    + " config of every node; not on " + String.join(", ", without)
                    + " (its CHANGE MASTER TO ... MASTER_AUTO_POSITION = 1 would fail with 1777)");
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private Scenario.Network network(YNode.Map top, List<String> nodes) {
        if (!top.entries().containsKey("network")) {
            return new Scenario.Network(500, 0, Map.of(), Scenario.Network.DEFAULT_CLIENT_LATENCY);
        }
        YNode.Map n = r.asMap(top.entries().get("network").value(), "network");
        if (n == null) {
            return null;
        }
        r.unknownKeys(n, List.of("latency", "jitter", "links", "client_latency"), "network");
        long latency = r.optionalDuration(n, "latency", 500);
        long jitter = r.optionalDuration(n, "jitter", 0);
        long clientLatency = r.optionalDuration(n, "client_latency", Scenario.Network.DEFAULT_CLIENT_LATENCY);
        if (jitter > latency) {
            problem(n.entries().get(n.entries().containsKey("jitter") ? "jitter" : "latency").value().pos(),
                    "network jitter (" + Durations.format(jitter) + ") cannot exceed its latency ("
                            + Durations.format(latency) + ")");
        }
        Map<String, Scenario.Link> links = new TreeMap<>();
        if (n.entries().containsKey("links")) {
            YNode.Map l = r.asMap(n.entries().get("links").value(), "links");
            if (l != null) {
                for (Map.Entry<String, YNode.Entry> e : l.entries().entrySet()) {
                    link(e.getKey(), e.getValue(), nodes, links, latency, jitter);
                }
            }
        }
        return new Scenario.Network(latency, jitter, links, clientLatency);
    }

    private void link(String key, YNode.Entry entry, List<String> nodes, Map<String, Scenario.Link> links,
                      long defaultLatency, long defaultJitter) {
        boolean both = key.contains("<->");
        String[] ends = key.split(both ? "<->" : "->", 2);
        if (ends.length != 2 || (!both && !key.contains("->"))) {
            problem(entry.keyPos(), "a link is written a<->b (both directions) or a->b, got '" + Printable.clip(key) + "'");
            return;
        }
        for (String end : ends) {
            if (!nodes.contains(end.strip())) {
                problem(entry.keyPos(), "unknown node '" + Printable.clip(end.strip()) + "' in link '" + Printable.clip(key) + "'"
                        + Suggest.didYouMean(end.strip(), nodes));
                return;
            }
        }
        YNode.Map spec = r.asMap(entry.value(), "link " + key);
        if (spec == null) {
            return;
        }
        r.unknownKeys(spec, List.of("latency", "jitter"), "link " + key);
        Long latency = spec.entries().containsKey("latency") ? r.optionalDuration(spec, "latency", 0) : null;
        Long jitter = spec.entries().containsKey("jitter") ? r.optionalDuration(spec, "jitter", 0) : null;
        long effectiveLatency = latency == null ? defaultLatency : latency;
        long effectiveJitter = jitter == null ? defaultJitter : jitter;
        // A link that sets neither keeps the network's pair, whose excess the network's own check reports.
        if (effectiveJitter > effectiveLatency && (latency != null || jitter != null)) {
            problem(spec.entries().get(jitter != null ? "jitter" : "latency").value().pos(), "link " + key
                    + ": jitter (" + Durations.format(effectiveJitter) + (jitter == null ? ", the network's" : "")
                    + ") cannot exceed its latency (" + Durations.format(effectiveLatency) + ")");
        }
        if (ends[0].strip().equals(ends[1].strip())) {
            problem(entry.keyPos(), "link '" + Printable.clip(key) + "' joins a node to itself");
            return;
        }
        links.put(key, new Scenario.Link(ends[0].strip(), ends[1].strip(), both, latency, jitter));
    }

    private Map<String, Map<String, String>> config(YNode.Map top, List<String> nodes) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        if (!top.entries().containsKey("config")) {
            return out;
        }
        YNode.Map c = r.asMap(top.entries().get("config").value(), "config");
        if (c == null) {
            return out;
        }
        for (Map.Entry<String, YNode.Entry> e : c.entries().entrySet()) {
            if (!nodes.contains(e.getKey())) {
                problem(e.getValue().keyPos(), "unknown node '" + Printable.clip(e.getKey()) + "' in config"
                        + Suggest.didYouMean(e.getKey(), nodes) + " (nodes: " + String.join(", ", nodes) + ")");
                continue;
            }
            YNode.Map settings = r.asMap(e.getValue().value(), "config of " + e.getKey());
            if (settings == null) {
                continue;
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Map.Entry<String, YNode.Entry> s : settings.entries().entrySet()) {
                String v = r.text(s.getValue().value(), "the value of " + s.getKey());
                if (v != null) {
                    options.put(s.getKey(), v);
                    OptionFile.Option option = new OptionFile.Option(s.getKey(), v);
                    binlogOption(e.getKey(), option, s.getValue().keyPos());
                    if (!BinlogOption.is(option) && !option.name().equals("plugin_load_add")
                            && !option.name().equals("plugin_load")) {
                        placed.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(new Placed(option, s.getValue().keyPos()));
                    }
                }
            }
            out.put(e.getKey(), options);
        }
        return out;
    }

    /**
     * An option-file setting mysqld would not know at the node's first start (a misspelt variable, or a
     * plugin's without its plugin loaded and without loose-) is refused here: the node would not start, and
     * the run would go on without it (Mysqld.start). Checked on the flavours the run uses ({@code --flavor}
     * when given). A scenario that means that failed start says so by checking the node's error log for it
     * ({@code NODE.log: contains "unknown variable ..."}), and is then let through. A value mysqld would not
     * take as written is refused too, always (FlavorNames.badOptionValue: its start fails before the error
     * log opens, or a boolean it does not recognise is quietly OFF).
     */
    private void unknownOptions(Map<String, Map<String, String>> config, List<Expectation> logChecks) {
        List<String> on = options.flavor() != null && flavors.get(options.flavor()) != null
                ? List.of(options.flavor()) : runFlavors;
        for (Map.Entry<String, List<Placed>> e : placed.entrySet()) {
            String node = e.getKey();
            if (expectsInLog(node, logChecks, "unknown variable")) {
                continue;
            }
            OptionFile file = OptionFile.of(config.getOrDefault(node, Map.of()));
            for (Placed p : e.getValue()) {
                for (String f : on) {
                    String problem = optionProblem(node, flavors.get(f), file, p.option());
                    if (problem != null) {
                        problem(p.pos(), "config of " + node + ": " + problem);
                        break;
                    }
                }
            }
        }
    }

    /** Why option {@code o} may not stand as written for {@code node} on {@code flavor} (and how a scenario means a failed start); or null. */
    private String optionProblem(String node, io.semisyncsim.flavor.Flavor flavor, OptionFile file, OptionFile.Option o) {
        if (flavor == null) {
            return null;
        }
        String unknown = io.semisyncsim.scenario.lang.FlavorNames.unknownOption(flavors, flavor, file, o);
        if (unknown != null) {
            if (o.loose() || io.semisyncsim.scenario.lang.FlavorNames.notModelled(flavor, o.name())) {
                return unknown; // a real server starts with it: not a failed start, a setting the model lacks
            }
            return unknown + " (" + node + " would not start: \"unknown variable '" + o.asWritten()
                    + "'\"; a scenario about that failed start checks " + node + ".log: contains \"unknown variable\")";
        }
        return io.semisyncsim.scenario.lang.FlavorNames.badOptionValue(flavor, file, o);
    }

    /** Whether a check of {@code node}'s error log looks for {@code text}: the failed start it tells of is the point. */
    private static boolean expectsInLog(String node, List<Expectation> logChecks, String text) {
        for (Expectation x : logChecks) {
            if (node.equals(x.path().node()) && x.value().toLowerCase(java.util.Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A log-bin spelling (a node without a binary log, or one of another name; the name every node has needs
     * none) is refused here, so that no node quietly binlogs while its options say otherwise (server/BinlogOption).
     */
    private void binlogOption(String node, OptionFile.Option option, Pos pos) {
        if (!BinlogOption.is(option)) {
            return;
        }
        Set<String> names = new java.util.LinkedHashSet<>(); // in the file's order of flavours
        for (String f : runFlavors) {
            if (flavors.get(f) != null) {
                names.add(flavors.get(f).eventSizes().basename() + ".000001"
                        + (runFlavors.size() > 1 ? " on " + f : ""));
            }
        }
        problem(pos, "config of " + node + ": " + BinlogOption.notModelled(option, String.join(", ", names)));
    }

    /**
     * {@code invariants: ["lost.acknowledged == 0", ...]}: checks written as an await's (PATH OP VALUE),
     * held at every quiescent instant of the run besides the built-in ones.
     */
    private List<Expectation> invariants(YNode.Map top, List<String> nodes, List<Expectation> logChecks) {
        List<Expectation> out = new ArrayList<>();
        StepReader checks = new StepReader(file, flavors, runFlavors, nodes, StepKinds.ALL, problems, options.places());
        if (!top.entries().containsKey("invariants")) {
            return out;
        }
        YNode v = top.entries().get("invariants").value();
        if (!(v instanceof YNode.Seq seq)) {
            problem(v.pos(), "invariants is a list of checks such as \"lost.acknowledged == 0\"; got " + v.describe());
            return out;
        }
        for (YNode item : seq.items()) {
            String text = checks.text(item, "an invariant");
            if (text == null) {
                continue;
            }
            String[] parts = text.strip().split("\\s+", 2);
            if (parts.length < 2) {
                problem(item.pos(), "an invariant is PATH OP VALUE, e.g. lost.acknowledged == 0; got '" + Printable.clip(text) + "'");
                continue;
            }
            Expectation e = checks.expectation(item.pos(), parts[0], parts[1]);
            if (e != null) {
                out.add(e);
            }
        }
        logChecks.addAll(checks.logChecks());
        return out;
    }

    // --- steps

    private List<Step> steps(YNode.Map top, List<String> nodes, List<Expectation> logChecks) {
        if (!top.entries().containsKey("steps")) {
            problem(top.pos(), "the scenario has no steps");
            return List.of();
        }
        YNode s = top.entries().get("steps").value();
        if (!(s instanceof YNode.Seq)) {
            problem(s.pos(), "steps must be a list, got " + s.describe());
            return List.of();
        }
        StepReader reader = new StepReader(file, flavors, runFlavors, nodes, StepKinds.ALL, problems, options.places());
        List<Step> steps = reader.steps(s, "steps");
        logChecks.addAll(reader.logChecks());
        return steps;
    }

    /** The key of every step kind, for the schema test. */
    static Set<String> stepKinds() {
        Set<String> keys = new java.util.TreeSet<>();
        StepKinds.ALL.forEach(k -> keys.add(k.key()));
        return keys;
    }
}
