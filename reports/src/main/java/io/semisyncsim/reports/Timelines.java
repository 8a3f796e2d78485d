package io.semisyncsim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The semisync status variables of every node over time, one row each, on the sequence diagram's
 * compressed axis laid left to right: ON and OFF as green and red bands, numbers as bands with their
 * value; a crashed node's rows shaded grey ("down", never ON), a frozen node's blue; cut stretches
 * marked with their length.
 */
final class Timelines {
    static final double WIDTH = 1100;
    static final double LABEL = 250;
    static final double ROW = 22;
    /** Changes closer than this (px) are drawn as one band. */
    static final double MERGE = 3;

    private Timelines() {
    }

    static String render(List<RunReport.Sample> samples, Story story, TimeAxis axis) {
        Map<String, List<RunReport.Sample>> series = series(samples, story.nodes());
        if (series.isEmpty()) {
            return "<p>No semisync status variables in this run.</p>\n";
        }
        HAxis h = new HAxis(axis, LABEL, WIDTH - LABEL - 20);
        double top = 26;
        double height = top + series.size() * ROW + 34;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timelines\" width=\"").append(TimeAxis.px(WIDTH))
                .append("\" height=\"").append(TimeAxis.px(height)).append("\" role=\"img\" aria-label=\"status timelines\">\n")
                .append(STYLE);
        int row = 0;
        String previousNode = null;
        for (Map.Entry<String, List<RunReport.Sample>> e : series.entrySet()) {
            List<RunReport.Sample> list = e.getValue();
            String node = list.get(0).node();
            double y = top + row * ROW;
            if (previousNode != null && !previousNode.equals(node)) {
                svg.append(SequenceSvg.line(8, y - 1, WIDTH - 10, y - 1, "sep"));
            }
            previousNode = node;
            svg.append("<text class=\"name\" x=\"8\" y=\"").append(TimeAxis.px(y + 15)).append("\">")
                    .append(SequenceSvg.esc(node + " " + shortName(list.get(0).name()))).append("<title>")
                    .append(SequenceSvg.esc(node + " " + list.get(0).name())).append("</title></text>");
            int shade = 0;
            for (int i = 0; i < list.size(); ) {
                RunReport.Sample s = list.get(i);
                double x0 = h.x(s.time());
                // changes closer than MERGE px are one "busy" band, so a long run stays a few KB per row
                int j = i;
                while (j + 1 < list.size() && h.x(list.get(j + 1).time()) - x0 < MERGE) {
                    j++;
                }
                long until = j + 1 < list.size() ? list.get(j + 1).time() : story.end();
                double x1 = j + 1 < list.size() ? h.x(until) : h.right();
                String to = j + 1 < list.size() ? " to " + Labels.time(until) : " to the end";
                if (j > i) {
                    svg.append("<g class=\"seg\"><title>").append(SequenceSvg.esc(node + " " + s.name() + ": " + (j - i + 1)
                            + " values from " + Labels.time(s.time()) + to + ", ending " + list.get(j).value()))
                            .append("</title>").append(SequenceSvg.rect(x0, y + 3, Math.max(1.5, x1 - x0), ROW - 6, "many"))
                            .append("</g>\n");
                    i = j + 1;
                    continue;
                }
                String cls = s.value().equals("ON") ? "on" : s.value().equals("OFF") ? "off" : "num" + (shade++ % 2);
                svg.append("<g class=\"seg\"><title>").append(SequenceSvg.esc(node + " " + s.name() + " = " + s.value()
                        + " from " + Labels.time(s.time()) + to))
                        .append("</title>").append(SequenceSvg.rect(x0, y + 3, Math.max(1.5, x1 - x0), ROW - 6, cls));
                double[] room = h.clear(x0, x1);
                if (room[1] - room[0] >= 7 * s.value().length() + 6) {
                    svg.append("<text class=\"v ").append(cls).append("-t\" text-anchor=\"middle\" x=\"")
                            .append(TimeAxis.px((room[0] + room[1]) / 2)).append("\" y=\"").append(TimeAxis.px(y + 15)).append("\">")
                            .append(SequenceSvg.esc(s.value())).append("</text>");
                }
                svg.append("</g>\n");
                i++;
            }
            row++;
        }
        // a crashed or frozen node's rows: its variables cannot be read, and it is certainly not ON
        row = 0;
        Map<String, double[]> rowsOf = new LinkedHashMap<>();
        for (List<RunReport.Sample> list : series.values()) {
            String node = list.get(0).node();
            double y = top + row * ROW;
            rowsOf.computeIfAbsent(node, k -> new double[] {y, y}) [1] = y + ROW;
            row++;
        }
        for (Story.Span s : story.spans()) {
            if (s.kind() == Story.SpanKind.PARTITION || !rowsOf.containsKey(s.a().get(0))) {
                continue;
            }
            double[] r = rowsOf.get(s.a().get(0));
            double x0 = h.x(s.start());
            double x1 = s.end() < 0 ? h.right() : h.x(s.end());
            boolean down = s.kind() == Story.SpanKind.DOWN;
            svg.append("<g class=\"").append(down ? "down" : "frozen").append("\"><title>").append(SequenceSvg.esc(s.label()
                    + " from " + Labels.time(s.start()) + (s.end() < 0 ? " to the end" : " to " + Labels.time(s.end()))))
                    .append("</title>").append(SequenceSvg.rect(x0, r[0] + 1, Math.max(2, x1 - x0), r[1] - r[0] - 2, null));
            if (x1 - x0 > 40) {
                svg.append("<text text-anchor=\"middle\" x=\"").append(TimeAxis.px((x0 + x1) / 2)).append("\" y=\"")
                        .append(TimeAxis.px((r[0] + r[1]) / 2 + 4)).append("\">").append(down ? "down" : "frozen").append("</text>");
            }
            svg.append("</g>\n");
        }
        double axisY = top + series.size() * ROW + 4;
        svg.append(h.breaks(top - 2, axisY - 2));
        svg.append(SequenceSvg.line(LABEL, axisY, h.right(), axisY, "axis")).append(h.ticks(axisY, 90));
        return svg.append("</svg>\n").toString();
    }

    private static final String STYLE = "<style>.timelines text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "font-size:11px;fill:#24292f}.timelines .name{font-size:12px}"
            + ".timelines .on{fill:#2da44e}.timelines .off{fill:#cf222e}.timelines .num0{fill:#ddf4ff}.timelines .num1{fill:#b6e3ff}.timelines .many{fill:#8c959f}"
            + ".timelines .on-t,.timelines .off-t{fill:#fff;font-weight:700}.timelines .v{font-variant-numeric:tabular-nums}"
            + ".timelines .down rect{fill:#d0d7de;fill-opacity:1}.timelines .down text{fill:#424a53;font-weight:700}"
            + ".timelines .frozen rect{fill:#54aeff;fill-opacity:.45}.timelines .frozen text{fill:#0a3069;font-weight:700}"
            + ".timelines .break rect{fill:#fff}.timelines .break path{stroke:#8c959f;fill:none}"
            + ".timelines .break text{fill:#57606a;font-size:10px}.timelines .sep{stroke:#d0d7de}.timelines .axis{stroke:#8c959f}"
            + ".timelines .ticks text{fill:#57606a;font-size:10px}</style>\n";

    /** {@code Rpl_semi_sync_master_status} as {@code master_status}: the row label stays short. */
    static String shortName(String name) {
        return name.replaceFirst("^Rpl_semi_sync_", "");
    }

    /** One series per (node, variable), nodes in the story's order, variables in a fixed order. */
    private static Map<String, List<RunReport.Sample>> series(List<RunReport.Sample> samples, List<String> nodes) {
        Map<String, List<RunReport.Sample>> out = new TreeMap<>();
        for (RunReport.Sample s : samples) {
            int node = nodes.indexOf(s.node());
            String key = String.format(java.util.Locale.ROOT, "%04d %d %s", node < 0 ? 9999 : node, rank(s.name()), s.name()) + " " + s.node();
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    private static int rank(String name) {
        if (name.endsWith("_status")) {
            return 0;
        }
        if (name.endsWith("_clients")) {
            return 1;
        }
        if (name.endsWith("_wait_sessions")) {
            return 2;
        }
        return name.endsWith("_yes_tx") ? 3 : 4;
    }
}
