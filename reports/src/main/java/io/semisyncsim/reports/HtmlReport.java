package io.semisyncsim.reports;

import java.util.Locale;

/**
 * A single self-contained report page: well-formed XHTML with inline CSS and SVG, nothing from the
 * network. The scenario and its verdict; the sequence diagram ({@link SequenceSvg}); the status
 * variables on the same compressed time axis ({@link Timelines}); commit latency
 * ({@link LatencyChart}); the expectations and the transcript. A few lines of script pin a mark's
 * details in a box when it is clicked (hovering shows them without script). The page is a function
 * of the run: no wall time, no absolute paths beyond the scenario file as given.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(RunReport r) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(r.name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em 2em;color:#24292f}")
                .append("h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #d8dee4;padding-bottom:.2em}")
                .append("pre{background:#f6f8fa;padding:1em;overflow-x:auto;font-size:12px;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:4px 8px;")
                .append("text-align:left;font-size:13px}th{background:#f6f8fa}")
                .append(".ok{color:#1a7f37}.bad{color:#cf222e}.verdict{font-size:1.3em;font-weight:700;margin:.2em 0 .6em}")
                .append(".desc{max-width:60em;line-height:1.45}.note{color:#57606a;font-size:13px;max-width:70em}")
                .append(".legend>span{margin-right:1.4em;white-space:nowrap;font-size:13px}")
                .append("#details{position:sticky;top:0;z-index:2;background:#fff8c5;border:1px solid #d4a72c;")
                .append("padding:.4em .8em;font-size:13px;max-width:70em;white-space:pre-wrap;min-height:1.3em}")
                .append(".scroll{overflow-x:auto}svg g[class]{cursor:default}\n</style>\n</head>\n<body>\n");
        boolean passed = r.passed();
        out.append("<h1>").append(esc(r.name())).append("</h1>\n<p class=\"verdict ").append(passed ? "ok" : "bad")
                .append("\">").append(passed ? "PASS" : "FAIL").append(": ").append(r.checks().size() - r.failures())
                .append(" of ").append(r.checks().size()).append(" expectations held</p>\n");
        out.append("<p class=\"desc\">").append(esc(r.description().strip())).append("</p>\n");
        out.append("<table><tr><th>flavor</th><th>seed</th><th>virtual time</th><th>trace digest</th><th>file</th></tr>")
                .append("<tr><td>").append(esc(r.flavor())).append("</td><td>").append(r.seed()).append("</td><td>")
                .append(esc(Labels.time(r.endTime()))).append("</td><td><code>").append(esc(r.traceDigest()))
                .append("</code></td><td>").append(esc(r.file())).append("</td></tr></table>\n<ul>\n");
        for (String setting : r.settings()) {
            out.append("<li><code>").append(esc(setting)).append("</code></li>\n");
        }
        out.append("</ul>\n");
        Story story = r.story();
        SequenceSvg sequence = new SequenceSvg(story);
        out.append("<h2>Who waits for whom</h2>\n");
        out.append("<p class=\"legend\">").append(LEGEND).append("</p>\n");
        out.append("<p class=\"note\">Time runs down on a compressed axis: a gap between two moments adds length with its")
                .append(" square root, so a slow link's arrows slope more; a quiet stretch longer than ")
                .append(Labels.duration(TimeAxis.CUT)).append(" is cut (⋮) and labelled with its length. ")
                .append("Hover over a mark for its details, or click it to pin them here:</p>\n")
                .append("<p id=\"details\">(details of the mark you click)</p>\n");
        Story.Omitted omitted = story.omitted();
        if (omitted.total() > 0) {
            out.append("<p class=\"note\">This run is long: the diagram draws ")
                    .append(String.format(Locale.ROOT, "%,d", story.items().size()))
                    .append(" marks (the start, the end, and the moments around every fault, switch and statement) and leaves")
                    .append(" out ").append(esc(omitted.parts())).append(", each gap marked where it is.")
                    .append(" The full trace (").append(String.format(Locale.ROOT, "%,d", story.traceEvents()))
                    .append(" events) is in trace.jsonl.</p>\n");
        }
        out.append("<div class=\"scroll\">").append(sequence.render(r.samples())).append("</div>\n");
        out.append("<h2>Semisync status over time</h2>\n<p class=\"note\">The same compressed time axis, left to right;")
                .append(" a node that is down or frozen is shaded, whatever its variables said last.</p>\n")
                .append("<div class=\"scroll\">").append(Timelines.render(r.samples(), story, sequence.axis())).append("</div>\n");
        out.append("<h2>Commit latency</h2>\n<p class=\"note\">Every commit a client got OK for (SQL, commit and workload")
                .append(" steps), when it got it (the same time axis) and how long it waited, on a log scale.</p>\n")
                .append("<div class=\"scroll\">").append(LatencyChart.render(r.latency(), sequence.axis())).append("</div>\n");
        out.append("<h2>Expectations</h2>\n<table><tr><th></th><th>at</th><th>expectation</th><th>actual</th><th>line</th></tr>\n");
        for (RunReport.Check c : r.checks()) {
            String actual = c.actual() == null ? "absent" : c.actual().contains("\n")
                    ? c.actual().split("\n").length + " lines" : c.actual();
            out.append("<tr><td class=\"").append(c.held() ? "ok\">✔" : "bad\">✘").append("</td><td>")
                    .append(esc(Labels.time(c.time()))).append("</td><td>").append(esc(c.description()))
                    .append("</td><td>").append(esc(actual)).append("</td><td>").append(esc(c.location()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<h2>Transcript</h2>\n<pre>");
        for (RunReport.Entry e : r.transcript()) {
            out.append('[').append(JUnitXml.seconds(e.time())).append(" s] ")
                    .append(esc(e.node() == null ? "" : e.node() + " ")).append(esc(e.text())).append('\n');
        }
        out.append("</pre>\n").append(SCRIPT).append("</body>\n</html>\n");
        return out.toString();
    }

    private static final String LEGEND = "<span style=\"color:#0969da\">━▶ binlog events (· ACK? = ACK requested)</span> "
            + "<span style=\"color:#1a7f37\">━▶ ACK</span> "
            + "<span style=\"color:#57606a\">╌▶ held by a partition, drawn to its late arrival</span> "
            + "<span style=\"color:#cf222e\">┈✖ dropped or lost</span> "
            + "<span style=\"color:#bc4c00\">▮ commit waiting for an ACK</span> "
            + "<span style=\"color:#1a7f37\">◆ engine commit: visible to other sessions</span> "
            + "<span style=\"color:#1a7f37\">● OK, semisync</span> <span style=\"color:#bc4c00\">● OK, asynchronous</span> "
            + "<span style=\"color:#cf222e\">✖ crash (grey: down)</span> <span style=\"color:#0550ae\">blue: frozen</span> "
            + "<span style=\"color:#a40e26\">red band: partition</span> "
            + "<span><span style=\"color:#2da44e\">▌</span><span style=\"color:#cf222e\">▌</span> strip: semisync ON / OFF</span>";

    /** Clicking a mark pins its details; any script error is counted on the page (the browser test reads it). */
    private static final String SCRIPT = "<script>//<![CDATA[\n"
            + "(function(){var errors=0;window.addEventListener('error',function(){errors++;"
            + "document.documentElement.setAttribute('data-script-errors',String(errors));});\n"
            + "var box=document.getElementById('details');\n"
            + "document.querySelectorAll('svg g').forEach(function(g){var t=g.querySelector(':scope > title');if(!t){return;}"
            + "g.addEventListener('click',function(e){box.textContent=t.textContent;e.stopPropagation();});});\n"
            + "document.documentElement.setAttribute('data-ready','yes');})();\n//]]></script>\n";

    static String legend() {
        return LEGEND;
    }

    /** Text or an attribute value as HTML carries it (the reports' one escaping, JUnitXml's). */
    public static String esc(String s) {
        return JUnitXml.esc(s);
    }
}
