package io.semisyncsim.scenario.lang;

import io.semisyncsim.flavor.Flavors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a step kind reads with: the file's nodes and flavours, the registry of step kinds, helpers that
 * read typed values, and the list of problems, each at its place in the file. A reader never throws
 * for a bad value: it reports it and goes on, so one pass names every problem.
 */
public final class StepReader {
    private final String file;
    private final Flavors flavors;
    private final List<String> runFlavors;
    private final List<String> nodes;
    private final List<StepKind> kinds;
    private final List<Problem> problems;

    public StepReader(String file, Flavors flavors, List<String> runFlavors, List<String> nodes, List<StepKind> kinds,
                      List<Problem> problems) {
        this.file = file;
        this.flavors = flavors;
        this.runFlavors = runFlavors;
        this.nodes = nodes;
        this.kinds = kinds;
        this.problems = problems;
    }

    public List<String> nodes() {
        return nodes;
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
                problem(e.getValue().keyPos(), "unknown key '" + e.getKey() + "' in a step" + hint);
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
                problem(e.getValue().keyPos(), "unknown key '" + e.getKey() + "' in " + where
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
            problem(m.pos(), where + " needs '" + key + "'");
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
            problem(v.pos(), key + " is true or false, got '" + v.text() + "'");
            return fallback;
        }
        return v.text().equals("true");
    }

    public long optionalDuration(YNode.Map m, String key, long fallback) {
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

    public long wholeNumber(YNode.Map m, String key, long fallback, long min, long max) {
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

    public YNode.Map requiredMap(YNode.Map m, String key, String where) {
        if (!m.entries().containsKey(key)) {
            problem(m.pos(), where + " needs '" + key + "'");
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
            problem(v.pos(), "unknown node '" + node + "'" + Suggest.didYouMean(node, nodes)
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
     * flavours the scenario runs on.
     */
    public Expectation expectation(Pos pos, String pathText, String valueText) {
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
}
