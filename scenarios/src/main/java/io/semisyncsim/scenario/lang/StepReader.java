package io.semisyncsim.scenario.lang;

import io.semisyncsim.flavor.Flavors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a step kind reads with: the file's nodes and flavours, the registry of step kinds, helpers that
 * read typed values, and the list of problems, each at its place in the file. A reader never throws
 * for a bad value: it reports it and goes on, so one pass names every problem.
 *
 * <p>Steps are read in the order they will play, and the reader follows what they do to the cluster
 * as far as a file says it: which nodes are down (crash, restart), which node is the source (failover),
 * which connections wait for a sent statement (send, reap), which values {@code let} has captured. So a
 * restart of a running node, a failover to a node that is down, a reap with nothing sent and a
 * {@code ${name}} no earlier let defines are refused before anything runs.
 */
public final class StepReader {
    private final String file;
    private final Flavors flavors;
    private final List<String> runFlavors;
    private final List<String> nodes;
    private final List<StepKind> kinds;
    private final List<Problem> problems;
    private final Places places;
    /** What the steps read so far did, in reading order (see the class comment). */
    private State state;
    /** Every check of a node's error log read so far (expect, await, invariants). */
    private final List<Expectation> logChecks = new ArrayList<>();

    /**
     * The cluster and the session as far as the steps read so far tell: nodes down (and where they went
     * down), the source, former sources that no longer replicate (and the failover that left them so),
     * connections waiting for a sent statement (and where it was sent), the users of named connections,
     * the captured values defined. A value: a repeat compares it before and after.
     */
    public record State(Map<String, Pos> down, String source, Map<String, Pos> formerSources,
                        Map<String, Pos> waiting, Map<String, String> users, Set<String> defined) {
        State copy() {
            return new State(new TreeMap<>(down), source, new TreeMap<>(formerSources), new TreeMap<>(waiting),
                    new TreeMap<>(users), new LinkedHashSet<>(defined));
        }

        /** Whether the steps that led from {@code before} to this left nodes, source and connections alike. */
        boolean sameCluster(State before) {
            return down.keySet().equals(before.down.keySet()) && Objects.equals(source, before.source)
                    && waiting.keySet().equals(before.waiting.keySet());
        }
    }

    public StepReader(String file, Flavors flavors, List<String> runFlavors, List<String> nodes, List<StepKind> kinds,
                      List<Problem> problems, Places places) {
        this.file = file;
        this.places = places;
        this.flavors = flavors;
        this.runFlavors = runFlavors;
        this.nodes = nodes;
        this.kinds = kinds;
        this.problems = problems;
        this.state = new State(new TreeMap<>(), nodes.isEmpty() ? null : nodes.get(0), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), new LinkedHashSet<>());
    }

    public List<String> nodes() {
        return nodes;
    }

    /** A phrase naming an earlier place of the text, as its reader names it: {@code at 12:5} in a file. */
    public String at(Pos pos) {
        return places.at(pos);
    }

    public void problem(Pos pos, String message) {
        problems.add(new Problem(file, pos, message));
    }

    // --- steps

    /** The key of every registered step kind, in registry order. */
    public List<String> kindKeys() {
        List<String> keys = new ArrayList<>();
        for (StepKind k : kinds) {
            keys.add(k.key());
        }
        return keys;
    }

    /** A list of steps (a scenario's, or a step's own, as a repeat's). */
    public List<Step> steps(YNode list, String where) {
        List<Step> out = new ArrayList<>();
        if (!(list instanceof YNode.Seq seq)) {
            problem(list.pos(), where + " must be a list of steps, got " + list.describe());
            return out;
        }
        for (YNode item : seq.items()) {
            Step step = step(item);
            if (step != null) {
                out.add(step);
            }
        }
        return out;
    }

    /**
     * The steps of a repeat: read as the rest are, once; when they run more than once, they must leave
     * the cluster as they found it (nodes up or down, the source, connections waiting), or the second
     * time round would not be what the file reads as. Empty when the list is not one (reported).
     */
    public List<Step> repeatedSteps(YNode list, long times, Pos at) {
        State before = state.copy();
        List<Step> steps = steps(list, "a repeat's steps");
        if (times > 1 && !state.sameCluster(before)) {
            List<String> changed = new ArrayList<>();
            for (String n : nodes) {
                if (before.down().containsKey(n) != state.down().containsKey(n)) {
                    changed.add(n + (state.down().containsKey(n) ? " is down" : " is up"));
                }
            }
            if (!Objects.equals(before.source(), state.source())) {
                changed.add(state.source() + " is the source");
            }
            for (String c : state.waiting().keySet()) {
                if (!before.waiting().containsKey(c)) {
                    changed.add(c + " waits for its sent statement");
                }
            }
            for (String c : before.waiting().keySet()) {
                if (!state.waiting().containsKey(c)) {
                    changed.add(c + " was reaped");
                }
            }
            problem(at, "a repeat's steps must leave the cluster as they found them, so that each time round"
                    + " plays alike; after them " + String.join(", ", changed));
        }
        return steps;
    }

    /** One step: exactly one kind key, read by its kind. */
    public Step step(YNode item) {
        if (!(item instanceof YNode.Map m)) {
            problem(item.pos(), "a step is a mapping such as {on: source, sql: ...}; got " + item.describe());
            return null;
        }
        List<StepKind> found = new ArrayList<>();
        for (String key : m.entries().keySet()) { // in the file's order, for the message
            for (StepKind k : kinds) {
                if (k.key().equals(key)) {
                    found.add(k);
                }
            }
        }
        if (found.size() == 1) {
            StepKind kind = found.get(0);
            unknownKeys(m, kind.keys(), "a " + kind.key() + " step");
            return kind.reader().read(this, m);
        }
        if (found.size() > 1) {
            problem(m.pos(), "a step has exactly one kind, this one has "
                    + String.join(" and ", found.stream().map(StepKind::key).toList()));
            return null;
        }
        List<String> companions = new ArrayList<>();
        for (StepKind k : kinds) {
            companions.addAll(k.keys());
        }
        boolean told = false;
        for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
            String hint = Suggest.didYouMean(e.getKey(), kindKeys());
            if (!companions.contains(e.getKey()) && !hint.isEmpty()) {
                problem(e.getValue().keyPos(), "unknown key '" + Printable.clip(e.getKey()) + "' in a step" + hint);
                told = true;
            }
        }
        if (!told) {
            problem(m.pos(), "a step needs one of " + String.join(", ", kindKeys()));
        }
        return null;
    }

    // --- values

    /** Reports every key of {@code m} not in {@code allowed}. */
    public void unknownKeys(YNode.Map m, List<String> allowed, String where) {
        for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problem(e.getValue().keyPos(), "unknown key '" + Printable.clip(e.getKey()) + "' in " + where
                        + Suggest.didYouMean(e.getKey(), allowed));
            }
        }
    }

    /** The scalars of a list, each checked to be one. */
    public List<String> texts(YNode seq, String what) {
        List<String> out = new ArrayList<>();
        if (!(seq instanceof YNode.Seq s)) {
            problem(seq.pos(), what + ": expected a list, got " + seq.describe());
            return out;
        }
        for (YNode item : s.items()) {
            String t = text(item, what);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    public String text(YNode v, String what) {
        if (v instanceof YNode.Scalar s) {
            return s.text();
        }
        problem(v.pos(), what + " must be a single value, got " + v.describe());
        return null;
    }

    public String requiredText(YNode.Map m, String key, String where) {
        if (!m.entries().containsKey(key)) {
            problem(m.pos(), where + " needs '" + Printable.clip(key) + "'");
            return null;
        }
        return text(m.entries().get(key).value(), key);
    }

    /** The scalar at {@code key}, or null when the key is absent or its value is not a scalar (reported). */
    public YNode.Scalar scalar(YNode.Map m, String key) {
        if (!m.entries().containsKey(key)) {
            return null;
        }
        YNode v = m.entries().get(key).value();
        return text(v, key) == null ? null : (YNode.Scalar) v;
    }

    public String optionalText(YNode.Map m, String key, String fallback) {
        YNode.Scalar v = scalar(m, key);
        return v == null ? fallback : v.text();
    }

    /** {@code true} or {@code false} at {@code key}, or the fallback when absent. */
    public boolean optionalBoolean(YNode.Map m, String key, boolean fallback) {
        YNode.Scalar v = scalar(m, key);
        if (v == null) {
            return fallback;
        }
        if (!v.text().equals("true") && !v.text().equals("false")) {
            problem(v.pos(), key + " is true or false, got '" + Printable.clip(v.text()) + "'");
            return fallback;
        }
        return v.text().equals("true");
    }

    public long optionalDuration(YNode.Map m, String key, long fallback) {
        YNode.Scalar v = scalar(m, key);
        if (v == null) {
            return fallback;
        }
        String why = Durations.problem(v.text(), key);
        if (why != null) {
            problem(v.pos(), why + (Template.has(v.text()) ? "; captured values (${name}) go in expected values and"
                    + " SQL" : ""));
            return fallback;
        }
        return Durations.parse(v.text());
    }

    public long wholeNumber(YNode.Map m, String key, long fallback, long min, long max) {
        YNode.Scalar v = scalar(m, key);
        if (v == null) {
            return fallback;
        }
        String t = v.text();
        if (!t.matches("\\d{1,12}") || Long.parseLong(t) < min || Long.parseLong(t) > max) {
            problem(v.pos(), key + " must be a whole number from " + min + " to " + max + ", got '" + Printable.clip(t) + "'"
                    + (Template.has(t) ? "; captured values (${name}) go in expected values and SQL" : ""));
            return fallback;
        }
        return Long.parseLong(t);
    }

    public YNode.Map requiredMap(YNode.Map m, String key, String where) {
        if (!m.entries().containsKey(key)) {
            problem(m.pos(), where + " needs '" + Printable.clip(key) + "'");
            return null;
        }
        return asMap(m.entries().get(key).value(), key);
    }

    public YNode.Map asMap(YNode v, String what) {
        if (v instanceof YNode.Map map) {
            return map;
        }
        problem(v.pos(), what + " must be a mapping, got " + v.describe());
        return null;
    }

    /** A node name at {@code key} that must be in the topology; null when absent or unknown (reported). */
    public String knownNode(YNode.Map m, String key) {
        YNode v = m.entries().get(key).value();
        String node = text(v, key);
        if (node != null && !nodes.contains(node)) {
            problem(v.pos(), "unknown node '" + Printable.clip(node) + "'" + Suggest.didYouMean(node, nodes)
                    + " (nodes: " + String.join(", ", nodes) + ")");
            return null;
        }
        return node;
    }

    /** The node of {@code on: NODE}, required. */
    public String on(YNode.Map m) {
        if (!m.entries().containsKey("on")) {
            problem(m.pos(), "this step needs 'on: NODE' to say where it runs");
            return null;
        }
        return knownNode(m, "on");
    }

    /**
     * One check: a path and what its value must be, refused when the path cannot exist on one of the
     * flavours the scenario runs on, or when the value refers to a value no earlier let captured.
     */
    public Expectation expectation(Pos pos, String pathText, String valueText) {
        ValuePath path = path(pos, pathText);
        if (path == null || !template(pos, valueText)) {
            return null;
        }
        String[] error = new String[1];
        Matcher matcher = Matcher.parse(valueText, Template.has(valueText) ? null : Map.of(), error);
        if (matcher == null) {
            problem(pos, error[0]);
            return null;
        }
        if (path.kind() == ValuePath.Kind.LOG && !(matcher instanceof Matcher.Contains
                || matcher instanceof Matcher.Matches || matcher instanceof Matcher.Count)) {
            problem(pos, path + " is compared with contains \"text\", not contains \"text\", matches \"regex\""
                    + " or count(\"text\") OP N");
            return null;
        }
        if (isCount(path) && matcher instanceof Matcher.Compare c && !Template.has(valueText)
                && !Arithmetic.isSum(c.expected()) && Matcher.numberOrNull(c.expected()) == null) {
            problem(pos, path + " is a count: compare it with a whole number, got '" + Printable.clip(c.expected()) + "'");
            return null;
        }
        Expectation e = new Expectation(pos, path, matcher, valueText);
        if (path.kind() == ValuePath.Kind.LOG) {
            logChecks.add(e);
        }
        return e;
    }

    /** lost.acknowledged, lost.visible, commits.count, commits.yes and commits.no: numbers of commits, never words or durations. */
    private static boolean isCount(ValuePath path) {
        return path.kind() == ValuePath.Kind.LOST
                || path.kind() == ValuePath.Kind.COMMITS && List.of("count", "yes", "no").contains(path.name());
    }

    /** The checks of a node's error log read so far, in reading order. */
    public List<Expectation> logChecks() {
        return logChecks;
    }

    /** A path to read, refused when it cannot exist on one of the flavours the scenario runs on. */
    public ValuePath path(Pos pos, String pathText) {
        String[] error = new String[1];
        ValuePath path = ValuePath.parse(pathText, nodes, error);
        if (path == null) {
            problem(pos, error[0]);
            return null;
        }
        for (String f : runFlavors) {
            String why = FlavorNames.cannotExist(flavors.get(f), path);
            if (why != null) {
                problem(pos, path + " cannot exist on " + f + ": " + why);
                return null;
            }
        }
        return path;
    }

    // --- what the steps read so far did

    /**
     * Checks the {@code ${name}}s in {@code text}: well formed, and each defined by an earlier let.
     * Reports and returns false when not.
     */
    public boolean template(Pos pos, String text) {
        if (!Template.has(text)) {
            return true;
        }
        String why = Template.problem(text);
        if (why != null) {
            problem(pos, why);
            return false;
        }
        for (String name : Template.names(text)) {
            if (!state.defined().contains(name)) {
                problem(pos, "${" + name + "} is not defined by an earlier let" + Suggest.didYouMean(name,
                        state.defined()) + (state.defined().isEmpty() ? "" : " (defined: "
                        + String.join(", ", state.defined()) + ")"));
                return false;
            }
        }
        return true;
    }

    /** A let captured {@code name}: later values may refer to it. */
    public void define(String name) {
        state.defined().add(name);
    }

    /** The node that is the source at this point of the file (a failover changes it). */
    public String source() {
        return state.source();
    }

    /** Where {@code node} went down, if it is down at this point of the file; else null. */
    public Pos downAt(String node) {
        return state.down().get(node);
    }

    public void down(String node, Pos at) {
        state.down().put(node, at);
    }

    public void up(String node) {
        state.down().remove(node);
    }

    /** A failover at {@code at} made {@code node} the source; the old source replicates from nobody. */
    public void promoted(String node, Pos at) {
        state.formerSources().put(state.source(), at);
        state.formerSources().remove(node);
        state = new State(state.down(), node, state.formerSources(), state.waiting(), state.users(), state.defined());
    }

    /** A former source replicates again (a rejoin). */
    public void rejoined(String node) {
        state.formerSources().remove(node);
    }

    /** Where a failover left {@code node} a former source that replicates from nobody; null when it replicates. */
    public Pos formerSourceAt(String node) {
        return state.formerSources().get(node);
    }

    /**
     * The user of a connection: a named one keeps the user it was first used with ({@code as} may be left
     * out after that, and may not change it); the default one per node and user is that user's.
     */
    public String connectionUser(Pos pos, String node, String connection, String asUser) {
        if (connection == null) {
            return asUser == null ? "root" : asUser;
        }
        String key = node + " " + connection;
        String known = state.users().get(key);
        if (known == null) {
            String user = asUser == null ? "root" : asUser;
            state.users().put(key, user);
            return user;
        }
        if (asUser != null && !asUser.equals(known)) {
            problem(pos, "connection " + connection + " on " + node + " is " + known + "'s; a connection keeps the"
                    + " user it was opened with (leave out as:, or name another connection)");
        }
        return known;
    }

    /** Whether an earlier step used connection {@code connection} on {@code node} (so it has a thread). */
    public boolean opened(String node, String connection) {
        return state.users().containsKey(node + " " + connection);
    }

    /** How messages name a connection: {@code connection c1 on source}, or {@code root's connection to source}. */
    public static String connectionName(String node, String connection, String user) {
        return connection != null ? "connection " + connection + " on " + node : user + "'s connection to " + node;
    }

    /** A statement is sent on a connection: it must not wait for an earlier one (reported). */
    public void send(Pos pos, String name) {
        idle(pos, name);
        state.waiting().put(name, pos);
    }

    /** A statement runs on a connection now: it must not wait for a sent one (reported). */
    public void idle(Pos pos, String name) {
        Pos sent = state.waiting().get(name);
        if (sent != null) {
            problem(pos, name + " is still waiting for the statement sent " + places.at(sent) + "; reap it first ("
                    + places.write("reap: true") + ")");
        }
    }

    /** A connection's sent statement is reaped: there must be one (reported). */
    public void reap(Pos pos, String name) {
        if (state.waiting().remove(name) == null) {
            problem(pos, "nothing was sent on " + name + " to reap (" + places.write("send: SQL")
                    + " comes first)");
        }
    }
}
