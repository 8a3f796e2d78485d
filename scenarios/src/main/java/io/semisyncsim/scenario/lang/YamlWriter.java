package io.semisyncsim.scenario.lang;

import java.util.Map;

/**
 * Writes a {@link YNode} tree back as YAML that {@link YamlTree} reads into the same tree (positions
 * aside): block mappings and lists, every value double-quoted so its text is kept exactly as it was
 * read. Sweeps write a combination's scenario with it, and explore its shrunk schedules.
 */
public final class YamlWriter {
    private YamlWriter() {
    }

    public static String write(YNode root) {
        StringBuilder out = new StringBuilder();
        block(root, 0, out);
        return out.toString();
    }

    private static void block(YNode node, int indent, StringBuilder out) {
        if (node instanceof YNode.Map m) {
            for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) {
                out.append(" ".repeat(indent)).append(key(e.getKey())).append(':');
                value(e.getValue().value(), indent, out);
            }
        } else if (node instanceof YNode.Seq s) {
            for (YNode item : s.items()) {
                out.append(" ".repeat(indent)).append('-');
                value(item, indent, out);
            }
        } else {
            out.append(" ".repeat(indent)).append(scalar((YNode.Scalar) node)).append('\n');
        }
    }

    /** After "key:" or "-": a scalar or an empty collection on the same line, else a nested block. */
    private static void value(YNode v, int indent, StringBuilder out) {
        if (v instanceof YNode.Scalar s) {
            out.append(' ').append(scalar(s)).append('\n');
        } else if (v instanceof YNode.Map m && m.entries().isEmpty()) {
            out.append(" {}\n");
        } else if (v instanceof YNode.Seq q && q.items().isEmpty()) {
            out.append(" []\n");
        } else {
            out.append('\n');
            block(v, indent + 2, out);
        }
    }

    private static String key(String k) {
        return k.matches("[A-Za-z_][A-Za-z0-9_-]*") ? k : quoted(k);
    }

    private static String scalar(YNode.Scalar s) {
        return s.isNull() ? "~" : quoted(s.text());
    }

    /**
     * A double-quoted YAML scalar that reads back as exactly {@code text}: quotes, backslashes and every
     * control character escaped (a raw carriage return or tab would be folded or taken as markup).
     */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
