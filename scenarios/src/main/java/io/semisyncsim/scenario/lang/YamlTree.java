package io.semisyncsim.scenario.lang;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads YAML with Jackson's streaming parser into {@link YNode}s that keep line and column. Scalars keep
 * their text as written ({@code ON} stays ON), since values are compared as MySQL prints them.
 *
 * <p>Anchors and aliases of mappings and lists work as YAML defines them ({@code &steps} ... {@code *steps}
 * stands for the same node again), and so does the merge key ({@code <<: *base}, or a list of aliases:
 * the keys written beside it win, then the first merged mapping). Jackson does not say which anchor a
 * single value carries, so an alias of a single value is refused with a message rather than read as its
 * name. What cannot be read well is refused: nesting deeper than {@link #MAX_DEPTH}, aliases that expand
 * past {@link #MAX_NODES} nodes (the "billion laughs"), control characters in keys and values.
 */
public final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    /** Deeper than any scenario needs (a repeat inside a repeat adds two levels). */
    static final int MAX_DEPTH = 100;
    /** How many nodes a file may stand for once its aliases are expanded. */
    static final long MAX_NODES = 100_000;

    private final String file;
    private final Places places;
    private final Map<String, YNode> anchors = new TreeMap<>();
    /** Each node's size with its aliases expanded, to bound what reading it will cost. */
    private final Map<YNode, Long> sizes = new IdentityHashMap<>();

    private YamlTree(String file, Places places) {
        this.file = file;
        this.places = places;
    }

    /** Something this reader refuses, at a place. */
    private static final class Refused extends Exception {
        final Pos pos;

        Refused(Pos pos, String message) {
            super(message, null, false, false);
            this.pos = pos;
        }
    }

    public static YNode read(String text, String file) throws InvalidScenarioException {
        return read(text, file, Places.FILE);
    }

    /** As {@link #read(String, String)}, naming the place a construct started as {@code places} does. */
    public static YNode read(String text, String file, Places places) throws InvalidScenarioException {
        return new YamlTree(file, places).parse(text);
    }

    private YNode parse(String text) throws InvalidScenarioException {
        JsonParser p = null;
        try {
            p = FACTORY.createParser(text);
            if (p.nextToken() == null) {
                throw refused(new Pos(1, 1), "the file is empty");
            }
            YNode root = node((YAMLParser) p, 1);
            if (p.nextToken() != null) {
                throw refused(pos(p.currentTokenLocation()), "only one YAML document is allowed");
            }
            return root;
        } catch (Refused r) {
            throw refused(r.pos, r.getMessage());
        } catch (JsonProcessingException e) {
            throw syntax(e, p, text);
        } catch (IOException e) {
            throw refused(new Pos(1, 1), "cannot read: " + e.getMessage());
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a parser over a string has nothing to release
                }
            }
        }
    }

    private InvalidScenarioException refused(Pos pos, String message) {
        return new InvalidScenarioException(List.of(new Problem(file, pos, message)));
    }

    /**
     * A parser error with its reason and the place of the problem: SnakeYAML's problem and its mark (not
     * the context's first line, "while scanning...", which names neither), and the context beside it.
     */
    private InvalidScenarioException syntax(JsonProcessingException e, JsonParser p, String text) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.reader.ReaderException r) {
            return unprintable(text, r.getCodePoint());
        }
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext()
                    + (m.getContextMark() == null ? "" : " started " + places.at(new Pos(m.getContextMark().getLine() + 1,
                    m.getContextMark().getColumn() + 1))) + ")";
            return refused(new Pos(m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1),
                    "YAML syntax: " + firstLine(m.getProblem()) + context);
        }
        if (cause instanceof org.yaml.snakeyaml.error.YAMLException y) {
            return refused(where(e, p), "YAML: " + firstLine(y.getMessage()));
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return refused(where(e, p), "YAML nesting deeper than " + MAX_DEPTH + " levels");
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Expected a field name")) { // Jackson names a SnakeYAML event class here
            message = "a key must be a single value (complex keys such as ? [a, b] are not supported)";
        }
        return refused(where(e, p), "YAML syntax: " + message);
    }

    /**
     * A character YAML does not allow anywhere, comments included (SnakeYAML's reader refuses it before any
     * token, and its position counts in its buffer, not in lines): found again here, to be told at its own
     * line and column, and shown escaped.
     */
    private InvalidScenarioException unprintable(String text, int codePoint) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            if (!org.yaml.snakeyaml.reader.StreamReader.isPrintable(c)) {
                return refused(new Pos(line, column), describe(c) + "; scenario files hold printable text");
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return refused(new Pos(1, 1), describe(codePoint) + "; scenario files hold printable text");
    }

    private static String describe(int c) {
        return (Printable.isControl(c) ? "control character " : "character ") + Printable.name(c)
                + (Printable.isControl(c) ? "" : ", which YAML does not allow,") + " in the file";
    }

    /** The error's own location, else where the parser stood. */
    private static Pos where(JsonProcessingException e, JsonParser p) {
        JsonLocation at = e.getLocation();
        if (at == null && p != null) {
            at = p.currentLocation();
        }
        return at == null ? new Pos(1, 1) : pos(at);
    }

    private YNode node(YAMLParser p, int depth) throws IOException, Refused {
        Pos at = pos(p.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new Refused(at, "YAML nesting deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken t = p.currentToken();
        if (p.isCurrentAlias()) {
            return alias(p.getText(), at);
        }
        String anchor = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? p.getObjectId() : null;
        YNode node;
        long size = 1;
        if (t == JsonToken.START_OBJECT) {
            LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>();
            List<YNode.Entry> merges = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Pos keyPos = pos(p.currentTokenLocation());
                control(key, keyPos, "a key");
                p.nextToken();
                YNode value = node(p, depth + 1);
                size = add(size, sizes.get(value), keyPos);
                if (key.equals("<<")) {
                    merges.add(new YNode.Entry(keyPos, value));
                    continue;
                }
                if (entries.containsKey(key)) {
                    throw new Refused(keyPos, "duplicate key '" + Printable.clip(key) + "'");
                }
                entries.put(key, new YNode.Entry(keyPos, value));
            }
            for (YNode.Entry merge : merges) {
                merge(entries, merge);
            }
            node = new YNode.Map(at, entries);
        } else if (t == JsonToken.START_ARRAY) {
            List<YNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                YNode item = node(p, depth + 1);
                size = add(size, sizes.get(item), at);
                items.add(item);
            }
            node = new YNode.Seq(at, items);
        } else {
            String text = t == JsonToken.VALUE_NULL ? "" : p.getText();
            control(text, at, "a value");
            node = new YNode.Scalar(at, text, t == JsonToken.VALUE_NULL);
        }
        sizes.put(node, size);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YNode alias(String name, Pos at) throws Refused {
        YNode target = anchors.get(name);
        if (target == null) {
            throw new Refused(at, "alias *" + name + " names no mapping or list anchored (&" + name + ") before it;"
                    + " aliases of single values are not supported");
        }
        return target;
    }

    /** The merge key: each mapping's keys that the mapping does not have yet, in order. */
    private void merge(LinkedHashMap<String, YNode.Entry> entries, YNode.Entry merge) throws Refused {
        List<YNode> sources = merge.value() instanceof YNode.Seq seq ? seq.items() : List.of(merge.value());
        for (YNode source : sources) {
            if (!(source instanceof YNode.Map m)) {
                throw new Refused(merge.keyPos(), "<< merges a mapping, or a list of mappings, into this one; got "
                        + source.describe());
            }
            m.entries().forEach(entries::putIfAbsent);
        }
    }

    private static long add(long size, long more, Pos at) throws Refused {
        long sum = size + more;
        if (sum > MAX_NODES) {
            throw new Refused(at, "this YAML expands to more than " + MAX_NODES + " nodes through its aliases");
        }
        return sum;
    }

    private static void control(String text, Pos at, String what) throws Refused {
        int c = Printable.firstControl(text);
        if (c >= 0) {
            throw new Refused(at, "control character " + Printable.name(c) + " in " + what + " ('"
                    + Printable.escape(text) + "'); scenario files hold printable text");
        }
    }

    private static Pos pos(JsonLocation l) {
        return new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
