package io.semisyncsim.reports;

import io.semisyncsim.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The story of a run for a ticket or a README: settings, a Mermaid sequence diagram of the key
 * exchange (commits, ACK requests, ACKs, semisync switches, faults), the transcript and the
 * expectations. Long runs keep the diagram readable by showing the first {@link #MAX_ARROWS}
 * messages and saying so.
 */
public final class MarkdownReport {
    public static final int MAX_ARROWS = 120;

    private MarkdownReport() {
    }

    public static String render(RunReport r, List<TraceEvent> trace) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(r.name()).append("\n\n");
        if (!r.description().isBlank()) {
            out.append(r.description().strip()).append("\n\n");
        }
        out.append("| flavor | seed | virtual time | expectations | trace digest |\n|---|---|---|---|---|\n");
        out.append("| ").append(r.flavor()).append(" | ").append(r.seed()).append(" | ")
                .append(JUnitXml.seconds(r.endTime())).append(" s | ")
                .append(r.checks().size() - r.failures()).append(" of ").append(r.checks().size()).append(" held | `")
                .append(r.traceDigest()).append("` |\n\n");
        for (String setting : r.settings()) {
            out.append("- `").append(setting).append("`\n");
        }
        out.append('\n');
        out.append("## Sequence\n\n").append(mermaid(trace)).append("\n");
        out.append("## Expectations\n\n| | at | expectation | actual |\n|---|---|---|---|\n");
        for (RunReport.Check c : r.checks()) {
            out.append("| ").append(c.held() ? "✔" : "✘").append(" | ").append(JUnitXml.seconds(c.time())).append(" s | ")
                    .append(cell(c.description())).append(" | ").append(cell(c.actual() == null ? "absent" : c.actual()))
                    .append(" |\n");
        }
        out.append("\n## Transcript\n\n```console\n");
        for (RunReport.Entry e : r.transcript()) {
            out.append('[').append(JUnitXml.seconds(e.time())).append(" s] ")
                    .append(e.node() == null ? "" : e.node() + " ").append(e.text()).append('\n');
        }
        out.append("```\n");
        return out.toString();
    }

    private static String cell(String s) {
        String one = s.contains("\n") ? s.split("\n").length + " lines" : s;
        return one.replace("|", "\\|");
    }

    /** A Mermaid sequenceDiagram of the trace's key messages between nodes. */
    public static String mermaid(List<TraceEvent> trace) {
        Set<String> participants = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        int arrows = 0;
        int skipped = 0;
        for (TraceEvent e : trace) {
            String line = arrow(e);
            if (line == null) {
                continue;
            }
            if (arrows >= MAX_ARROWS) {
                skipped++;
                continue;
            }
            participants.add(id(e.node()));
            if (e.field("to") != null && !e.kind().equals("connect")) {
                participants.add(id(String.valueOf(e.field("to"))));
            }
            lines.add(line);
            arrows++;
        }
        StringBuilder out = new StringBuilder("```mermaid\nsequenceDiagram\n");
        for (String p : participants) {
            out.append("    participant ").append(p).append('\n');
        }
        for (String l : lines) {
            out.append("    ").append(l).append('\n');
        }
        out.append("```\n");
        if (skipped > 0) {
            out.append("\n(").append(skipped).append(" later messages not drawn; the full trace is in trace.jsonl.)\n");
        }
        return out.toString();
    }

    /** Whether the diagrams draw this event. */
    static boolean isKey(TraceEvent e) {
        return arrow(e) != null;
    }

    /** A short label for an event, for diagrams that show the time on their own. */
    static String label(TraceEvent e) {
        String a = arrow(e);
        int colon = a.indexOf(": ");
        String text = (colon < 0 ? a : a.substring(colon + 2)).replaceFirst("^\\d+\\.\\d+ s ", "");
        int reported = text.indexOf("reported: '"); // 8.0 wraps a plugin's message; keep the message
        if (reported >= 0) {
            text = text.substring(reported + "reported: '".length()).replaceFirst("'$", "");
        }
        return text.replaceFirst("^\\[MY-\\d+\\] \\[\\w+\\] ", "");
    }

    /** Mermaid identifiers: letters, digits and underscores. */
    private static String id(String node) {
        return node.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String arrow(TraceEvent e) {
        String at = JUnitXml.seconds(e.time()) + " s";
        String node = id(e.node());
        return switch (e.kind()) {
            case "commit.begin" -> "Note over " + node + ": " + at + " commit trx " + e.field("trx");
            case "commit.wait" -> "Note over " + node + ": waits for ACK of " + text(e.field("pos"));
            case "commit.ok" -> "Note over " + node + ": " + at + " OK trx " + e.field("trx")
                    + (Boolean.TRUE.equals(e.field("semisync")) ? " (semisync)" : " (async)");
            case "ack.request" -> node + "->>" + id(String.valueOf(e.field("to"))) + ": event to " + text(e.field("pos"))
                    + ", ACK requested";
            case "ack.sent" -> node + "->>" + id(String.valueOf(e.field("to"))) + ": ACK " + text(e.field("pos"));
            case "log" -> {
                String line = String.valueOf(e.field("line"));
                yield line.contains("switched O") || line.contains("Timeout waiting")
                        ? "Note over " + node + ": " + at + " " + text(line.substring(line.indexOf(']') + 1).strip()) : null;
            }
            case "partition", "heal", "reset" -> "Note over network: " + at + " " + e.kind();
            default -> null;
        };
    }

    /** Mermaid text may not hold ';', '#' or newlines. */
    private static String text(Object o) {
        return String.valueOf(o).replace(";", ",").replace("#", "").replace("\n", " ");
    }
}
