package io.semisyncsim.live;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.YamlWriter;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.scenario.lang.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A live session written down as the scenario file it saves as: the file's top (name, flavour,
 * topology, network, config) and the steps played so far, in order, each as the YAML lines of one item
 * of {@code steps:}. Time that passed between steps (the clock buttons, paced play, {@code \sleep}) is
 * summed into one {@code sleep} step, written before the next step: the kernel runs two sleeps back to
 * back exactly as one of their sum, so the file replays to the same trace.
 *
 * <p>Started from a file, the top is that file's text without its steps, and each step of the file
 * that has been played is its own lines, comments and all, so a saved session reads as the file did.
 */
public final class SessionScript {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");

    private final String top;
    private final String indent;
    private final List<String> items = new ArrayList<>();
    /** For each item, what made it ({@code with `\crash source`}), or null: how the reader's messages name it. */
    private final List<String> origins = new ArrayList<>();
    private long pendingSleep;

    private SessionScript(String top, String indent) {
        this.top = top.endsWith("\n") ? top : top + "\n";
        this.indent = indent;
    }

    /** A new session's top: a name, a description, the flavour, the seed and the topology. */
    public static SessionScript fresh(String name, String flavor, long seed, String source, List<String> replicas) {
        String top = "name: " + name + "\n"
                + "description: |\n"
                + "  A live session of semisync-sim (lab or shell), saved as a scenario: every statement, fault,\n"
                + "  commit and clock move in the order it was made. `semisync-sim run` replays it to the same trace.\n"
                + "flavor: " + flavor + "\n"
                + "seed: " + seed + "\n"
                + "topology:\n"
                + "  source: " + source + "\n"
                + "  replicas: [" + String.join(", ", replicas) + "]\n";
        return new SessionScript(top, "  ");
    }

    /** A file to go on from: its top, and the text of each of its steps, to add as they are played. */
    public record FromFile(SessionScript script, List<String> stepTexts) {
    }

    /**
     * Splits a scenario file (already read clean) into its top and the lines of each step. The steps
     * must be a block list, one {@code -} per item, as every file in the library writes them.
     */
    public static FromFile of(String text, String file) throws InvalidScenarioException {
        YNode root = YamlTree.read(text, file);
        YNode.Map top = (YNode.Map) root;
        YNode.Entry steps = top.entries().get("steps");
        String[] lines = text.split("\n", -1);
        int keyLine = steps.keyPos().line();
        int end = lines.length + 1; // 1-based, exclusive: the first line after the steps
        for (YNode.Entry e : top.entries().values()) {
            if (e.keyPos().line() > keyLine) {
                end = Math.min(end, e.keyPos().line());
            }
        }
        if (!(steps.value() instanceof YNode.Seq seq) || flow(lines, seq)) {
            throw new InvalidScenarioException(List.of(new Problem(file, steps.keyPos(), "a live session goes on"
                    + " from a file whose steps are a block list (each step on its own lines after a '-'), not"
                    + " written as [...]")));
        }
        List<Integer> starts = new ArrayList<>();
        String indent = "  ";
        for (YNode item : seq.items()) {
            int line = dashLine(lines, item.pos());
            starts.add(line);
            if (starts.size() == 1) {
                String l = lines[line - 1];
                indent = " ".repeat(l.indexOf('-'));
            }
        }
        List<String> stepTexts = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : end;
            stepTexts.add(String.join("\n", java.util.Arrays.copyOfRange(lines, from - 1, to - 1)).stripTrailing()
                    + "\n");
        }
        StringBuilder head = new StringBuilder();
        for (int l = 1; l <= lines.length; l++) {
            if (l < keyLine || l >= end) {
                head.append(lines[l - 1]).append('\n');
            }
        }
        String topText = head.toString().stripTrailing() + "\n";
        return new FromFile(new SessionScript(topText, indent), stepTexts);
    }

    private static boolean flow(String[] lines, YNode.Seq seq) {
        Pos p = seq.pos();
        String l = lines[p.line() - 1];
        return p.column() - 1 < l.length() && l.charAt(p.column() - 1) == '[';
    }

    /** The line of an item's {@code -}: its own line, or the one above when the dash stands alone. */
    private static int dashLine(String[] lines, Pos pos) {
        int line = pos.line();
        String l = lines[line - 1];
        String before = l.substring(0, Math.min(pos.column() - 1, l.length()));
        while (!before.contains("-") && line > 1) {
            line--;
            before = lines[line - 1];
            if (!before.isBlank() && !before.strip().startsWith("#")) {
                break;
            }
        }
        return line;
    }

    /** The indentation of the steps' {@code -}. */
    public String indent() {
        return indent;
    }

    /** Virtual time passed since the last step, to be written as one sleep before the next. */
    public void slept(long micros) {
        pendingSleep += micros;
    }

    /** Writes the time passed since the last step as a sleep step (in pieces of at most a year). */
    public void flushSleep() {
        while (pendingSleep > 0) {
            long piece = Math.min(pendingSleep, Durations.MAX);
            items.add(item(Map.of("sleep", sleepText(piece))));
            origins.add(null);
            pendingSleep -= piece;
        }
    }

    /** A duration that reads back as exactly {@code micros}. */
    static String sleepText(long micros) {
        String nice = Durations.format(micros);
        return Durations.parse(nice) == micros ? nice : micros + "us";
    }

    public void add(String item) {
        add(item, null);
    }

    /** Adds a step; {@code origin}, a phrase such as {@code with `\crash source`}, names it in messages. */
    public void add(String item, String origin) {
        items.add(item.endsWith("\n") ? item : item + "\n");
        origins.add(origin);
    }

    /**
     * The step that text {@link #text(String...) text} gives at {@code line} (1-based) is part of: its index
     * (the number of steps when it is an extra one, being read), or -1 in the top.
     */
    public int stepAt(int line) {
        int next = (int) top.chars().filter(c -> c == '\n').count() + 2; // the first item's line, after steps:
        if (line < next) {
            return -1;
        }
        for (int i = 0; i < items.size(); i++) {
            next += (int) items.get(i).chars().filter(c -> c == '\n').count();
            if (line < next) {
                return i;
            }
        }
        return items.size();
    }

    /** What made step {@code index} (see {@link #add(String, String)}), or null. */
    public String origin(int index) {
        return index >= 0 && index < origins.size() ? origins.get(index) : null;
    }

    public int steps() {
        return items.size();
    }

    /** The file as it stands, with {@code extra} steps after the ones played (to read them in context). */
    public String text(String... extra) {
        StringBuilder out = new StringBuilder(top);
        if (items.isEmpty() && extra.length == 0) {
            return out.append("steps: []\n").toString();
        }
        out.append("steps:\n");
        items.forEach(out::append);
        for (String e : extra) {
            out.append(e.endsWith("\n") ? e : e + "\n");
        }
        return out.toString();
    }

    /** The line the next step added would start on (1-based), to tell its problems from earlier ones. */
    public int nextLine() {
        return (int) text().chars().filter(c -> c == '\n').count() + (items.isEmpty() ? 0 : 1);
    }

    /**
     * One step as a block list item at this file's indentation. Values are Strings, lists of Strings
     * (written {@code [a, b]}) or maps of Strings (written {@code {k: v}}); keys keep their order.
     */
    public String item(Map<String, ?> step) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, ?> e : step.entrySet()) {
            out.append(first ? indent + "- " : indent + "  ").append(e.getKey()).append(": ")
                    .append(value(e.getValue())).append('\n');
            first = false;
        }
        return out.toString();
    }

    private static String value(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(o -> parts.add(scalar(String.valueOf(o))));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, o) -> parts.add(k + ": " + scalar(String.valueOf(o))));
            return "{" + String.join(", ", parts) + "}";
        }
        return scalar(String.valueOf(v));
    }

    /** A scalar as YAML reads it back unchanged: plain when safe, else double-quoted with escapes. */
    public static String scalar(String s) {
        return PLAIN.matcher(s).matches() ? s : YamlWriter.quoted(s);
    }
}
