package io.semisyncsim.scenario;

import io.semisyncsim.flavor.Flavors;
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

/**
 * Turns a scenario file into a {@link Scenario}, or reports every problem in it at once, each as
 * {@code file:line:column: message}. Nothing runs until a file reads clean.
 */
public final class ScenarioReader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern NODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final List<String> TOP = List.of("name", "description", "flavor", "flavors", "seed", "topology",
            "network", "config", "steps");
    private static final List<String> STEP_KINDS = List.of("sql", "sleep", "await", "expect", "fault", "commit",
            "workload", "failover");
    /** Keys that go with a step kind, never a kind themselves. */
    private static final List<String> COMPANION_KEYS = List.of("on", "as", "expect_error", "within", "node",
            "between", "from", "to", "background", "for", "latency", "fsync");
    private static final List<String> NOT_YET_STEPS = List.of();
    private static final List<String> NODE_FAULTS = List.of("crash", "restart", "slow-disk", "pause");
    private static final List<String> NETWORK_FAULTS = List.of("partition", "heal", "reset", "latency");
    private static final List<String> NOT_YET_FAULTS = List.of();

    private final String file;
    private final Flavors flavors;
    private List<String> runFlavors = List.of();
    private final List<Problem> problems = new ArrayList<>();

    private ScenarioReader(String file, Flavors flavors) {
        this.file = file;
        this.flavors = flavors;
    }

    public static Scenario read(Path path) throws InvalidScenarioException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidScenarioException(List.of(new Problem(path.toString(), new Pos(1, 1),
                    "cannot read the file: " + e.getMessage())));
        }
        return read(text, path.toString(), Flavors.standard());
    }

    public static Scenario read(String text, String file, Flavors flavors) throws InvalidScenarioException {
        return new ScenarioReader(file, flavors).scenario(YamlTree.read(text, file));
    }

    private void problem(Pos pos, String message) {
        problems.add(new Problem(file, pos, message));
    }

    private Scenario scenario(YNode root) throws InvalidScenarioException {
        if (!(root instanceof YNode.Map top)) {
            problem(root.pos(), "a scenario is a mapping with name, topology and steps; got " + root.describe());
            throw new InvalidScenarioException(problems);
        }
        unknownKeys(top, TOP, "scenario");
        String name = requiredText(top, "name", "the scenario");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(top.entries().get("name").value().pos(), "name '" + name + "' must be lower-case letters, digits and dashes");
        }
        String description = optionalText(top, "description", "");
        List<String> flavorList = flavors(top);
        runFlavors = flavorList;
        long seed = 1;
        if (top.entries().containsKey("seed")) {
            YNode s = top.entries().get("seed").value();
            Long v = s instanceof YNode.Scalar sc && sc.text().matches("-?\\d{1,18}") ? Long.parseLong(sc.text()) : null;
            if (v == null) {
                problem(s.pos(), "seed must be a whole number, got " + s.describe());
            } else {
                seed = v;
            }
        }
        Scenario.Topology topology = topology(top);
        List<String> nodes = topology == null ? List.of() : topology.nodes();
        Scenario.Network network = network(top, nodes);
        Map<String, Map<String, String>> config = config(top, nodes);
        List<Step> steps = steps(top, nodes);
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new InvalidScenarioException(problems);
        }
        return new Scenario(file, name, description, flavorList, seed, topology, network, config, steps);
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
            String f = text(n, "a flavor");
            if (f == null) {
                continue;
            }
            if (flavors.get(f) == null) {
                problem(n.pos(), "unknown flavor '" + f + "'" + Suggest.didYouMean(f, flavors.names())
                        + " (flavors: " + String.join(", ", flavors.names()) + ")");
            } else if (out.contains(f)) {
                problem(n.pos(), "flavor '" + f + "' is listed twice");
            } else {
                out.add(f);
            }
        }
        return out.isEmpty() ? List.of(flavors.defaultFlavor().name()) : out;
    }

    // --- sections

    private Scenario.Topology topology(YNode.Map top) {
        YNode.Map t = requiredMap(top, "topology", "the scenario");
        if (t == null) {
            return null;
        }
        unknownKeys(t, List.of("source", "replicas", "replication"), "topology");
        String source = requiredText(t, "source", "topology");
        List<String> replicas = new ArrayList<>();
        if (t.entries().containsKey("replicas")) {
            YNode r = t.entries().get("replicas").value();
            if (r instanceof YNode.Seq) {
                replicas = texts(r, "a replica name");
            } else {
                problem(r.pos(), "replicas must be a list of node names, e.g. [replica1, replica2]; got " + r.describe());
            }
        }
        String replication = optionalText(t, "replication", "running");
        if (!replication.equals("running") && !replication.equals("stopped")) {
            problem(t.entries().get("replication").value().pos(),
                    "replication must be running or stopped, got '" + replication + "'");
        }
        List<String> seen = new ArrayList<>();
        for (String n : source == null ? replicas : concat(source, replicas)) {
            Pos where = t.pos();
            if (!NODE.matcher(n).matches()) {
                problem(where, "node name '" + n + "' must start with a letter and use letters, digits, _ and -");
            } else if (seen.contains(n)) {
                problem(where, "node name '" + n + "' is used twice");
            } else if (n.equals("commits") || n.equals("lost")) {
                problem(where, "node name '" + n + "' is reserved for expectation paths");
            }
            seen.add(n);
        }
        return source == null ? null : new Scenario.Topology(source, replicas, replication.equals("running"));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private Scenario.Network network(YNode.Map top, List<String> nodes) {
        if (!top.entries().containsKey("network")) {
            return new Scenario.Network(500, 0, Map.of());
        }
        YNode.Map n = asMap(top.entries().get("network").value(), "network");
        if (n == null) {
            return null;
        }
        unknownKeys(n, List.of("latency", "jitter", "links"), "network");
        long latency = optionalDuration(n, "latency", 500);
        long jitter = optionalDuration(n, "jitter", 0);
        Map<String, Scenario.Link> links = new TreeMap<>();
        if (n.entries().containsKey("links")) {
            YNode.Map l = asMap(n.entries().get("links").value(), "links");
            if (l != null) {
                for (Map.Entry<String, YNode.Entry> e : l.entries().entrySet()) {
                    link(e.getKey(), e.getValue(), nodes, links);
                }
            }
        }
        return new Scenario.Network(latency, jitter, links);
    }

    private void link(String key, YNode.Entry entry, List<String> nodes, Map<String, Scenario.Link> links) {
        boolean both = key.contains("<->");
        String[] ends = key.split(both ? "<->" : "->", 2);
        if (ends.length != 2 || (!both && !key.contains("->"))) {
            problem(entry.keyPos(), "a link is written a<->b (both directions) or a->b, got '" + key + "'");
            return;
        }
        for (String end : ends) {
            if (!nodes.contains(end.strip())) {
                problem(entry.keyPos(), "unknown node '" + end.strip() + "' in link '" + key + "'"
                        + Suggest.didYouMean(end.strip(), nodes));
                return;
            }
        }
        YNode.Map spec = asMap(entry.value(), "link " + key);
        if (spec == null) {
            return;
        }
        unknownKeys(spec, List.of("latency", "jitter"), "link " + key);
        Long latency = spec.entries().containsKey("latency") ? optionalDuration(spec, "latency", 0) : null;
        Long jitter = spec.entries().containsKey("jitter") ? optionalDuration(spec, "jitter", 0) : null;
        links.put(key, new Scenario.Link(ends[0].strip(), ends[1].strip(), both, latency, jitter));
    }

    private Map<String, Map<String, String>> config(YNode.Map top, List<String> nodes) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        if (!top.entries().containsKey("config")) {
            return out;
        }
        YNode.Map c = asMap(top.entries().get("config").value(), "config");
        if (c == null) {
            return out;
        }
        for (Map.Entry<String, YNode.Entry> e : c.entries().entrySet()) {
            if (!nodes.contains(e.getKey())) {
                problem(e.getValue().keyPos(), "unknown node '" + e.getKey() + "' in config"
                        + Suggest.didYouMean(e.getKey(), nodes) + " (nodes: " + String.join(", ", nodes) + ")");
                continue;
            }
            YNode.Map settings = asMap(e.getValue().value(), "config of " + e.getKey());
            if (settings == null) {
                continue;
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Map.Entry<String, YNode.Entry> s : settings.entries().entrySet()) {
                String v = text(s.getValue().value(), "the value of " + s.getKey());
                if (v != null) {
                    options.put(s.getKey(), v);
                }
            }
            out.put(e.getKey(), options);
        }
        return out;
    }

    // --- steps

    private List<Step> steps(YNode.Map top, List<String> nodes) {
        List<Step> out = new ArrayList<>();
        if (!top.entries().containsKey("steps")) {
            problem(top.pos(), "the scenario has no steps");
            return out;
        }
        YNode s = top.entries().get("steps").value();
        if (!(s instanceof YNode.Seq seq)) {
            problem(s.pos(), "steps must be a list, got " + s.describe());
            return out;
        }
        for (YNode item : seq.items()) {
            Step step = step(item, nodes);
            if (step != null) {
                out.add(step);
            }
        }
        return out;
    }

    private Step step(YNode item, List<String> nodes) {
        if (!(item instanceof YNode.Map m)) {
            problem(item.pos(), "a step is a mapping such as {on: source, sql: ...}; got " + item.describe());
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (String key : m.entries().keySet()) {
            if (STEP_KINDS.contains(key)) {
                kinds.add(key);
            }
        }
        if (kinds.size() != 1) {
            if (kinds.isEmpty()) {
                boolean told = false;
                for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
                    String hint = Suggest.didYouMean(e.getKey(), STEP_KINDS);
                    if (!COMPANION_KEYS.contains(e.getKey()) && !hint.isEmpty()) {
                        problem(e.getValue().keyPos(), "unknown key '" + e.getKey() + "' in a step" + hint);
                        told = true;
                    }
                }
                if (!told) {
                    problem(m.pos(), "a step needs one of " + String.join(", ", STEP_KINDS));
                }
            } else {
                problem(m.pos(), "a step has exactly one kind, this one has " + String.join(" and ", kinds));
            }
            return null;
        }
        String kind = kinds.get(0);
        if (NOT_YET_STEPS.contains(kind)) {
            problem(m.entries().get(kind).keyPos(), "'" + kind + "' steps are not simulated yet");
            return null;
        }
        return switch (kind) {
            case "sql" -> sql(m, nodes);
            case "sleep" -> sleep(m);
            case "await" -> await(m, nodes);
            case "expect" -> expect(m, nodes);
            case "commit" -> commit(m, nodes);
            case "workload" -> workload(m, nodes);
            case "failover" -> failover(m, nodes);
            default -> fault(m, nodes);
        };
    }

    private Step sql(YNode.Map m, List<String> nodes) {
        unknownKeys(m, List.of("on", "sql", "as", "expect_error"), "an sql step");
        String node = node(m, nodes);
        List<String> statements = new ArrayList<>();
        YNode v = m.entries().get("sql").value();
        if (v instanceof YNode.Seq) {
            statements = texts(v, "a statement");
        } else {
            String s = text(v, "the sql");
            if (s != null) {
                statements.addAll(io.semisyncsim.sql.Parser.split(s));
            }
        }
        if (statements.isEmpty()) {
            problem(v.pos(), "sql has no statement");
        }
        String user = optionalText(m, "as", "root");
        if (io.semisyncsim.server.Account.named(user) == null) {
            problem(m.entries().get("as").value().pos(), "unknown user '" + user + "'"
                    + Suggest.didYouMean(user, List.of("root", "app")) + " (users: root, app)");
        }
        Integer expectError = null;
        if (m.entries().containsKey("expect_error")) {
            String e = text(m.entries().get("expect_error").value(), "expect_error");
            if (e != null && e.matches("\\d{1,5}")) {
                expectError = Integer.parseInt(e);
            } else if (e != null) {
                problem(m.entries().get("expect_error").value().pos(), "expect_error takes a MySQL error number, e.g. 1227; got '" + e + "'");
            }
        }
        return new Step.Sql(m.pos(), node, statements, user, expectError);
    }

    private Step sleep(YNode.Map m) {
        unknownKeys(m, List.of("sleep"), "a sleep step");
        return new Step.Sleep(m.pos(), optionalDuration(m, "sleep", 0));
    }

    private Step await(YNode.Map m, List<String> nodes) {
        unknownKeys(m, List.of("await", "within"), "an await step");
        YNode v = m.entries().get("await").value();
        String text = text(v, "await");
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split("\\s+", 2);
        Expectation e = expectation(v.pos(), parts[0], parts.length > 1 ? parts[1] : "", nodes);
        if (!m.entries().containsKey("within")) {
            problem(m.pos(), "await needs a 'within' budget of virtual time, e.g. within: 30s");
            return null;
        }
        long within = optionalDuration(m, "within", 0);
        return e == null ? null : new Step.Await(m.pos(), e, within);
    }

    private Step expect(YNode.Map m, List<String> nodes) {
        unknownKeys(m, List.of("expect"), "an expect step");
        YNode.Map checks = asMap(m.entries().get("expect").value(), "expect");
        if (checks == null) {
            return null;
        }
        List<Expectation> out = new ArrayList<>();
        for (Map.Entry<String, YNode.Entry> e : checks.entries().entrySet()) {
            String value = text(e.getValue().value(), "the expected value of " + e.getKey());
            if (value != null) {
                Expectation x = expectation(e.getValue().keyPos(), e.getKey(), value, nodes);
                if (x != null) {
                    out.add(x);
                }
            }
        }
        return new Step.Expect(m.pos(), out);
    }

    private Expectation expectation(Pos pos, String pathText, String valueText, List<String> nodes) {
        String[] error = new String[1];
        ValuePath path = ValuePath.parse(pathText, nodes, error);
        if (path == null) {
            problem(pos, error[0]);
            return null;
        }
        Matcher matcher = Matcher.parse(valueText, error);
        if (matcher == null) {
            problem(pos, error[0]);
            return null;
        }
        if (path.kind() == ValuePath.Kind.LOG && !(matcher instanceof Matcher.Contains)) {
            problem(pos, path + " is compared with contains \"text\"");
            return null;
        }
        for (String f : runFlavors) {
            String why = FlavorNames.cannotExist(flavors.get(f), path);
            if (why != null) {
                problem(pos, path + " cannot exist on " + f + ": " + why);
                return null;
            }
        }
        return new Expectation(pos, path, matcher);
    }

    private Step fault(YNode.Map m, List<String> nodes) {
        String kind = text(m.entries().get("fault").value(), "fault");
        if (kind == null) {
            return null;
        }
        if (NOT_YET_FAULTS.contains(kind)) {
            problem(m.entries().get("fault").value().pos(), "fault '" + kind + "' is not simulated yet");
            return null;
        }
        if (NETWORK_FAULTS.contains(kind)) {
            return networkFault(m, kind, nodes);
        }
        if (!NODE_FAULTS.contains(kind)) {
            List<String> all = new ArrayList<>(NODE_FAULTS);
            all.addAll(NETWORK_FAULTS);
            all.addAll(NOT_YET_FAULTS);
            problem(m.entries().get("fault").value().pos(), "unknown fault '" + kind + "'" + Suggest.didYouMean(kind, all)
                    + " (faults: " + String.join(", ", all) + ")");
            return null;
        }
        String amount = switch (kind) {
            case "slow-disk" -> "fsync";
            case "pause" -> "for";
            default -> null;
        };
        unknownKeys(m, amount == null ? List.of("fault", "node") : List.of("fault", "node", amount), "a " + kind + " fault");
        long micros = -1;
        if (amount != null) {
            if (!m.entries().containsKey(amount)) {
                problem(m.pos(), kind + " needs " + amount + ", e.g. " + amount + ": " + (kind.equals("pause") ? "5s" : "50ms"));
                return null;
            }
            micros = optionalDuration(m, amount, 0);
        }
        if (!m.entries().containsKey("node")) {
            problem(m.pos(), "fault " + kind + " needs a node, e.g. node: source");
            return null;
        }
        String node = text(m.entries().get("node").value(), "node");
        if (node != null && !nodes.contains(node)) {
            problem(m.entries().get("node").value().pos(), "unknown node '" + node + "'" + Suggest.didYouMean(node, nodes)
                    + " (nodes: " + String.join(", ", nodes) + ")");
            return null;
        }
        return new Step.NodeFault(m.pos(), kind, node, micros);
    }

    private Step commit(YNode.Map m, List<String> nodes) {
        unknownKeys(m, List.of("on", "commit"), "a commit step");
        String node = node(m, nodes);
        YNode v = m.entries().get("commit").value();
        String n = text(v, "commit");
        if (n == null) {
            return null;
        }
        if (!n.matches("\\d{1,7}") || Integer.parseInt(n) < 1) {
            problem(v.pos(), "commit takes a number of transactions from 1 to 9999999, got '" + n + "'");
            return null;
        }
        return new Step.Commit(m.pos(), node, Integer.parseInt(n));
    }

    private Step workload(YNode.Map m, List<String> nodes) {
        unknownKeys(m, List.of("on", "workload", "background"), "a workload step");
        String node = node(m, nodes);
        YNode.Map w = asMap(m.entries().get("workload").value(), "workload");
        if (w == null) {
            return null;
        }
        unknownKeys(w, List.of("clients", "transactions", "duration", "rate"), "workload");
        int clients = (int) wholeNumber(w, "clients", 1, 1, 10_000);
        long transactions = wholeNumber(w, "transactions", 0, 1, 100_000_000);
        long duration = optionalDuration(w, "duration", 0);
        if (transactions == 0 && duration == 0) {
            problem(w.pos(), "a workload needs transactions: N or duration: D (or both)");
        }
        double rate = 0;
        if (w.entries().containsKey("rate")) {
            YNode v = w.entries().get("rate").value();
            String r = text(v, "rate");
            java.util.regex.Matcher rm = r == null ? null
                    : java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|ms|m)").matcher(r.strip());
            if (rm == null || !rm.matches() || Double.parseDouble(rm.group(1)) <= 0) {
                problem(v.pos(), "rate is transactions per unit of time, e.g. 500/s or 2/ms; got " + v.describe());
            } else {
                double n = Double.parseDouble(rm.group(1));
                rate = switch (rm.group(2)) {
                    case "ms" -> n * 1000;
                    case "m" -> n / 60;
                    default -> n;
                };
            }
        }
        boolean background = false;
        if (m.entries().containsKey("background")) {
            String b = text(m.entries().get("background").value(), "background");
            if (!"true".equals(b) && !"false".equals(b)) {
                problem(m.entries().get("background").value().pos(), "background is true or false, got '" + b + "'");
            }
            background = "true".equals(b);
        }
        return new Step.Workload(m.pos(), node, clients, transactions, duration, rate, background);
    }

    private Step failover(YNode.Map m, List<String> nodes) {
        unknownKeys(m, List.of("failover"), "a failover step");
        YNode.Map f = asMap(m.entries().get("failover").value(), "failover");
        if (f == null) {
            return null;
        }
        unknownKeys(f, List.of("promote"), "failover");
        String promote = requiredText(f, "promote", "failover");
        if (promote != null && !nodes.contains(promote)) {
            problem(f.entries().get("promote").value().pos(), "unknown node '" + promote + "'"
                    + Suggest.didYouMean(promote, nodes) + " (nodes: " + String.join(", ", nodes) + ")");
            return null;
        }
        return promote == null ? null : new Step.Failover(m.pos(), promote);
    }

    private long wholeNumber(YNode.Map m, String key, long fallback, long min, long max) {
        YNode.Scalar v = scalar(m, key);
        if (v == null) {
            return fallback;
        }
        String t = v.text();
        if (!t.matches("\\d{1,12}") || Long.parseLong(t) < min || Long.parseLong(t) > max) {
            problem(v.pos(), key + " must be a whole number from " + min + " to " + max + ", got '" + t + "'");
            return fallback;
        }
        return Long.parseLong(t);
    }

    private Step networkFault(YNode.Map m, String kind, List<String> nodes) {
        Pos at = m.pos();
        if (kind.equals("heal")) {
            unknownKeys(m, List.of("fault"), "a heal");
            return new Step.NetworkFault(at, kind, null, null, true, false, null, null);
        }
        List<String> allowed = switch (kind) {
            case "partition" -> List.of("fault", "between", "from", "to", "cut");
            case "latency" -> List.of("fault", "between", "latency", "jitter");
            default -> List.of("fault", "between");
        };
        unknownKeys(m, allowed, "a " + kind + " fault");
        String a;
        String b;
        boolean bothWays;
        if (m.entries().containsKey("between")) {
            YNode v = m.entries().get("between").value();
            List<String> pair = v instanceof YNode.Seq ? texts(v, "a node in between") : List.of();
            if (pair.size() != 2) {
                problem(v.pos(), kind + " between takes two nodes, e.g. between: [source, replica1]");
                return null;
            }
            a = pair.get(0);
            b = pair.get(1);
            bothWays = true;
        } else if (kind.equals("partition") && m.entries().containsKey("from") && m.entries().containsKey("to")) {
            a = text(m.entries().get("from").value(), "from");
            b = text(m.entries().get("to").value(), "to");
            bothWays = false;
        } else {
            problem(at, kind + " needs between: [A, B]" + (kind.equals("partition") ? " (or from: A and to: B for one direction)" : ""));
            return null;
        }
        for (String n : new String[] {a, b}) {
            if (n != null && !nodes.contains(n)) {
                problem(at, "unknown node '" + n + "' in " + kind + Suggest.didYouMean(n, nodes)
                        + " (nodes: " + String.join(", ", nodes) + ")");
                return null;
            }
        }
        boolean drop = false;
        if (m.entries().containsKey("cut")) {
            String cut = optionalText(m, "cut", "hold");
            if (!cut.equals("hold") && !cut.equals("drop")) {
                problem(m.entries().get("cut").value().pos(), "cut is hold (packets wait for the heal) or drop, got '" + cut + "'");
            }
            drop = cut.equals("drop");
        }
        Long latency = null;
        Long jitter = null;
        if (kind.equals("latency")) {
            if (!m.entries().containsKey("latency")) {
                problem(at, "a latency fault needs latency, e.g. latency: 200ms");
                return null;
            }
            latency = optionalDuration(m, "latency", 0);
            jitter = optionalDuration(m, "jitter", 0);
            if (jitter > latency) {
                problem(m.entries().get("jitter").value().pos(), "jitter cannot exceed latency");
            }
        }
        return new Step.NetworkFault(at, kind, a, b, bothWays, drop, latency, jitter);
    }

    private String node(YNode.Map m, List<String> nodes) {
        if (!m.entries().containsKey("on")) {
            problem(m.pos(), "this step needs 'on: NODE' to say where it runs");
            return null;
        }
        YNode v = m.entries().get("on").value();
        String node = text(v, "on");
        if (node != null && !nodes.contains(node)) {
            problem(v.pos(), "unknown node '" + node + "'" + Suggest.didYouMean(node, nodes)
                    + " (nodes: " + String.join(", ", nodes) + ")");
        }
        return node;
    }

    // --- helpers

    private void unknownKeys(YNode.Map m, List<String> allowed, String where) {
        for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problem(e.getValue().keyPos(), "unknown key '" + e.getKey() + "' in " + where
                        + Suggest.didYouMean(e.getKey(), allowed));
            }
        }
    }

    /** The scalars of a list, each checked to be one. */
    private List<String> texts(YNode seq, String what) {
        List<String> out = new ArrayList<>();
        for (YNode item : ((YNode.Seq) seq).items()) {
            String t = text(item, what);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private String text(YNode v, String what) {
        if (v instanceof YNode.Scalar s) {
            return s.text();
        }
        problem(v.pos(), what + " must be a single value, got " + v.describe());
        return null;
    }

    private String requiredText(YNode.Map m, String key, String where) {
        if (!m.entries().containsKey(key)) {
            problem(m.pos(), where + " needs '" + key + "'");
            return null;
        }
        return text(m.entries().get(key).value(), key);
    }

    /** The scalar at {@code key}, or null when the key is absent or its value is not a scalar (reported). */
    private YNode.Scalar scalar(YNode.Map m, String key) {
        if (!m.entries().containsKey(key)) {
            return null;
        }
        YNode v = m.entries().get(key).value();
        return text(v, key) == null ? null : (YNode.Scalar) v;
    }

    private String optionalText(YNode.Map m, String key, String fallback) {
        YNode.Scalar v = scalar(m, key);
        return v == null ? fallback : v.text();
    }

    private long optionalDuration(YNode.Map m, String key, long fallback) {
        YNode.Scalar v = scalar(m, key);
        if (v == null) {
            return fallback;
        }
        String t = v.text();
        long micros = Durations.parse(t);
        if (micros < 0) {
            problem(v.pos(), "bad duration '" + t + "' for " + key + ": write a number and a unit (us, ms, s, m), e.g. 500ms");
            return fallback;
        }
        return micros;
    }

    private YNode.Map requiredMap(YNode.Map m, String key, String where) {
        if (!m.entries().containsKey(key)) {
            problem(m.pos(), where + " needs '" + key + "'");
            return null;
        }
        return asMap(m.entries().get(key).value(), key);
    }

    private YNode.Map asMap(YNode v, String what) {
        if (v instanceof YNode.Map map) {
            return map;
        }
        problem(v.pos(), what + " must be a mapping, got " + v.describe());
        return null;
    }

    static Set<String> stepKinds() {
        return Set.copyOf(STEP_KINDS);
    }
}
