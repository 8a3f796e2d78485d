package io.semisyncsim.sweep;

import io.semisyncsim.reports.HtmlReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * summary.html: one self-contained page (no script, no fetch) that compares a sweep's combinations of
 * settings. Each chart has a lane per combination and a dot per seed, so the spread across seeds is seen
 * at a glance: commit latency percentiles on a log axis, time semisync was OFF, acknowledged commits lost
 * at failover. Tables below give the medians and every run; failing runs link to their reports.
 */
final class SummaryHtml {
    private static final int WIDTH = 960;
    private static final int LABEL = 300;
    private static final int LANE = 26;
    private static final String[] PERCENTILE_COLOURS = {"#2b6cb0", "#dd6b20", "#805ad5", "#718096"};
    private static final String[] PERCENTILE_NAMES = {"p50", "p95", "p99", "max"};

    private SummaryHtml() {
    }

    /** One lane: a combination (and flavour, when there are several) and its runs. */
    private record Group(String label, List<RunRow> runs) {
    }

    static String render(SweepHeader h, List<RunRow> rows) {
        List<Group> groups = groups(h, rows);
        StringBuilder out = new StringBuilder();
        long failed = rows.stream().filter(r -> !r.passed()).count();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Sweep: ")
                .append(esc(h.name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#1a202c;max-width:1100px}\n")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}.note{color:#4a5568;font-size:13px}\n")
                .append("table{border-collapse:collapse;font-size:12px;margin-top:8px}\n")
                .append("th,td{border:1px solid #cbd5e0;padding:3px 7px;text-align:right;white-space:nowrap}th{background:#edf2f7}\n")
                .append("td.l,th.l{text-align:left}.fail{color:#c53030;font-weight:600}.pass{color:#2f855a}\n")
                .append("svg text{font-size:11px;fill:#2d3748}\n</style>\n</head>\n<body>\n");
        out.append("<h1>Sweep of ").append(esc(h.name())).append("</h1>\n<p class=\"note\">")
                .append(h.runs()).append(" runs: ").append(h.combinations()).append(" combination")
                .append(h.combinations() == 1 ? "" : "s").append(" of settings &times; ").append(h.flavors().size())
                .append(" flavour").append(h.flavors().size() == 1 ? "" : "s").append(" (")
                .append(esc(String.join(", ", h.flavors()))).append(") &times; ").append(h.seeds().size())
                .append(" seed").append(h.seeds().size() == 1 ? "" : "s").append(". ");
        if (rows.size() != h.runs()) {
            out.append("This page shows ").append(rows.size()).append(" of them (one shard). ");
        }
        out.append(rows.isEmpty() ? "<span class=\"note\">This shard has no run (more shards than runs).</span>"
                : failed == 0 ? "<span class=\"pass\">Every run passed.</span>"
                : "<span class=\"fail\">" + failed + " run" + (failed == 1 ? "" : "s") + " failed.</span>")
                .append(" Scenario SHA-256 ").append(esc(h.digest().substring(0, Math.min(16, h.digest().length()))))
                .append("&hellip;</p>\n<p class=\"note\">Settings: ");
        for (int i = 0; i < h.settings().size(); i++) {
            Setting s = h.settings().get(i);
            out.append(i == 0 ? "" : "; ").append("<code>").append(esc(s.path())).append("</code> = ")
                    .append(esc(String.join(", ", s.values().stream().map(v -> SettingUnits.shown(s.path(), v)).toList())));
        }
        if (h.settings().isEmpty()) {
            out.append("none (the scenario as written)");
        }
        out.append("</p>\n");
        out.append("<h2>Commit latency, each seed a dot (log scale)</h2>\n");
        out.append(legend());
        out.append(latencyChart(groups));
        out.append("<h2>Time semisync was OFF</h2>\n<p class=\"note\">From each switch OFF to the next switch ON"
                + " (or a crash, or the end of the run), virtual time, summed over the nodes.</p>\n");
        out.append(linearChart(groups, r -> r.offMicros() / 1e6, "s", "#c05621"));
        out.append("<h2>Commits clients were told were committed, lost at failover</h2>\n");
        if (rows.stream().allMatch(r -> r.lostAcknowledged().isEmpty())) {
            out.append("<p class=\"note\">No run had a failover.</p>\n");
        } else {
            out.append("<p class=\"note\">lost.acknowledged: rows a client got OK for that the promoted replica lacks;"
                    + " a hollow dot is a run without a failover.</p>\n");
            out.append(linearChart(groups, r -> r.lostAcknowledged().isEmpty() ? Double.NaN
                    : Double.parseDouble(r.lostAcknowledged()), "", "#c53030"));
        }
        out.append("<h2>By combination: the median across seeds, and the range where the seeds differ</h2>\n");
        out.append(medians(groups));
        out.append("<h2>Every run</h2>\n");
        out.append(runs(h, rows));
        return out.append("</body>\n</html>\n").toString();
    }

    /** A lane per combination (and flavour, when there are several), in run order. */
    private static List<Group> groups(SweepHeader h, List<RunRow> rows) {
        // Keyed by the values as given: two values shown alike (100 and 0100, both 100ms) stay two lanes.
        Map<List<String>, List<RunRow>> by = new LinkedHashMap<>();
        for (RunRow r : rows) {
            List<String> key = new ArrayList<>(r.values());
            key.add(r.flavor());
            by.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Group(laneName(h, v.get(0)), v)));
        return out;
    }

    /** {@code timeout=100ms  wait_for_replica_count=2}: each setting short, its value with its unit. */
    static String laneName(SweepHeader h, RunRow r) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < h.settings().size(); i++) {
            String path = h.settings().get(i).path();
            parts.add(shortPath(path) + "=" + SettingUnits.shown(path, r.values().get(i)));
        }
        if (h.flavors().size() > 1 || parts.isEmpty()) {
            parts.add(r.flavor());
        }
        return String.join("  ", parts);
    }

    /** {@code timeout} for {@code config.source.rpl_semi_sync_source_timeout}: short enough for a lane's label. */
    static String shortPath(String path) {
        String[] parts = path.split("\\.");
        String last = parts.length > 1 && !parts[parts.length - 1].matches("\\d+") ? parts[parts.length - 1] : path;
        return last.replaceFirst("^rpl_semi_sync_(source|master|replica|slave)_", "");
    }

    private static String legend() {
        StringBuilder out = new StringBuilder("<p class=\"note\">");
        for (int i = 0; i < PERCENTILE_NAMES.length; i++) {
            out.append("<svg width=\"12\" height=\"12\" role=\"img\" aria-label=\"").append(PERCENTILE_NAMES[i])
                    .append("\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"").append(PERCENTILE_COLOURS[i])
                    .append("\"/></svg> ").append(PERCENTILE_NAMES[i]).append(" &nbsp; ");
        }
        return out.append(" &mdash; the bar is the median of p99 across seeds.</p>\n").toString();
    }

    private static String latencyChart(List<Group> groups) {
        long lo = Long.MAX_VALUE;
        long hi = 1;
        for (Group g : groups) {
            for (RunRow r : g.runs()) {
                if (r.commits() > 0) {
                    lo = Math.min(lo, Math.max(1, r.p50()));
                    hi = Math.max(hi, r.max());
                }
            }
        }
        if (lo == Long.MAX_VALUE) {
            return "<p class=\"note\">No commits in any run.</p>\n";
        }
        double from = Math.floor(Math.log10(lo));
        double to = Math.max(from + 1, Math.ceil(Math.log10(hi)));
        int plot = WIDTH - LABEL - 20;
        int height = groups.size() * LANE + 34;
        StringBuilder out = svgOpen(height, "commit latency by combination");
        for (double d = from; d <= to; d++) {
            double x = LABEL + (d - from) / (to - from) * plot;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e8f0\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, x, height - 22, x, height - 8,
                    esc(duration((long) Math.pow(10, d)))));
        }
        int lane = 0;
        for (Group g : groups) {
            int y = 14 + lane * LANE;
            out.append(label(g.label(), y));
            double[] p99s = g.runs().stream().filter(r -> r.commits() > 0).mapToDouble(RunRow::p99).toArray();
            if (p99s.length > 0) {
                double x = LABEL + (Math.log10(Math.max(1, median(p99s))) - from) / (to - from) * plot;
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"18\" fill=\"%s\""
                        + " opacity=\"0.45\"><title>median p99 %s</title></rect>%n", x - 1.5, y - 9,
                        PERCENTILE_COLOURS[2], esc(duration((long) median(p99s)))));
            }
            for (RunRow r : g.runs()) {
                if (r.commits() == 0) {
                    continue;
                }
                long[] values = {r.p50(), r.p95(), r.p99(), r.max()};
                for (int i = 0; i < values.length; i++) {
                    double x = LABEL + (Math.log10(Math.max(1, values[i])) - from) / (to - from) * plot;
                    out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\""
                            + " fill-opacity=\"0.7\"><title>seed %d: %s %s</title></circle>%n", x, (int) Math.round(y + (i - 1.5) * 2.5), PERCENTILE_COLOURS[i], r.seed(), PERCENTILE_NAMES[i],
                            esc(duration(values[i]))));
                }
            }
            lane++;
        }
        return out.append("</svg>\n").toString();
    }

    private interface Figure {
        double of(RunRow r);
    }

    /** A lane per combination, a dot per seed on a linear axis from 0; NaN is drawn hollow at 0. */
    private static String linearChart(List<Group> groups, Figure figure, String unit, String colour) {
        double hi = 0;
        for (Group g : groups) {
            for (RunRow r : g.runs()) {
                double v = figure.of(r);
                if (!Double.isNaN(v)) {
                    hi = Math.max(hi, v);
                }
            }
        }
        double top = niceTop(hi);
        int plot = WIDTH - LABEL - 20;
        int height = groups.size() * LANE + 34;
        StringBuilder out = svgOpen(height, "by combination");
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            double x = LABEL + plot * t / 4.0;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e8f0\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%s</text>%n", x, x, height - 22, x, height - 8,
                    number(v), unit));
        }
        int lane = 0;
        for (Group g : groups) {
            int y = 14 + lane * LANE;
            out.append(label(g.label(), y));
            double[] values = g.runs().stream().mapToDouble(figure::of).filter(v -> !Double.isNaN(v)).toArray();
            if (values.length > 0) {
                double x = LABEL + (top == 0 ? 0 : median(values) / top * plot);
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"18\" fill=\"%s\""
                        + " opacity=\"0.45\"><title>median %s%s</title></rect>%n", x - 1.5, y - 9, colour,
                        number(median(values)), unit));
            }
            for (RunRow r : g.runs()) {
                double v = figure.of(r);
                boolean none = Double.isNaN(v);
                double x = LABEL + (none || top == 0 ? 0 : v / top * plot);
                out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\" fill-opacity=\"%s\""
                        + " stroke=\"%s\"><title>seed %d: %s</title></circle>%n", x, y, none ? "none" : colour,
                        none ? "0" : "0.6", colour, r.seed(), none ? "no value" : number(v) + unit));
            }
            lane++;
        }
        return out.append("</svg>\n").toString();
    }

    private static StringBuilder svgOpen(int height, String what) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, height, WIDTH, height,
                esc(what)));
    }

    private static String label(String text, int y) {
        String shown = text.length() > 48 ? text.substring(0, 47) + "…" : text;
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#f0f4f8\"/>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s<title>%s</title></text>%n", LABEL, y, WIDTH - 20, y,
                LABEL - 8, y + 4, esc(shown), esc(text));
    }

    private static String medians(List<Group> groups) {
        StringBuilder out = new StringBuilder("<table>\n<tr><th class=\"l\">combination</th><th>runs</th><th>passed</th>"
                + "<th>commits</th><th>async</th><th>p50</th><th>p99</th><th>max</th><th>OFF</th><th>switches OFF</th>"
                + "<th>lost ack'd</th></tr>\n");
        for (Group g : groups) {
            List<RunRow> rs = g.runs();
            long passed = rs.stream().filter(RunRow::passed).count();
            out.append("<tr><td class=\"l\">").append(esc(g.label())).append("</td><td>").append(rs.size())
                    .append("</td><td").append(passed == rs.size() ? ">" : " class=\"fail\">").append(passed).append("</td>")
                    .append(cell(rs, r -> r.commits(), false)).append(cell(rs, r -> r.asynchronous(), false))
                    .append(cell(rs, r -> r.p50(), true)).append(cell(rs, r -> r.p99(), true))
                    .append(cell(rs, r -> r.max(), true)).append(cell(rs, r -> r.offMicros(), true))
                    .append(cell(rs, r -> r.offSwitches(), false))
                    .append(cell(rs, r -> r.lostAcknowledged().isEmpty() ? Double.NaN
                            : Double.parseDouble(r.lostAcknowledged()), false))
                    .append("</tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    private static String cell(List<RunRow> rs, Figure f, boolean micros) {
        double[] v = rs.stream().mapToDouble(f::of).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return "<td>&ndash;</td>";
        }
        Arrays.sort(v);
        String lo = micros ? duration((long) v[0]) : number(v[0]);
        String hi = micros ? duration((long) v[v.length - 1]) : number(v[v.length - 1]);
        return "<td title=\"" + esc(lo + " – " + hi) + "\">" + esc(micros ? duration((long) median(v)) : number(median(v)))
                + (lo.equals(hi) ? "" : " <span class=\"note\">" + esc(lo + "–" + hi) + "</span>") + "</td>";
    }

    private static String runs(SweepHeader h, List<RunRow> rows) {
        StringBuilder out = new StringBuilder("<table>\n<tr><th class=\"l\">run</th>");
        for (Setting s : h.settings()) {
            out.append("<th class=\"l\">").append(esc(shortPath(s.path()))).append("</th>");
        }
        out.append("<th class=\"l\">flavour</th><th>seed</th><th class=\"l\">verdict</th><th>commits</th><th>p50</th>"
                + "<th>p99</th><th>OFF</th><th>lost ack'd</th><th class=\"l\">trace</th></tr>\n");
        for (RunRow r : rows) {
            out.append("<tr><td class=\"l\">").append(esc(r.id())).append("</td>");
            for (int i = 0; i < r.values().size(); i++) {
                out.append("<td class=\"l\">").append(esc(SettingUnits.shown(h.settings().get(i).path(), r.values().get(i))))
                        .append("</td>");
            }
            out.append("<td class=\"l\">").append(esc(r.flavor())).append("</td><td>").append(r.seed()).append("</td>");
            if (r.passed()) {
                out.append("<td class=\"l pass\">PASS</td>");
            } else {
                String why = r.invariant().isEmpty() ? r.failure() : r.invariant();
                out.append("<td class=\"l fail\">").append(r.report().isEmpty() ? "FAIL"
                        : "<a href=\"" + esc(r.report()) + "\">FAIL</a>").append(' ').append(esc(why)).append("</td>");
            }
            out.append("<td>").append(r.commits()).append("</td><td>").append(esc(duration(r.p50()))).append("</td><td>")
                    .append(esc(duration(r.p99()))).append("</td><td>").append(esc(duration(r.offMicros())))
                    .append("</td><td>").append(r.lostAcknowledged().isEmpty() ? "&ndash;" : esc(r.lostAcknowledged()))
                    .append("</td><td class=\"l\"><code>").append(esc(r.digest())).append("</code></td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The axis's end: 1, 2 or 5 times a power of ten, at or above {@code hi}. */
    private static double niceTop(double hi) {
        if (hi <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(hi)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= hi) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String duration(long micros) {
        if (micros == 0) {
            return "0 s"; // as the charts' axes say it: no time at all needs no small unit
        }
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return trim(micros / 1e3) + " ms";
        }
        return trim(micros / 1e6) + " s";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
