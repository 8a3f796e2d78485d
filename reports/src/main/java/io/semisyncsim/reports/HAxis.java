package io.semisyncsim.reports;

import java.util.List;

/**
 * The sequence diagram's {@link TimeAxis} laid left to right for the timelines and the latency chart:
 * the same compression and the same cuts, scaled to a width, with the cuts marked and times ticked.
 */
final class HAxis {
    private final TimeAxis axis;
    private final double x0;
    private final double scale;

    HAxis(TimeAxis axis, double x0, double width) {
        this.axis = axis;
        this.x0 = x0;
        this.scale = axis.length() <= 0 ? 1 : width / axis.length();
    }

    double x(long t) {
        return x0 + axis.at(t) * scale;
    }

    double right() {
        return x0 + axis.length() * scale;
    }

    /** The x ranges of the cut stretches. */
    List<double[]> cuts() {
        List<double[]> out = new java.util.ArrayList<>();
        for (TimeAxis.Break b : axis.breaks()) {
            out.add(new double[] {x0 + b.y0() * scale, x0 + b.y1() * scale});
        }
        return out;
    }

    /** The widest part of {@code [a, b]} outside the cuts, as {@code {from, to}}: where a label can go. */
    double[] clear(double a, double b) {
        double[] best = {a, a};
        double from = a;
        for (double[] c : cuts()) {
            if (c[1] <= from || c[0] >= b) {
                continue;
            }
            if (c[0] - from > best[1] - best[0]) {
                best = new double[] {from, c[0]};
            }
            from = Math.max(from, c[1]);
        }
        if (b - from > best[1] - best[0]) {
            best = new double[] {from, b};
        }
        return best;
    }

    /** Zigzags where the axis cuts a quiet stretch, over {@code y0..y1}, labelled with its length above. */
    String breaks(double y0, double y1) {
        StringBuilder out = new StringBuilder();
        for (TimeAxis.Break b : axis.breaks()) {
            double a = x0 + b.y0() * scale;
            double c = x0 + b.y1() * scale;
            double mid = (a + c) / 2;
            out.append("<g class=\"break\"><title>").append(SequenceSvg.esc("the axis cuts " + Labels.duration(b.to() - b.from())
                    + " of quiet, from " + Labels.time(b.from()) + " to " + Labels.time(b.to()))).append("</title>")
                    .append(SequenceSvg.rect(a, y0, Math.max(2, c - a), y1 - y0, null))
                    .append("<path d=\"").append(zig(Math.max(a, mid - 3), y0, y1)).append("\"/>")
                    .append("<path d=\"").append(zig(Math.min(c, mid + 3), y0, y1)).append("\"/>")
                    .append("<text text-anchor=\"middle\" x=\"").append(TimeAxis.px(mid)).append("\" y=\"")
                    .append(TimeAxis.px(y0 - 3)).append("\">").append(SequenceSvg.esc("⋯" + Labels.duration(b.to() - b.from())))
                    .append("</text></g>\n");
        }
        return out.toString();
    }

    private static String zig(double xx, double y0, double y1) {
        StringBuilder d = new StringBuilder("M").append(TimeAxis.px(xx)).append(',').append(TimeAxis.px(y0));
        boolean left = true;
        for (double yy = y0 + 5; yy <= y1; yy += 5) {
            d.append(" L").append(TimeAxis.px(xx + (left ? -2.5 : 2.5))).append(',').append(TimeAxis.px(yy));
            left = !left;
        }
        return d.toString();
    }

    /** Time ticks along {@code y}: at the instants, at least {@code spacing} apart, the first and last always. */
    String ticks(double y, double spacing) {
        StringBuilder out = new StringBuilder("<g class=\"ticks\">");
        List<TimeAxis.Instant> instants = axis.instants();
        double last = -1e9;
        double end = x(axis.last());
        for (int i = 0; i < instants.size(); i++) {
            TimeAxis.Instant in = instants.get(i);
            double xx = x0 + in.top() * scale;
            boolean edge = i == 0 || i == instants.size() - 1;
            if (!edge && (xx - last < spacing || end - xx < spacing)) {
                continue;
            }
            if (i == instants.size() - 1 && xx - last < spacing * 0.6 && i > 0) {
                continue;
            }
            last = xx;
            out.append(SequenceSvg.line(xx, y, xx, y + 4, null).replace("<line", "<line stroke=\"#8c959f\""))
                    .append("<text text-anchor=\"middle\" x=\"").append(TimeAxis.px(xx)).append("\" y=\"")
                    .append(TimeAxis.px(y + 15)).append("\">").append(SequenceSvg.esc(Labels.time(in.time()))).append("</text>");
        }
        return out.append("</g>\n").toString();
    }
}
