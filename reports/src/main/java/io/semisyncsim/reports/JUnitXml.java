package io.semisyncsim.reports;

import java.util.List;
import java.util.Locale;

/**
 * JUnit XML for CI systems: a testsuite per scenario run, a testcase per expectation (classname =
 * scenario name), failures with the expectation, the actual value and where it is written.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String render(List<RunReport> runs) {
        long tests = runs.stream().mapToLong(r -> r.checks().size()).sum();
        long failures = runs.stream().mapToLong(RunReport::failures).sum();
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"semisync-sim\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\">\n");
        for (RunReport r : runs) {
            out.append("  <testsuite name=\"").append(esc(r.name())).append("\" tests=\"").append(r.checks().size())
                    .append("\" failures=\"").append(r.failures()).append("\" errors=\"0\" skipped=\"0\" time=\"")
                    .append(seconds(r.endTime())).append("\">\n");
            out.append("    <properties>\n");
            property(out, "flavor", r.flavor());
            property(out, "seed", Long.toString(r.seed()));
            property(out, "file", r.file());
            property(out, "trace_digest", r.traceDigest());
            out.append("    </properties>\n");
            for (RunReport.Check c : r.checks()) {
                out.append("    <testcase classname=\"").append(esc(r.name())).append("\" name=\"")
                        .append(esc(c.description())).append("\" time=\"0\"");
                if (c.held()) {
                    out.append("/>\n");
                } else {
                    String message = c.description() + " -- actual: " + (c.actual() == null ? "absent" : c.actual());
                    out.append(">\n      <failure message=\"").append(esc(message)).append("\" type=\"expectation\">")
                            .append(esc(c.location() + ": at virtual " + seconds(c.time()) + " s: " + message))
                            .append("</failure>\n    </testcase>\n");
                }
            }
            out.append("  </testsuite>\n");
        }
        out.append("</testsuites>\n");
        return out.toString();
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("      <property name=\"").append(name).append("\" value=\"").append(esc(value)).append("\"/>\n");
    }

    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry are replaced. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' ? '?' : ch);
            }
        }
        return out.toString();
    }
}
