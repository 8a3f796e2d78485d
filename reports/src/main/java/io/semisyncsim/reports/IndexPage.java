package io.semisyncsim.reports;

import java.util.List;

/**
 * {@code DIR/index.html} of a {@code --report DIR} over several runs: every run with its verdict,
 * flavour, seed, expectations, trace digest and links to its reports; every file that could not run
 * with its problems; and, while runs are still going or after an interruption, a banner saying the
 * directory is incomplete. Self-contained XHTML, no script, no wall time.
 */
public final class IndexPage {
    private IndexPage() {
    }

    /** A run's verdict: as its expectations said, or why there is none. */
    public enum Status { PASS, FAIL, INVALID, RUNNING, INTERRUPTED, NOT_RUN }

    /** One line of the index; {@code dir} null when the run left no reports. */
    public record Entry(String name, String dir, Status status, String flavor, String seed, String expectations,
                        String virtualTime, String digest, String file, String problems) {

        public static Entry of(RunReport r, String dir) {
            return new Entry(r.name(), dir, r.passed() ? Status.PASS : Status.FAIL, r.flavor(), Long.toString(r.seed()),
                    (r.checks().size() - r.failures()) + " of " + r.checks().size(), Labels.time(r.endTime()),
                    r.traceDigest(), r.file(), "");
        }

        /** A run not finished: running now, interrupted, or not yet started. */
        public static Entry unfinished(String name, String dir, Status status, String flavor, long seed, String file) {
            return new Entry(name, dir, status, flavor, Long.toString(seed), "", "", "", file, "");
        }

        public static Entry invalid(JUnitXml.Invalid i) {
            return new Entry(i.file(), null, Status.INVALID, "", "", "", "", "", i.file(), String.join("\n", i.problems()));
        }
    }

    /** {@code incomplete}: null when every run finished, else why the directory is incomplete. */
    public static String render(List<Entry> entries, String incomplete) {
        long passed = entries.stream().filter(e -> e.status() == Status.PASS).count();
        long failed = entries.stream().filter(e -> e.status() == Status.FAIL).count();
        long invalid = entries.stream().filter(e -> e.status() == Status.INVALID).count();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>semisync-sim runs</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em 2em;color:#24292f}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;")
                .append("font-size:13px;vertical-align:top}th{background:#f6f8fa}pre{margin:0;font-size:12px;white-space:pre-wrap}")
                .append(".PASS{color:#1a7f37;font-weight:700}.FAIL,.INVALID,.INTERRUPTED{color:#cf222e;font-weight:700}")
                .append(".RUNNING,.NOT_RUN{color:#9a6700;font-weight:700}")
                .append(".incomplete{background:#ffebe9;border:1px solid #cf222e;padding:.6em 1em;font-weight:600}\n")
                .append("</style>\n</head>\n<body>\n<h1>semisync-sim runs</h1>\n");
        if (incomplete != null) {
            out.append("<p class=\"incomplete\" id=\"incomplete\">INCOMPLETE: ").append(JUnitXml.esc(incomplete)).append("</p>\n");
        }
        out.append("<p>").append(passed).append(" passed, ").append(failed).append(" failed, ").append(invalid)
                .append(" invalid").append(entries.size() > passed + failed + invalid ? ", "
                        + (entries.size() - passed - failed - invalid) + " not finished" : "")
                .append(". <a href=\"junit.xml\">junit.xml</a></p>\n");
        out.append("<table>\n<tr><th>run</th><th>verdict</th><th>flavor</th><th>seed</th><th>expectations held</th>")
                .append("<th>virtual time</th><th>trace digest</th><th>file</th><th>reports</th></tr>\n");
        for (Entry e : entries) {
            out.append("<tr><td>").append(JUnitXml.esc(e.name())).append("</td><td class=\"").append(e.status().name())
                    .append("\">").append(e.status().name().replace('_', ' ')).append("</td><td>").append(JUnitXml.esc(e.flavor()))
                    .append("</td><td>").append(JUnitXml.esc(e.seed())).append("</td><td>").append(JUnitXml.esc(e.expectations()))
                    .append("</td><td>").append(JUnitXml.esc(e.virtualTime())).append("</td><td><code>")
                    .append(JUnitXml.esc(e.digest())).append("</code></td><td>").append(JUnitXml.esc(e.file())).append("</td><td>");
            if (!e.problems().isEmpty()) {
                out.append("<pre>").append(JUnitXml.esc(e.problems())).append("</pre>");
            } else if (e.dir() != null && (e.status() == Status.PASS || e.status() == Status.FAIL)) {
                String d = JUnitXml.esc(href(e.dir()));
                out.append("<a href=\"").append(d).append("/report.html\">report.html</a> · <a href=\"").append(d)
                        .append("/report.md\">report.md</a> · <a href=\"").append(d).append("/trace.jsonl\">trace.jsonl</a>");
            } else if (e.dir() != null) {
                out.append("<a href=\"").append(JUnitXml.esc(href(e.dir()))).append("/trace.jsonl\">trace.jsonl</a> (partial)");
            }
            out.append("</td></tr>\n");
        }
        return out.append("</table>\n</body>\n</html>\n").toString();
    }

    /** A directory name as a relative URL (percent-encoding what a URL path cannot hold). */
    private static String href(String dir) {
        StringBuilder out = new StringBuilder();
        for (byte b : dir.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
