package io.semisyncsim.reports;

import io.semisyncsim.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A single self-contained report page: well-formed XHTML with inline CSS and SVG, no script and no
 * network. A sequence diagram of the key exchange (quiet stretches compressed into one marked row),
 * the semisync switches on a time axis, commit latencies over time, the expectations and the
 * transcript. Long runs draw the first {@link #MAX_ROWS} diagram rows and say so.
 */
public final class HtmlReport {
    public static final int MAX_ROWS = 300;
    private static final long GAP = 50_000; // a quiet stretch longer than 50 ms gets its own marked row

    private HtmlReport() {
    }

    public static String render(RunReport r, List<TraceEvent> trace) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(r.name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}")
                .append("pre{background:#f6f8fa;padding:1em;overflow-x:auto;font-size:12px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:13px}")
                .append(".ok{color:#1a7f37}.bad{color:#cf222e}.verdict{font-size:1.2em;font-weight:bold}")
                .append("svg text{font-family:system-ui,sans-serif;font-size:11px}\n</style>\n</head>\n<body>\n");
        boolean passed = r.failures() == 0;
        out.append("<h1>").append(esc(r.name())).append("</h1>\n<p class=\"verdict ").append(passed ? "ok" : "bad")
                .append("\">").append(passed ? "PASS" : "FAIL").append(": ").append(r.checks().size() - r.failures())
                .append(" of ").append(r.checks().size()).append(" expectations held</p>\n");
        out.append("<p>").append(esc(r.description().strip())).append("</p>\n");
        out.append("<table><tr><th>flavor</th><th>seed</th><th>virtual time</th><th>trace digest</th><th>file</th></tr>")
                .append("<tr><td>").append(esc(r.flavor())).append("</td><td>").append(r.seed()).append("</td><td>")
                .append(JUnitXml.seconds(r.endTime())).append(" s</td><td><code>").append(esc(r.traceDigest()))
                .append("</code></td><td>").append(esc(r.file())).append("</td></tr></table>\n<ul>\n");
        for (String setting : r.settings()) {
            out.append("<li><code>").append(esc(setting)).append("</code></li>\n");
        }
        out.append("</ul>\n");
        out.append("<h2>Who waits for whom</h2>\n").append(sequence(trace));
        out.append("<h2>Semisync switches</h2>\n").append(switches(trace, r.endTime()));
        out.append("<h2>Status variables over time</h2>\n").append(statusOverTime(r.samples(), r.endTime()));
        out.append("<h2>Commit latency</h2>\n").append(latency(r.commits(), r.endTime()));
        out.append("<h2>Expectations</h2>\n<table><tr><th></th><th>at</th><th>expectation</th><th>actual</th><th>where</th></tr>\n");
        for (RunReport.Check c : r.checks()) {
            String actual = c.actual() == null ? "absent" : c.actual().contains("\n")
                    ? c.actual().split("\n").length + " lines" : c.actual();
            out.append("<tr><td class=\"").append(c.held() ? "ok\">✔" : "bad\">✘").append("</td><td>")
                    .append(JUnitXml.seconds(c.time())).append(" s</td><td>").append(esc(c.description()))
                    .append("</td><td>").append(esc(actual)).append("</td><td>").append(esc(c.location()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<h2>Transcript</h2>\n<pre>");
        for (RunReport.Entry e : r.transcript()) {
            out.append('[').append(JUnitXml.seconds(e.time())).append(" s] ")
                    .append(esc(e.node() == null ? "" : e.node() + " ")).append(esc(e.text())).append('\n');
        }
        out.append("</pre>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The key exchange as lanes and arrows; time runs down, long quiet stretches become one row. */
    static String sequence(List<TraceEvent> trace) {
        List<TraceEvent> shown = new ArrayList<>();
        LinkedHashSet<String> lanes = new LinkedHashSet<>();
        for (TraceEvent e : trace) {
            if (MarkdownReport.isKey(e)) {
                shown.add(e);
                lanes.add(e.node());
                if (e.field("to") != null) {
                    lanes.add(String.valueOf(e.field("to")));
                }
            }
        }
        List<String> lane = new ArrayList<>(lanes);
        StringBuilder rows = new StringBuilder();
        int row = 0;
        long previous = -1;
        int drawn = 0;
        for (TraceEvent e : shown) {
            if (drawn >= MAX_ROWS) {
                break;
            }
            if (previous >= 0 && e.time() - previous > GAP) {
                int y = 70 + row++ * 22;
                rows.append("<text x=\"8\" y=\"").append(y).append("\" fill=\"#888\">⋮ ")
                        .append(JUnitXml.seconds(e.time() - previous)).append(" s later</text>\n");
            }
            previous = e.time();
            int y = 70 + row++ * 22;
            rows.append("<text x=\"8\" y=\"").append(y).append("\">").append(JUnitXml.seconds(e.time())).append("</text>\n");
            int from = 160 + lane.indexOf(e.node()) * 220;
            String label = esc(MarkdownReport.label(e));
            if (e.field("to") != null && e.kind().startsWith("ack")) {
                int to = 160 + lane.indexOf(String.valueOf(e.field("to"))) * 220;
                rows.append("<line x1=\"").append(from).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(to)
                        .append("\" y2=\"").append(y - 4).append("\" stroke=\"#0969da\" marker-end=\"url(#arrow)\"/>\n")
                        .append("<text x=\"").append(Math.min(from, to) + 10).append("\" y=\"").append(y - 7)
                        .append("\" fill=\"#0969da\">").append(label).append("</text>\n");
            } else {
                rows.append("<text x=\"").append(from + 6).append("\" y=\"").append(y).append("\">").append(label)
                        .append("</text>\n");
            }
            drawn++;
        }
        int width = 160 + Math.max(1, lane.size()) * 220;
        int height = 90 + row * 22;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" ")
                .append("markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#0969da\"/></marker></defs>\n");
        for (int i = 0; i < lane.size(); i++) {
            int x = 160 + i * 220;
            svg.append("<text x=\"").append(x).append("\" y=\"30\" font-weight=\"bold\">").append(esc(lane.get(i)))
                    .append("</text>\n<line x1=\"").append(x).append("\" y1=\"40\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 10).append("\" stroke=\"#ccc\"/>\n");
        }
        svg.append(rows).append("</svg>\n");
        if (shown.size() > drawn) {
            svg.append("<p>(").append(shown.size() - drawn).append(" later events not drawn; the full trace is in trace.jsonl.)</p>\n");
        }
        return svg.toString();
    }

    /** Semisync switched OFF or ON, as marks on one time axis per node. */
    static String switches(List<TraceEvent> trace, long end) {
        List<TraceEvent> marks = new ArrayList<>();
        for (TraceEvent e : trace) {
            String line = e.kind().equals("log") ? String.valueOf(e.field("line")) : "";
            if (line.contains("switched OFF") || line.contains("switched ON")) {
                marks.add(e);
            }
        }
        if (marks.isEmpty()) {
            return "<p>Semisync did not switch OFF or ON in this run.</p>\n";
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"70\">\n")
                .append("<line x1=\"40\" y1=\"40\" x2=\"860\" y2=\"40\" stroke=\"#888\"/>\n")
                .append("<text x=\"40\" y=\"60\">0 s</text><text x=\"820\" y=\"60\">").append(JUnitXml.seconds(end))
                .append(" s</text>\n");
        for (TraceEvent e : marks) {
            boolean off = String.valueOf(e.field("line")).contains("switched OFF");
            long x = 40 + (end == 0 ? 0 : e.time() * 820 / end);
            svg.append("<line x1=\"").append(x).append("\" y1=\"25\" x2=\"").append(x).append("\" y2=\"45\" stroke=\"")
                    .append(off ? "#cf222e" : "#1a7f37").append("\" stroke-width=\"3\"/>\n<text x=\"").append(x + 3)
                    .append("\" y=\"20\" fill=\"").append(off ? "#cf222e" : "#1a7f37").append("\">")
                    .append(esc(e.node())).append(off ? " OFF " : " ON ").append(JUnitXml.seconds(e.time())).append(" s</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /** One step chart per (node, status variable), on a shared linear time axis; ON/OFF as 1/0. */
    static String statusOverTime(List<RunReport.Sample> samples, long end) {
        java.util.Map<String, List<RunReport.Sample>> series = new java.util.TreeMap<>();
        for (RunReport.Sample s : samples) {
            series.computeIfAbsent(s.node() + " " + s.name(), k -> new ArrayList<>()).add(s);
        }
        if (series.isEmpty()) {
            return "<p>No semisync status variables in this run.</p>\n";
        }
        StringBuilder out = new StringBuilder();
        for (java.util.Map.Entry<String, List<RunReport.Sample>> e : series.entrySet()) {
            long max = 0;
            long min = Long.MAX_VALUE;
            for (RunReport.Sample s : e.getValue()) {
                max = Math.max(max, numeric(s.value()));
                min = Math.min(min, numeric(s.value()));
            }
            long scale = Math.max(1, max);
            StringBuilder path = new StringBuilder();
            long y = 0;
            for (int i = 0; i < e.getValue().size(); i++) {
                RunReport.Sample s = e.getValue().get(i);
                long x = 60 + (end == 0 ? 0 : s.time() * 820 / end);
                long newY = 52 - numeric(s.value()) * 34 / scale;
                path.append(i == 0 ? "M" + x + "," + newY : " L" + x + "," + y + " L" + x + "," + newY);
                y = newY;
            }
            path.append(" L880,").append(y);
            boolean onOff = e.getValue().stream().allMatch(s -> s.value().equals("ON") || s.value().equals("OFF"));
            out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"60\">\n")
                    .append("<text x=\"60\" y=\"11\">").append(esc(e.getKey()))
                    .append(onOff ? " (OFF low, ON high)" : min == max ? " (always " + min + ")" : " (" + min + " to " + max + ")")
                    .append("</text>\n")
                    .append("<line x1=\"60\" y1=\"52\" x2=\"880\" y2=\"52\" stroke=\"#ddd\"/>\n")
                    .append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#6639ba\" stroke-width=\"1.5\"/>\n")
                    .append("</svg>\n");
        }
        return out.append("<p>Time runs left to right over the whole run (0 to ").append(JUnitXml.seconds(end))
                .append(" s), linearly.</p>\n").toString();
    }

    private static long numeric(String value) {
        return switch (value) {
            case "ON" -> 1;
            case "OFF" -> 0;
            default -> {
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException e) {
                    yield 0;
                }
            }
        };
    }

    /** Each commit's latency at the time its client got the answer: green acknowledged, orange not. */
    static String latency(List<RunReport.CommitPoint> commits, long end) {
        if (commits.isEmpty()) {
            return "<p>No commits in this run.</p>\n";
        }
        long max = 1;
        for (RunReport.CommitPoint c : commits) {
            max = Math.max(max, c.latency());
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"260\">\n")
                .append("<line x1=\"60\" y1=\"220\" x2=\"880\" y2=\"220\" stroke=\"#888\"/>")
                .append("<line x1=\"60\" y1=\"20\" x2=\"60\" y2=\"220\" stroke=\"#888\"/>\n")
                .append("<text x=\"4\" y=\"24\">").append(millis(max)).append("</text><text x=\"4\" y=\"222\">0 ms</text>\n")
                .append("<text x=\"60\" y=\"240\">0 s</text><text x=\"820\" y=\"240\">").append(JUnitXml.seconds(end))
                .append(" s</text>\n");
        for (RunReport.CommitPoint c : commits) {
            long x = 60 + (end == 0 ? 0 : c.time() * 820 / end);
            long y = 220 - c.latency() * 200 / max;
            svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"2.5\" fill=\"")
                    .append(c.semisync() ? "#1a7f37" : "#bc4c00").append("\"/>\n");
        }
        long acked = commits.stream().filter(RunReport.CommitPoint::semisync).count();
        List<Long> sorted = new ArrayList<>();
        commits.forEach(c -> sorted.add(c.latency()));
        java.util.Collections.sort(sorted);
        return svg.append("</svg>\n<table><tr><th>commits</th><th>acknowledged</th><th>asynchronous</th><th>p50</th>")
                .append("<th>p99</th><th>max</th></tr><tr><td>").append(commits.size()).append("</td><td>").append(acked)
                .append("</td><td>").append(commits.size() - acked).append("</td><td>").append(millis(rank(sorted, 50)))
                .append("</td><td>").append(millis(rank(sorted, 99))).append("</td><td>").append(millis(max))
                .append("</td></tr></table>\n<p>Green: acknowledged by a replica; orange: asynchronous.</p>\n").toString();
    }

    /** Nearest-rank percentile of sorted values. */
    private static long rank(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    private static String esc(String s) {
        return JUnitXml.esc(s);
    }
}
