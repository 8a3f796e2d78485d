package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence diagram as inline SVG, Lamport style: a lifeline per node thread, time running down
 * on the shared {@link TimeAxis}; each socket write an arrow sloped from its send to its arrival
 * (dashed when a partition held it, ending in ✖ when dropped or lost); commit waits as bars; notes
 * for commits, the engine commit (visibility), statements, switches and thread changes; bands for
 * partitions, crashed and frozen nodes; a box for each failover with what it lost. Every mark has a
 * {@code <title>} with its details, shown on hover. Element classes name what they draw
 * ({@code crash}, {@code partition}, {@code visible}, {@code held}, {@code lost}, ...).
 */
final class SequenceSvg {
    static final double LANE = 140;
    static final double GROUP_GAP = 26;
    static final double GUTTER = 92;
    static final double HEAD = 62;
    static final double RIGHT = 270;

    private final Story story;
    private final List<Story.Lane> lanes;
    private final Map<Story.Lane, Double> x = new HashMap<>();
    private final Map<String, double[]> group = new LinkedHashMap<>(); // node -> {left, right, first lane x}
    private final TimeAxis axis;
    private final Map<Story.Item, Integer> rowOf = new HashMap<>();
    private final double width;

    SequenceSvg(Story story) {
        this.story = story;
        this.lanes = story.lanes();
        double cursor = GUTTER + 40;
        String node = null;
        for (Story.Lane l : lanes) {
            if (node != null && !node.equals(l.node())) {
                cursor += GROUP_GAP;
            }
            node = l.node();
            x.put(l, cursor);
            double[] g = group.computeIfAbsent(l.node(), k -> new double[] {0, 0, 0});
            if (g[2] == 0) {
                g[0] = x.get(l) - 36;
                g[2] = x.get(l);
            }
            g[1] = x.get(l) + 36;
            cursor += LANE;
        }
        double right = cursor - LANE + RIGHT;
        for (Story.Item i : story.items()) { // room for the longest note (12px text: about 7 px a character)
            if (i instanceof Story.Note n) {
                right = Math.max(right, noteX(n) + 24 + n.text().length() * (n.kind() == Story.NoteKind.FAILOVER ? 7.4 : 7.0));
            }
        }
        this.width = Math.max(640, right);
        TreeMap<Long, Integer> rowsAt = new TreeMap<>();
        for (Story.Item i : story.items()) {
            int rows = i instanceof Story.Omitted ? 2 : 1;
            int before = rowsAt.getOrDefault(i.time(), 0);
            rowOf.put(i, before);
            rowsAt.put(i.time(), before + rows);
            long end = i instanceof Story.Message m ? m.end() : i instanceof Story.Wait w ? w.end() : -1;
            if (end >= 0) {
                rowsAt.putIfAbsent(end, 0);
            }
        }
        for (Story.Span s : story.spans()) {
            rowsAt.putIfAbsent(s.start(), 0);
            if (s.end() >= 0) {
                rowsAt.putIfAbsent(s.end(), 0);
            }
        }
        rowsAt.putIfAbsent(0L, 0);
        rowsAt.putIfAbsent(story.end(), 0);
        this.axis = TimeAxis.of(rowsAt);
    }

    TimeAxis axis() {
        return axis;
    }

    /** The page's y for a time. */
    private double y(long t) {
        return HEAD + axis.point(t);
    }

    private double rowY(Story.Item i) {
        return HEAD + axis.row(i.time(), rowOf.get(i));
    }

    private double laneX(Story.Lane lane) {
        Double v = x.get(lane);
        return v != null ? v : group.containsKey(lane.node()) ? group.get(lane.node())[2] : GUTTER + 40;
    }

    /** A note's lane, or its node's first lane for a note about the whole node. */
    private double noteX(Story.Note n) {
        if (n.thread() == null) {
            return group.containsKey(n.node()) ? group.get(n.node())[2] : GUTTER + 40;
        }
        return laneX(new Story.Lane(n.node(), n.thread()));
    }

    /** Down, frozen and semisync-status spans of a node, for lifelines and the status strip. */
    private List<Story.Span> nodeSpans(String node, Story.SpanKind kind) {
        List<Story.Span> out = new ArrayList<>();
        for (Story.Span s : story.spans()) {
            if (s.kind() == kind && s.a().get(0).equals(node)) {
                out.add(s);
            }
        }
        return out;
    }

    String render(List<RunReport.Sample> samples) {
        double bottom = HEAD + axis.length() + 24;
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"").append(TimeAxis.px(width))
                .append("\" height=\"").append(TimeAxis.px(bottom + 10)).append("\" viewBox=\"0 0 ").append(TimeAxis.px(width))
                .append(' ').append(TimeAxis.px(bottom + 10)).append("\" role=\"img\" aria-label=\"sequence diagram\">\n");
        svg.append(STYLE);
        svg.append("<defs>");
        for (String c : List.of("ev", "ack", "hs", "hb")) {
            svg.append("<marker id=\"a-").append(c).append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ")
                    .append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"head-")
                    .append(c).append("\"/></marker>");
        }
        svg.append("</defs>\n");
        spans(svg, bottom);
        breaks(svg);
        lifelines(svg, bottom);
        statusStrips(svg, samples, bottom);
        for (Story.Item i : story.items()) {
            if (i instanceof Story.Wait w) {
                waitBar(svg, w);
            }
        }
        for (Story.Item i : story.items()) {
            if (i instanceof Story.Message m) {
                message(svg, m);
            } else if (i instanceof Story.Note n) {
                note(svg, n);
            } else if (i instanceof Story.Omitted o) {
                omitted(svg, o);
            }
        }
        timeLabels(svg);
        header(svg);
        return svg.append("</svg>\n").toString();
    }

    private static final String STYLE = "<style>"
            + ".sequence text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px;fill:#24292f}"
            + ".sequence .t{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
            + ".sequence .node{font-size:15px;font-weight:600}.sequence .thr{font-size:12px;fill:#57606a}"
            + ".sequence .life{stroke:#afb8c1;stroke-width:1}"
            + ".sequence .time{fill:#57606a;font-size:11px;font-variant-numeric:tabular-nums}"
            + ".sequence .msg line,.sequence .msg path{stroke-width:1.4;fill:none}.sequence .msg:hover line,.sequence .msg:hover path{stroke-width:3}"
            + ".sequence .ev line{stroke:#0969da}.sequence .ack line{stroke:#1a7f37}.sequence .hs line{stroke:#8250df}.sequence .hb line{stroke:#8c959f}"
            + ".sequence .head-ev{fill:#0969da}.sequence .head-ack{fill:#1a7f37}.sequence .head-hs{fill:#8250df}.sequence .head-hb{fill:#8c959f}"
            + ".sequence .held line{stroke-dasharray:5 3}.sequence .lost line,.sequence .dropped line,.sequence .inflight line{stroke-dasharray:2 3}"
            + ".sequence .x{fill:#cf222e;font-size:14px;font-weight:700}"
            + ".sequence .lbl-ev{fill:#0550ae}.sequence .lbl-ack{fill:#116329}.sequence .lbl-hs{fill:#6639ba}.sequence .lbl-hb{fill:#6e7781}"
            + ".sequence .wait rect{fill:#fb8f44}.sequence .wait text{fill:#953800}"
            + ".sequence .note-COMMIT{fill:#24292f}.sequence .note-VISIBLE{fill:#1a7f37;font-weight:600}.sequence .note-OK_SEMISYNC{fill:#116329}"
            + ".sequence .note-OK_ASYNC{fill:#bc4c00}.sequence .note-APPLIED{fill:#6e7781}.sequence .note-SQL{fill:#0550ae;font-family:ui-monospace,monospace}"
            + ".sequence .note-SQL_ERROR{fill:#cf222e;font-family:ui-monospace,monospace}.sequence .note-SWITCH_OFF{fill:#cf222e;font-weight:700}"
            + ".sequence .note-SWITCH_ON{fill:#1a7f37;font-weight:700}.sequence .note-TIMEOUT{fill:#cf222e}.sequence .note-THREAD{fill:#57606a;font-style:italic}"
            + ".sequence .note-FAULT{fill:#8250df;font-weight:600}.sequence .note-CRASH{fill:#cf222e;font-weight:700}"
            + ".sequence .note-RESTART{fill:#1a7f37;font-weight:600}.sequence .note-FAILOVER{font-weight:600}"
            + ".sequence .note-PARTITION{fill:#a40e26;font-weight:700}.sequence .note-HEAL{fill:#a40e26;font-style:italic}"
            + ".sequence .failover rect{fill:#fff8c5;stroke:#d4a72c}"
            + ".sequence .partition rect{fill:#cf222e;fill-opacity:.07}.sequence .partition line{stroke:#cf222e;stroke-dasharray:6 3}"
            + ".sequence .partition text{fill:#a40e26;font-weight:600}"
            + ".sequence .down rect{fill:#8c959f;fill-opacity:.22}.sequence .down text{fill:#57606a;font-weight:600}"
            + ".sequence .frozen rect{fill:#54aeff;fill-opacity:.18}.sequence .frozen text{fill:#0550ae;font-weight:600}"
            + ".sequence .break rect{fill:#f6f8fa}.sequence .break path{stroke:#8c959f;fill:none}.sequence .break text{fill:#57606a;font-style:italic}"
            + ".sequence .omitted rect{fill:#fff1e5}.sequence .omitted text{fill:#953800;font-style:italic}"
            + ".sequence .on{fill:#2da44e}.sequence .off{fill:#cf222e}.sequence .gone{fill:#d0d7de}"
            + "</style>\n";

    private void header(StringBuilder svg) {
        svg.append("<g class=\"head\">");
        for (Map.Entry<String, double[]> g : group.entrySet()) {
            double[] b = g.getValue();
            svg.append("<rect x=\"").append(TimeAxis.px(b[0])).append("\" y=\"6\" width=\"").append(TimeAxis.px(b[1] - b[0]))
                    .append("\" height=\"24\" rx=\"5\" fill=\"#f6f8fa\" stroke=\"#d0d7de\"/>")
                    .append("<text class=\"node\" text-anchor=\"middle\" x=\"").append(TimeAxis.px((b[0] + b[1]) / 2))
                    .append("\" y=\"23\">").append(esc(g.getKey())).append("</text>");
        }
        for (Story.Lane l : lanes) {
            svg.append("<text class=\"thr\" text-anchor=\"middle\" x=\"").append(TimeAxis.px(laneX(l))).append("\" y=\"46\">")
                    .append(esc(l.title())).append("</text>");
        }
        svg.append("</g>\n");
    }

    private void lifelines(StringBuilder svg, double bottom) {
        for (Story.Lane l : lanes) {
            double lx = laneX(l);
            double from = HEAD - 8;
            for (Story.Span down : nodeSpans(l.node(), Story.SpanKind.DOWN)) {
                double y0 = y(down.start());
                svg.append(line(lx, from, lx, y0, "life"));
                from = down.end() < 0 ? Double.NaN : y(down.end());
                if (Double.isNaN(from)) {
                    break;
                }
            }
            if (!Double.isNaN(from)) {
                svg.append(line(lx, from, lx, bottom, "life"));
            }
        }
    }

    private double spanEnd(Story.Span s, double bottom) {
        return s.end() < 0 ? bottom : y(s.end());
    }

    private void spans(StringBuilder svg, double bottom) {
        for (Story.Span s : story.spans()) {
            double y0 = y(s.start()) - TimeAxis.ROW / 2;
            double y1 = spanEnd(s, bottom);
            if (s.kind() == Story.SpanKind.PARTITION) {
                Story.Note start = find(Story.NoteKind.PARTITION, s.start(), s.label());
                Story.Note heal = s.end() < 0 ? null : find(Story.NoteKind.HEAL, s.end(), null);
                y0 = start == null ? y0 : rowY(start) - TimeAxis.ROW / 2;
                y1 = heal == null ? y1 : rowY(heal);
                double left = Double.MAX_VALUE;
                double right = 0;
                for (String n : concat(s.a(), s.b())) {
                    double[] g = group.get(n);
                    if (g != null) {
                        left = Math.min(left, g[0]);
                        right = Math.max(right, g[1]);
                    }
                }
                if (left == Double.MAX_VALUE) {
                    continue;
                }
                svg.append("<g class=\"partition\"><title>").append(esc(s.label() + " from " + Labels.time(s.start())
                        + (s.end() < 0 ? " to the end of the run" : " until the heal at " + Labels.time(s.end()))))
                        .append("</title>").append(rect(left, y0, right - left, y1 - y0, null))
                        .append(line(left, y0, right, y0, null)).append(s.end() < 0 ? "" : line(left, y1, right, y1, null))
                        .append("</g>\n");
            } else {
                double[] g = group.get(s.a().get(0));
                if (g == null) {
                    continue;
                }
                String cls = s.kind() == Story.SpanKind.DOWN ? "down" : "frozen";
                double top = s.kind() == Story.SpanKind.DOWN ? y(s.start()) : y0;
                svg.append("<g class=\"").append(cls).append("\"><title>").append(esc(s.label() + " from "
                        + Labels.time(s.start()) + (s.end() < 0 ? " to the end of the run" : " to " + Labels.time(s.end()))))
                        .append("</title>").append(rect(g[0], top, g[1] - g[0], y1 - top, null))
                        .append(s.kind() == Story.SpanKind.DOWN // below the crash's row, or at the span's end
                                ? text(g[0] + 8, Math.max(top + 34, y1 - 8), "t", "down (not running)")
                                : text(g[0] + 8, top + 34, "t", s.label()))
                        .append("</g>\n");
            }
        }
    }

    /** The note of a kind at a time (and with a text, if given), or null. */
    private Story.Note find(Story.NoteKind kind, long time, String text) {
        for (Story.Item i : story.items()) {
            if (i instanceof Story.Note n && n.kind() == kind && n.time() == time && (text == null || text.equals(n.text()))) {
                return n;
            }
        }
        return null;
    }

    private void breaks(StringBuilder svg) {
        for (TimeAxis.Break b : axis.breaks()) {
            double y0 = HEAD + b.y0() + 6;
            double y1 = HEAD + b.y1() - 6;
            double mid = (y0 + y1) / 2;
            svg.append("<g class=\"break\"><title>").append(esc("nothing drawn happens for " + Labels.duration(b.to() - b.from())
                    + ", from " + Labels.time(b.from()) + " to " + Labels.time(b.to()) + ": the axis cuts it")).append("</title>")
                    .append(rect(GUTTER, y0, width - GUTTER - 10, y1 - y0, null))
                    .append("<path d=\"").append(zigzag(GUTTER, width - 10, y0 + 3)).append("\"/>")
                    .append("<path d=\"").append(zigzag(GUTTER, width - 10, y1 - 3)).append("\"/>")
                    .append(text(8, mid + 4, null, "⋮ " + b.label())).append("</g>\n");
        }
    }

    private static String zigzag(double from, double to, double yy) {
        StringBuilder d = new StringBuilder("M").append(TimeAxis.px(from)).append(',').append(TimeAxis.px(yy));
        boolean up = true;
        for (double xx = from + 6; xx <= to; xx += 6) {
            d.append(" L").append(TimeAxis.px(xx)).append(',').append(TimeAxis.px(yy + (up ? -2.5 : 2.5)));
            up = !up;
        }
        return d.toString();
    }

    /** A thin strip left of each node's lanes: its semisync status, green ON, red OFF, grey while down. */
    private void statusStrips(StringBuilder svg, List<RunReport.Sample> samples, double bottom) {
        Map<String, List<RunReport.Sample>> byNode = new TreeMap<>();
        for (RunReport.Sample s : samples) {
            if (s.name().endsWith("_status") && group.containsKey(s.node())) {
                byNode.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<String, List<RunReport.Sample>> e : byNode.entrySet()) {
            double sx = group.get(e.getKey())[0] + 3;
            List<RunReport.Sample> list = e.getValue();
            svg.append("<g class=\"status\">");
            for (int i = 0; i < list.size(); i++) {
                RunReport.Sample s = list.get(i);
                long until = i + 1 < list.size() ? list.get(i + 1).time() : -1;
                double y0 = Math.max(HEAD - 8, y(s.time()) - TimeAxis.ROW / 2);
                double y1 = until < 0 ? bottom : y(until) - TimeAxis.ROW / 2;
                String cls = s.value().equals("ON") ? "on" : s.value().equals("OFF") ? "off" : null;
                if (cls == null || y1 <= y0) {
                    continue;
                }
                svg.append("<rect class=\"").append(cls).append("\" x=\"").append(TimeAxis.px(sx)).append("\" y=\"")
                        .append(TimeAxis.px(y0)).append("\" width=\"5\" height=\"").append(TimeAxis.px(y1 - y0))
                        .append("\"><title>").append(esc(s.node() + " " + s.name() + " = " + s.value() + " from "
                                + Labels.time(s.time()))).append("</title></rect>");
            }
            for (Story.Span down : nodeSpans(e.getKey(), Story.SpanKind.DOWN)) {
                double y0 = y(down.start());
                svg.append("<rect class=\"gone\" x=\"").append(TimeAxis.px(sx)).append("\" y=\"").append(TimeAxis.px(y0))
                        .append("\" width=\"5\" height=\"").append(TimeAxis.px(spanEnd(down, bottom) - y0)).append("\"/>");
            }
            svg.append("</g>\n");
        }
    }

    private void waitBar(StringBuilder svg, Story.Wait w) {
        double lx = laneX(new Story.Lane(w.node(), Story.SESSIONS));
        double y0 = rowY(w);
        long endTime = w.end();
        if (endTime < 0) {
            for (Story.Span d : nodeSpans(w.node(), Story.SpanKind.DOWN)) {
                if (d.start() >= w.time()) {
                    endTime = d.start();
                    break;
                }
            }
        }
        double y1 = endTime < 0 ? HEAD + axis.length() + 12 : y(endTime);
        svg.append("<g class=\"wait\"><title>").append(esc(w.detail())).append("</title>")
                .append(rect(lx - 3, y0 - 4, 6, Math.max(4, y1 - y0 + 4), null))
                .append(text(lx + 8, y0 + 4, "t", w.label())).append("</g>\n");
    }

    private void message(StringBuilder svg, Story.Message m) {
        double x1 = laneX(m.from());
        double x2 = laneX(m.to());
        double y1 = rowY(m);
        String cls = switch (m.what()) {
            case "events" -> "ev";
            case "ack" -> "ack";
            case "heartbeat" -> "hb";
            default -> "hs";
        };
        String fate = switch (m.fate()) {
            case HELD -> " held";
            case DROPPED -> " dropped";
            case LOST -> " lost";
            case IN_FLIGHT -> " inflight";
            default -> "";
        };
        svg.append("<g class=\"msg ").append(cls).append(fate).append("\"><title>").append(esc(m.detail())).append("</title>");
        double dir = Math.signum(x2 - x1);
        switch (m.fate()) {
            case DELIVERED, HELD -> svg.append(arrow(x1 + dir * 3, y1, x2 - dir * 3, Math.max(y1 + 2, y(m.end())), cls));
            case DROPPED -> {
                double xe = x1 + (x2 - x1) * 0.4;
                double ye = y1 + 8;
                svg.append(line(x1 + dir * 3, y1, xe, ye, null)).append(cross(xe, ye));
            }
            case LOST -> { // the cross where the packet was when its connection went (a held one: part way)
                double progress = m.progressWhenLost();
                double xe = x1 + (x2 - x1) * (progress < 0 ? 0.6 : Math.max(0.15, Math.min(0.9, progress)));
                double ye = Math.max(y1 + 8, y(m.end()));
                svg.append(line(x1 + dir * 3, y1, xe, ye, null)).append(cross(xe, ye));
            }
            case IN_FLIGHT -> {
                double xe = x1 + (x2 - x1) * 0.6;
                double ye = HEAD + axis.length() + 12;
                svg.append(line(x1 + dir * 3, y1, xe, ye, null))
                        .append(text(xe + 4, ye, "t lbl-" + cls, "still held"));
            }
            default -> {
            }
        }
        String label = m.label() + (m.fate() == Story.Fate.HELD ? " (held " + Labels.duration(m.end() - m.time()) + ")"
                : m.fate() == Story.Fate.DROPPED ? " (dropped)" : m.fate() == Story.Fate.LOST ? " (lost)" : "");
        if (dir >= 0) {
            svg.append(text(x1 + 8, y1 - 3, "t lbl-" + cls, label));
        } else {
            svg.append("<text class=\"t lbl-").append(cls).append("\" text-anchor=\"end\" x=\"").append(TimeAxis.px(x1 - 8))
                    .append("\" y=\"").append(TimeAxis.px(y1 - 3)).append("\">").append(esc(label)).append("</text>");
        }
        svg.append("</g>\n");
    }

    private static String cross(double cx, double cy) {
        return "<text class=\"x\" text-anchor=\"middle\" x=\"" + TimeAxis.px(cx) + "\" y=\"" + TimeAxis.px(cy + 5) + "\">✖</text>";
    }

    private static String arrow(double x1, double y1, double x2, double y2, String cls) {
        return "<line x1=\"" + TimeAxis.px(x1) + "\" y1=\"" + TimeAxis.px(y1) + "\" x2=\"" + TimeAxis.px(x2) + "\" y2=\""
                + TimeAxis.px(y2) + "\" marker-end=\"url(#a-" + cls + ")\"/>";
    }

    private void note(StringBuilder svg, Story.Note n) {
        double lx = noteX(n);
        double yy = rowY(n);
        String cls = "note-" + n.kind().name();
        switch (n.kind()) {
            case CRASH -> {
                svg.append("<g class=\"crash\"><title>").append(esc(n.detail())).append("</title>");
                for (Story.Lane l : lanes) {
                    if (l.node().equals(n.node())) {
                        svg.append(cross(laneX(l), yy - 1));
                    }
                }
                svg.append(text(lx + 12, yy + 4, "t " + cls, n.text().replaceFirst("^✖ ", ""))).append("</g>\n");
            }
            case RESTART -> {
                svg.append("<g class=\"restart\"><title>").append(esc(n.detail())).append("</title>");
                double[] g = group.get(n.node());
                svg.append(line(g[0] + 10, yy, g[1] - 10, yy, null).replace("<line", "<line stroke=\"#1a7f37\" stroke-width=\"2\""))
                        .append(text(lx + 8, yy - 3, "t " + cls, "⟳ " + n.text())).append("</g>\n");
            }
            case PARTITION, HEAL -> svg.append("<g class=\"").append(n.kind() == Story.NoteKind.PARTITION ? "cut" : "heal")
                    .append("\"><title>").append(esc(n.detail())).append("</title>")
                    .append(text(lx + 8, yy + 4, "t " + cls, n.text())).append("</g>\n");
            case FAILOVER -> {
                double w = 16 + n.text().length() * 6.8;
                svg.append("<g class=\"failover\"><title>").append(esc(n.detail())).append("</title>")
                        .append(rect(lx - 10, yy - 9, w, 18, null).replace("<rect", "<rect rx=\"4\""))
                        .append(text(lx - 3, yy + 4, cls, n.text())).append("</g>\n");
            }
            default -> {
                String mark = switch (n.kind()) {
                    case VISIBLE -> "<path class=\"visible-mark\" d=\"M" + TimeAxis.px(lx) + "," + TimeAxis.px(yy - 5) + " l5,5 l-5,5 l-5,-5 z\" fill=\"#1a7f37\"/>";
                    case COMMIT -> circle(lx, yy, 3, "#24292f");
                    case OK_SEMISYNC -> circle(lx, yy, 3.5, "#1a7f37");
                    case OK_ASYNC -> circle(lx, yy, 3.5, "#bc4c00");
                    case APPLIED -> circle(lx, yy, 2.5, "#8c959f");
                    case SWITCH_OFF, TIMEOUT -> circle(lx, yy, 4, "#cf222e");
                    case SWITCH_ON -> circle(lx, yy, 4, "#1a7f37");
                    default -> circle(lx, yy, 2.5, "#57606a");
                };
                String prefix = switch (n.kind()) {
                                        case SQL, SQL_ERROR -> "mysql> ";
                    case OK_SEMISYNC, OK_ASYNC -> "✔ ";
                    default -> "";
                };
                String g = n.kind() == Story.NoteKind.VISIBLE ? "visible" : n.kind() == Story.NoteKind.SWITCH_OFF
                        || n.kind() == Story.NoteKind.SWITCH_ON ? "switch" : "note";
                svg.append("<g class=\"").append(g).append("\"><title>").append(esc(n.detail())).append("</title>").append(mark)
                        .append(text(lx + 8, yy + 4, "t " + cls, prefix + n.text())).append("</g>\n");
            }
        }
    }

    private void omitted(StringBuilder svg, Story.Omitted o) {
        double yy = HEAD + axis.row(o.time(), rowOf.get(o)) - TimeAxis.ROW / 2;
        svg.append("<g class=\"omitted\"><title>").append(esc("A long run is summarised: " + o.text()
                + ". The full trace is in trace.jsonl.")).append("</title>")
                .append(rect(GUTTER, yy + 2, width - GUTTER - 10, TimeAxis.ROW * 2 - 4, null))
                .append(text(GUTTER + 8, yy + TimeAxis.ROW + 4, null, "⋯ " + o.text() + " ⋯")).append("</g>\n");
    }

    private void timeLabels(StringBuilder svg) {
        double lastY = -100;
        svg.append("<g class=\"times\">");
        for (TimeAxis.Instant i : axis.instants()) {
            if (i.rows() == 0) {
                continue;
            }
            double yy = HEAD + i.top() + TimeAxis.ROW / 2 + 4;
            if (yy - lastY < 12) {
                continue;
            }
            lastY = yy;
            svg.append("<text class=\"time\" text-anchor=\"end\" x=\"").append(TimeAxis.px(GUTTER - 6)).append("\" y=\"")
                    .append(TimeAxis.px(yy)).append("\">").append(esc(Labels.time(i.time()))).append("</text>");
        }
        svg.append("</g>\n");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String circle(double cx, double cy, double r, String fill) {
        return "<circle cx=\"" + TimeAxis.px(cx) + "\" cy=\"" + TimeAxis.px(cy) + "\" r=\"" + TimeAxis.px(r) + "\" fill=\""
                + fill + "\"/>";
    }

    static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line" + (cls == null ? "" : " class=\"" + cls + "\"") + " x1=\"" + TimeAxis.px(x1) + "\" y1=\"" + TimeAxis.px(y1)
                + "\" x2=\"" + TimeAxis.px(x2) + "\" y2=\"" + TimeAxis.px(y2) + "\"/>";
    }

    static String rect(double rx, double ry, double w, double h, String cls) {
        return "<rect" + (cls == null ? "" : " class=\"" + cls + "\"") + " x=\"" + TimeAxis.px(rx) + "\" y=\"" + TimeAxis.px(ry)
                + "\" width=\"" + TimeAxis.px(Math.max(0, w)) + "\" height=\"" + TimeAxis.px(Math.max(0, h)) + "\"/>";
    }

    static String text(double tx, double ty, String cls, String content) {
        return "<text" + (cls == null ? "" : " class=\"" + cls + "\"") + " x=\"" + TimeAxis.px(tx) + "\" y=\"" + TimeAxis.px(ty)
                + "\">" + esc(content) + "</text>";
    }

    static String esc(String s) {
        return JUnitXml.esc(s);
    }
}
