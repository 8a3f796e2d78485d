package io.semisyncsim.reports;

import java.util.Locale;
import java.util.Map;

/**
 * Commit latency: each commit at the time its client got OK (on the shared compressed axis) against
 * its latency on a log scale with a tick per decade, lines at p50, p95 and p99, coloured by how it
 * was acknowledged; then a histogram over log-spaced bins, stacked the same way; then the figures.
 */
final class LatencyChart {
    static final double WIDTH = 1100;
    static final double LEFT = 70;
    static final String[] COLOURS = {"#1a7f37", "#bc4c00", "#8250df"};
    static final String[] NAMES = {"acknowledged by a replica (semisync)", "asynchronous", "acknowledgement unknown"};

    private LatencyChart() {
    }

    static String render(LatencyStats stats, TimeAxis axis) {
        if (stats.count() == 0) {
            return "<p>No commits in this run.</p>\n";
        }
        int lo = (int) Math.floor(Math.log10(Math.max(1, stats.min())));
        int hi = (int) Math.ceil(Math.log10(Math.max(10, stats.max()) + 1));
        while (hi - lo < 2) { // two decades at least, around the values
            if (lo > 0 && (hi - lo) % 2 == 1) {
                lo--;
            } else {
                hi++;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(scatter(stats, axis, lo, hi)).append(histogram(stats, lo, hi)).append(table(stats));
        return out.toString();
    }

    private static double logY(long latency, int lo, int hi, double top, double height) {
        double v = Math.log10(Math.max(1, latency));
        return top + height - (v - lo) / (hi - lo) * height;
    }

    private static String scatter(LatencyStats stats, TimeAxis axis, int lo, int hi) {
        double top = 16;
        double height = 240;
        double bottom = top + height;
        HAxis h = new HAxis(axis, LEFT, WIDTH - LEFT - 120);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"latency\" width=\"").append(TimeAxis.px(WIDTH))
                .append("\" height=\"").append(TimeAxis.px(bottom + 58)).append("\" role=\"img\" aria-label=\"commit latency\">\n")
                .append(STYLE);
        for (int d = lo; d <= hi; d++) {
            double y = logY(pow10(d), lo, hi, top, height);
            svg.append(SequenceSvg.line(LEFT, y, h.right(), y, "grid"))
                    .append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(TimeAxis.px(LEFT - 6)).append("\" y=\"")
                    .append(TimeAxis.px(y + 4)).append("\">").append(SequenceSvg.esc(Labels.duration(pow10(d)))).append("</text>");
        }
        svg.append(h.breaks(top, bottom));
        svg.append(SequenceSvg.line(LEFT, top, LEFT, bottom, "axis")).append(SequenceSvg.line(LEFT, bottom, h.right(), bottom, "axis"));
        boolean titles = stats.points().size() <= 600;
        for (LatencyStats.Point p : stats.points()) {
            svg.append("<circle cx=\"").append(TimeAxis.px(h.x(p.time()))).append("\" cy=\"")
                    .append(TimeAxis.px(logY(p.latency(), lo, hi, top, height))).append("\" r=\"2.6\" class=\"c")
                    .append(p.ack().ordinal()).append('"');
            if (titles) {
                svg.append("><title>").append(SequenceSvg.esc("OK at " + Labels.time(p.time()) + " after "
                        + Labels.duration(p.latency()) + ", " + NAMES[p.ack().ordinal()])).append("</title></circle>");
            } else {
                svg.append("/>");
            }
        }
        String[] names = {"p50", "p95", "p99"};
        double[] ps = {50, 95, 99};
        double lastY = 1e9;
        for (int i = 0; i < 3; i++) {
            long v = stats.percentile(ps[i]);
            double y = logY(v, lo, hi, top, height);
            double labelY = Math.min(y + 4, lastY - 12);
            lastY = labelY;
            svg.append(SequenceSvg.line(LEFT, y, h.right(), y, "pct p" + i)).append("<text class=\"pct-t\" x=\"")
                    .append(TimeAxis.px(h.right() + 6)).append("\" y=\"").append(TimeAxis.px(labelY)).append("\">")
                    .append(names[i]).append(' ').append(SequenceSvg.esc(Labels.duration(v))).append("</text>");
        }
        svg.append(h.ticks(bottom, 90));
        double lx = LEFT;
        for (LatencyStats.Ack a : LatencyStats.Ack.values()) {
            if (stats.count(a) == 0) {
                continue;
            }
            String label = NAMES[a.ordinal()] + ": " + String.format(Locale.ROOT, "%,d", stats.count(a));
            svg.append("<circle cx=\"").append(TimeAxis.px(lx + 5)).append("\" cy=\"").append(TimeAxis.px(bottom + 40))
                    .append("\" r=\"4\" class=\"c").append(a.ordinal()).append("\"/>")
                    .append(SequenceSvg.text(lx + 13, bottom + 44, null, label));
            lx += 26 + label.length() * 6.2;
        }
        svg.append("</svg>\n");
        if (stats.stride() > 1) {
            svg.append("<p class=\"note\">The chart draws one commit in ").append(stats.stride()).append(" (")
                    .append(String.format(Locale.ROOT, "%,d", stats.points().size())).append(" of ")
                    .append(String.format(Locale.ROOT, "%,d", stats.count()))
                    .append("); the percentiles, the histogram and the figures count every commit.</p>\n");
        }
        return svg.toString();
    }

    private static String histogram(LatencyStats stats, int lo, int hi) {
        int perDecade = 4;
        int bins = (hi - lo) * perDecade;
        long[][] counts = new long[bins][3];
        for (Map.Entry<Long, long[]> e : stats.counts().entrySet()) {
            double v = Math.log10(Math.max(1, e.getKey()));
            int bin = Math.min(bins - 1, Math.max(0, (int) Math.floor((v - lo) * perDecade)));
            for (int k = 0; k < 3; k++) {
                counts[bin][k] += e.getValue()[k];
            }
        }
        long max = 1;
        for (long[] c : counts) {
            max = Math.max(max, c[0] + c[1] + c[2]);
        }
        double top = 20;
        double height = 150;
        double bottom = top + height;
        double w = (WIDTH - LEFT - 120) / bins;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"latency histogram\" width=\"").append(TimeAxis.px(WIDTH))
                .append("\" height=\"").append(TimeAxis.px(bottom + 40)).append("\" role=\"img\" aria-label=\"latency histogram\">\n")
                .append(STYLE);
        svg.append(SequenceSvg.line(LEFT, bottom, LEFT + bins * w, bottom, "axis"));
        for (int b = 0; b < bins; b++) {
            double x0 = LEFT + b * w;
            double y = bottom;
            long total = counts[b][0] + counts[b][1] + counts[b][2];
            for (int k = 0; k < 3; k++) {
                if (counts[b][k] == 0) {
                    continue;
                }
                double hgt = Math.max(1, counts[b][k] * height / (double) max);
                y -= hgt;
                svg.append("<rect class=\"c").append(k).append("\" x=\"").append(TimeAxis.px(x0 + 1)).append("\" y=\"")
                        .append(TimeAxis.px(y)).append("\" width=\"").append(TimeAxis.px(w - 2)).append("\" height=\"")
                        .append(TimeAxis.px(hgt)).append("\"><title>").append(SequenceSvg.esc(String.format(Locale.ROOT, "%,d", counts[b][k])
                                + " commits " + NAMES[k] + " between " + Labels.duration(Math.round(Math.pow(10, lo + b / (double) perDecade)))
                                + " and " + Labels.duration(Math.round(Math.pow(10, lo + (b + 1) / (double) perDecade)))))
                        .append("</title></rect>");
            }
            if (total > 0) {
                svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(TimeAxis.px(x0 + w / 2)).append("\" y=\"")
                        .append(TimeAxis.px(y - 3)).append("\">").append(String.format(Locale.ROOT, "%,d", total)).append("</text>");
            }
        }
        for (int d = lo; d <= hi; d++) {
            double xx = LEFT + (d - lo) * perDecade * w;
            svg.append(SequenceSvg.line(xx, bottom, xx, bottom + 4, "axis")).append("<text class=\"tick\" text-anchor=\"middle\" x=\"")
                    .append(TimeAxis.px(xx)).append("\" y=\"").append(TimeAxis.px(bottom + 16)).append("\">")
                    .append(SequenceSvg.esc(Labels.duration(pow10(d)))).append("</text>");
        }
        svg.append("<text class=\"tick\" x=\"").append(TimeAxis.px(LEFT)).append("\" y=\"").append(TimeAxis.px(bottom + 32))
                .append("\">commits per latency bin (four bins per decade, log scale)</text>");
        return svg.append("</svg>\n").toString();
    }

    private static String table(LatencyStats stats) {
        return "<table><tr><th>commits</th><th>semisync</th><th>asynchronous</th><th>unknown</th><th>p50</th><th>p95</th>"
                + "<th>p99</th><th>max</th></tr><tr><td>" + String.format(Locale.ROOT, "%,d", stats.count()) + "</td><td>"
                + stats.count(LatencyStats.Ack.SEMISYNC) + "</td><td>" + stats.count(LatencyStats.Ack.ASYNC) + "</td><td>"
                + stats.count(LatencyStats.Ack.UNKNOWN) + "</td><td>" + Labels.duration(stats.percentile(50)) + "</td><td>"
                + Labels.duration(stats.percentile(95)) + "</td><td>" + Labels.duration(stats.percentile(99)) + "</td><td>"
                + Labels.duration(stats.max()) + "</td></tr></table>\n";
    }

    private static long pow10(int d) {
        long v = 1;
        for (int i = 0; i < d; i++) {
            v *= 10;
        }
        return v;
    }

    private static final String STYLE = "<style>.latency text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "font-size:11px;fill:#24292f}.latency .tick{fill:#57606a;font-size:10px}.latency .grid{stroke:#eaeef2}"
            + ".latency .axis{stroke:#8c959f}.latency .c0{fill:#1a7f37}.latency .c1{fill:#bc4c00}.latency .c2{fill:#8250df}"
            + ".latency circle{fill-opacity:.8}.latency .pct{stroke-dasharray:6 4}.latency .p0{stroke:#57606a}"
            + ".latency .p1{stroke:#9a6700}.latency .p2{stroke:#cf222e}.latency .pct-t{font-weight:600}"
            + ".latency .break rect{fill:#fff}.latency .break path{stroke:#8c959f;fill:none}"
            + ".latency .break text{fill:#57606a;font-size:10px}.latency .ticks text{fill:#57606a;font-size:10px}</style>\n";
}
