package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The story of a run for a ticket or a README: settings, a Mermaid sequence diagram drawn from the
 * same {@link Story} as the HTML page (held packets dashed at their late arrival, dropped and lost
 * ones crossed, partitions as red blocks, crashes, restarts, the engine commit, failovers with what
 * they lost, statements), the semisync switches, commit latency, the expectations and the transcript.
 * Long runs keep the diagram readable by drawing a smaller selection than the HTML page and saying so.
 */
public final class MarkdownReport {
    /** Mermaid lines drawn at most (GitHub renders a few hundred comfortably). */
    public static final int MAX_LINES = 300;

    private MarkdownReport() {
    }

    public static String render(RunReport r) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(r.name()).append("\n\n");
        if (!r.description().isBlank()) {
            out.append(r.description().strip()).append("\n\n");
        }
        out.append("| verdict | flavor | seed | virtual time | expectations | trace digest |\n|---|---|---|---|---|---|\n");
        out.append("| ").append(r.passed() ? "PASS" : "FAIL").append(" | ").append(r.flavor()).append(" | ").append(r.seed())
                .append(" | ").append(Labels.time(r.endTime())).append(" | ").append(r.checks().size() - r.failures())
                .append(" of ").append(r.checks().size()).append(" held | `").append(r.traceDigest()).append("` |\n\n");
        for (String setting : r.settings()) {
            out.append("- `").append(setting).append("`\n");
        }
        out.append('\n');
        out.append("## Sequence\n\n").append(mermaid(r.story()));
        out.append("\n## Semisync status\n\n").append(switches(r));
        out.append("\n## Commit latency\n\n").append(latency(r.latency()));
        out.append("\n## Expectations\n\n| | at | expectation | actual | line |\n|---|---|---|---|---|\n");
        for (RunReport.Check c : r.checks()) {
            out.append("| ").append(c.held() ? "✔" : "✘").append(" | ").append(Labels.time(c.time())).append(" | ")
                    .append(cell(c.description())).append(" | ").append(cell(c.actual() == null ? "absent" : c.actual()))
                    .append(" | ").append(c.location()).append(" |\n");
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

    /** Changes of each node's semisync status ({@code *_status}), with down and frozen spans, as a table. */
    private static String switches(RunReport r) {
        List<String[]> rows = new ArrayList<>();
        for (RunReport.Sample s : r.samples()) {
            if (s.name().endsWith("_status")) {
                rows.add(new String[] {Long.toString(s.time()), s.node(), s.name() + " = " + s.value()});
            }
        }
        for (Story.Span s : r.story().spans()) {
            if (s.kind() != Story.SpanKind.PARTITION) {
                rows.add(new String[] {Long.toString(s.start()), s.a().get(0), s.label()
                        + (s.end() < 0 ? " until the end" : " until " + Labels.time(s.end()))});
            }
        }
        if (rows.isEmpty()) {
            return "No semisync status variable in this run.\n";
        }
        rows.sort(Comparator.comparingLong((String[] row) -> Long.parseLong(row[0])));
        StringBuilder out = new StringBuilder("| at | node | |\n|---|---|---|\n");
        int shown = 0;
        for (String[] row : rows) {
            if (shown++ == 60) {
                out.append("| | | (").append(rows.size() - 60).append(" more changes in report.html) |\n");
                break;
            }
            out.append("| ").append(Labels.time(Long.parseLong(row[0]))).append(" | ").append(row[1]).append(" | ")
                    .append(cell(row[2])).append(" |\n");
        }
        return out.toString();
    }

    private static String latency(LatencyStats s) {
        if (s.count() == 0) {
            return "No commits in this run.\n";
        }
        return "| commits | semisync | asynchronous | unknown | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|---|\n| "
                + String.format(Locale.ROOT, "%,d", s.count()) + " | " + s.count(LatencyStats.Ack.SEMISYNC) + " | "
                + s.count(LatencyStats.Ack.ASYNC) + " | " + s.count(LatencyStats.Ack.UNKNOWN) + " | "
                + Labels.duration(s.percentile(50)) + " | " + Labels.duration(s.percentile(95)) + " | "
                + Labels.duration(s.percentile(99)) + " | " + Labels.duration(s.max()) + " |\n";
    }

    /** One Mermaid line and where it goes: by time, then in the order the story told it. */
    private record Line(long time, int order, String text) {
    }

    /** A Mermaid sequenceDiagram of the story, within {@link #MAX_LINES}. */
    public static String mermaid(Story story) {
        Window window = new Window(110, 8, 16, 170, 90, i -> { });
        for (Story.Item i : story.items()) {
            window.offer(i);
        }
        List<Story.Item> items = window.finish();
        List<Story.Lane> lanes = story.lanes();
        Map<Story.Lane, String> ids = new LinkedHashMap<>();
        for (Story.Lane l : lanes) {
            ids.put(l, id(l.node() + "_" + l.thread()));
        }
        List<Line> lines = new ArrayList<>();
        int order = 0;
        for (Story.Item i : items) {
            order++;
            if (i instanceof Story.Message m) {
                String a = ids.get(m.from());
                String b = ids.get(m.to());
                switch (m.fate()) {
                    case DELIVERED -> lines.add(new Line(m.time(), order, a + "->>" + b + ": " + text(m.label())));
                    case HELD -> lines.add(new Line(m.end(), order, a + "-->>" + b + ": " + text(m.label() + " (sent at "
                            + Labels.time(m.time()) + ", held " + Labels.duration(m.end() - m.time()) + ")")));
                    case DROPPED -> lines.add(new Line(m.time(), order, a + "-x" + b + ": " + text(m.label() + " ✖ dropped")));
                    case LOST -> lines.add(new Line(m.end(), order, a + "--x" + b + ": " + text(m.label() + " (sent at "
                            + Labels.time(m.time()) + ") ✖ lost")));
                    case IN_FLIGHT -> lines.add(new Line(story.end(), order, a + "--)" + b + ": " + text(m.label()
                            + " (sent at " + Labels.time(m.time()) + ", still held at the end)")));
                    default -> {
                    }
                }
            } else if (i instanceof Story.Wait w) {
                String s = ids.get(new Story.Lane(w.node(), Story.SESSIONS));
                lines.add(new Line(w.time(), order, "Note right of " + s + ": " + text(Labels.time(w.time()) + " " + w.label())));
                if (w.end() >= 0) {
                    lines.add(new Line(w.end(), order, "Note right of " + s + ": " + text(Labels.time(w.end()) + " released "
                            + (Boolean.TRUE.equals(w.semisync()) ? "by the ACK" : "as asynchronous"))));
                }
            } else if (i instanceof Story.Note n && n.kind() == Story.NoteKind.PARTITION) {
                Story.Span s = span(story, n);
                String over = s == null ? null : over(concat(s.a(), s.b()), lanes, ids);
                if (over != null) {
                    lines.add(new Line(n.time(), order, "rect rgba(207, 34, 46, 0.12)"));
                    lines.add(new Line(n.time(), order, "Note over " + over + ": " + text(Labels.time(n.time()) + " ✂ " + n.text())));
                    if (s.end() < 0) {
                        lines.add(new Line(story.end(), Integer.MAX_VALUE - 1, "Note over " + over + ": (still cut at the end)"));
                        lines.add(new Line(story.end(), Integer.MAX_VALUE, "end"));
                    }
                }
            } else if (i instanceof Story.Note n && n.kind() == Story.NoteKind.HEAL) {
                Story.Span s = null;
                for (Story.Span c : story.spans()) {
                    if (c.kind() == Story.SpanKind.PARTITION && c.end() == n.time() && s == null) {
                        s = c;
                    }
                }
                String over = s == null ? null : over(concat(s.a(), s.b()), lanes, ids);
                if (over != null) {
                    lines.add(new Line(n.time(), order, "Note over " + over + ": " + text(Labels.time(n.time()) + " partition healed")));
                    lines.add(new Line(n.time(), order, "end"));
                }
            } else if (i instanceof Story.Note n) {
                lines.add(new Line(n.time(), order, note(n, lanes, ids)));
            } else if (i instanceof Story.Omitted o) {
                lines.add(new Line(o.time(), order, "Note over " + ids.get(lanes.get(0)) + "," + ids.get(lanes.get(lanes.size() - 1))
                        + ": " + text("⋯ " + o.text() + " ⋯")));
            }
        }
        // frozen nodes as notes at both ends
        int spanOrder = -1_000_000;
        for (Story.Span s : story.spans()) {
            String over = over(s.a(), lanes, ids);
            if (over == null) {
                continue;
            }
            if (s.kind() == Story.SpanKind.FROZEN) {
                lines.add(new Line(s.start(), spanOrder, "Note over " + over + ": " + text(Labels.time(s.start()) + " ❄ " + s.label())));
                if (s.end() >= 0) {
                    lines.add(new Line(s.end(), spanOrder, "Note over " + over + ": " + text(Labels.time(s.end()) + " resumes")));
                }
            }
            spanOrder += 2;
        }
        lines.sort(Comparator.comparingLong(Line::time).thenComparingInt(Line::order));
        StringBuilder out = new StringBuilder("```mermaid\nsequenceDiagram\n");
        for (Map.Entry<Story.Lane, String> e : ids.entrySet()) {
            out.append("    participant ").append(e.getValue()).append(" as ").append(alias(e.getKey())).append('\n');
        }
        long previous = -1;
        int depth = 0;
        for (Line l : lines) {
            if (previous >= 0 && l.time() - previous > TimeAxis.CUT && !lanes.isEmpty()) {
                out.append("    Note over ").append(ids.get(lanes.get(0))).append(',').append(ids.get(lanes.get(lanes.size() - 1)))
                        .append(": ").append(text("⋮ " + Labels.duration(l.time() - previous) + " later")).append('\n');
            }
            previous = l.time();
            if (l.text().startsWith("rect ")) {
                if (depth++ > 0) {
                    continue; // one block for overlapping partitions: a heal ends them all
                }
            } else if (l.text().equals("end")) {
                if (--depth > 0) {
                    continue;
                }
            }
            out.append("    ").append(l.text()).append('\n');
        }
        out.append("```\n");
        String left = summary(story, items);
        if (!left.isEmpty()) {
            out.append("\nA long run: the diagram draws the start, the end and the moments around each fault, switch and")
                    .append(" statement, and summarises what it leaves out (").append(left)
                    .append("). report.html draws more; trace.jsonl has every event.\n");
        }
        return out.toString();
    }

    /** The partition a PARTITION note opened. */
    private static Story.Span span(Story story, Story.Note n) {
        for (Story.Span s : story.spans()) {
            if (s.kind() == Story.SpanKind.PARTITION && s.start() == n.time() && s.label().equals(n.text())) {
                return s;
            }
        }
        return null;
    }

    private static String summary(Story story, List<Story.Item> drawn) {
        long commits = 0;
        long messages = 0;
        long applies = 0;
        long others = 0;
        for (Story.Item i : drawn) {
            if (i instanceof Story.Omitted o) {
                commits += o.commits();
                messages += o.messages();
                applies += o.applies();
                others += o.others();
            }
        }
        Story.Omitted all = new Story.Omitted(0, story.end(), commits, messages, applies, others);
        return all.total() == 0 ? "" : all.parts();
    }

    private static String note(Story.Note n, List<Story.Lane> lanes, Map<Story.Lane, String> ids) {
        String at = Labels.time(n.time()) + " ";
        String prefix = switch (n.kind()) {
            case VISIBLE -> "◆ ";
            case SQL, SQL_ERROR -> "mysql› ";
            case OK_SEMISYNC, OK_ASYNC -> "✔ ";
            case RESTART -> "⟳ ";
            case FAILOVER -> "★ ";
            default -> "";
        };
        if (n.thread() == null) {
            List<String> node = List.of(n.node());
            String over = over(node, lanes, ids);
            return "Note over " + (over == null ? "x" : over) + ": " + text(at + prefix + n.text());
        }
        return "Note right of " + ids.get(new Story.Lane(n.node(), n.thread())) + ": " + text(at + prefix + n.text());
    }

    /** {@code first,last} lane ids of the given nodes (Mermaid notes span a range of participants). */
    private static String over(List<String> nodes, List<Story.Lane> lanes, Map<Story.Lane, String> ids) {
        String first = null;
        String last = null;
        for (Story.Lane l : lanes) {
            if (nodes.contains(l.node())) {
                if (first == null) {
                    first = ids.get(l);
                }
                last = ids.get(l);
            }
        }
        return first == null ? null : first.equals(last) ? first : first + "," + last;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String alias(Story.Lane l) {
        return text(l.node() + " " + l.title()).replace(":", " ");
    }

    /** Mermaid identifiers: letters, digits and underscores. */
    static String id(String node) {
        return node.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Mermaid text may not hold ';', '#', newlines, or angle brackets (read as HTML). */
    static String text(Object o) {
        return String.valueOf(o).replace(";", ",").replace("#", "").replace("\n", " ").replace("<", "‹").replace(">", "›");
    }
}
