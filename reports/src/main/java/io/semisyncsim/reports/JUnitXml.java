package io.semisyncsim.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JUnit XML as Jenkins, GitLab and GitHub's reporters read it: a testsuite per scenario run, a
 * testcase per expectation, an erroring testcase per scenario file that could not run.
 *
 * <ul>
 * <li>{@code classname} is {@code semisync.} + the scenario's real directory from {@code library} on (else
 *     its parent directory) + its name, with no other dots, so a CI's "last dot splits package from
 *     class" gives {@code semisync.library.teaching} and {@code manual_installation};</li>
 * <li>the test name is {@code [flavor] expectation}, unique in the file (a repeat gets its line);</li>
 * <li>{@code time} is wall seconds (the suite's whole run, a case's share since the previous check);
 *     virtual time is the property {@code virtual_time_s};</li>
 * <li>each case has {@code file} and {@code line}; a failure says what was expected and what was
 *     seen, and carries the transcript up to it in {@code <system-out>}.</li>
 * </ul>
 */
public final class JUnitXml {
    /** Transcript entries a failing case carries at most (the suite carries all of them). */
    static final int CASE_TRANSCRIPT = 200;

    private JUnitXml() {
    }

    /**
     * One run: its report, the command that plays it again, the wall time it took and the wall time
     * at each of its checks, in µs since it began (one per check, in order).
     */
    public record Run(RunReport report, String reproduce, long wallMicros, List<Long> checkWallMicros) {
        public Run {
            checkWallMicros = List.copyOf(checkWallMicros);
        }
    }

    /** A scenario file that could not run, and its problems ({@code file:line:column: message}). */
    public record Invalid(String file, int line, List<String> problems) {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    public static String render(List<Run> runs, List<Invalid> invalid) {
        long tests = invalid.size();
        long failures = 0;
        long wall = 0;
        for (Run r : runs) {
            tests += r.report().checks().size();
            failures += r.report().failures();
            wall += r.wallMicros();
        }
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"semisync-sim\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(invalid.size()).append("\" time=\"").append(seconds(wall)).append("\">\n");
        Set<String> names = new HashSet<>();
        for (Run run : runs) {
            suite(out, run, names);
        }
        for (Invalid i : invalid) {
            String classname = classname(i.file(), baseName(i.file()));
            String name = unique(names, classname, "scenario file is valid", i.line());
            out.append("  <testsuite name=\"").append(esc(i.file())).append("\" tests=\"1\" failures=\"0\" errors=\"1\" ")
                    .append("skipped=\"0\" time=\"0\">\n");
            out.append("    <testcase classname=\"").append(esc(classname)).append("\" name=\"").append(esc(name))
                    .append("\" time=\"0\" file=\"").append(esc(i.file())).append("\" line=\"").append(i.line()).append("\">\n")
                    .append("      <error type=\"invalid-scenario\" message=\"").append(esc(i.problems().size()
                            + (i.problems().size() == 1 ? " problem: " : " problems, the first: ") + i.problems().get(0)))
                    .append("\">").append(esc(String.join("\n", i.problems()))).append("</error>\n    </testcase>\n  </testsuite>\n");
        }
        out.append("</testsuites>\n");
        return out.toString();
    }

    private static void suite(StringBuilder out, Run run, Set<String> names) {
        RunReport r = run.report();
        String classname = classname(r.file(), r.name());
        out.append("  <testsuite name=\"").append(esc(r.name())).append("\" tests=\"").append(r.checks().size())
                .append("\" failures=\"").append(r.failures()).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds(run.wallMicros())).append("\">\n");
        out.append("    <properties>\n");
        property(out, "flavor", r.flavor());
        property(out, "seed", Long.toString(r.seed()));
        property(out, "file", r.file());
        property(out, "virtual_time_s", seconds(r.endTime()));
        property(out, "trace_digest", r.traceDigest());
        property(out, "reproduce", run.reproduce());
        out.append("    </properties>\n");
        long previous = 0;
        for (int k = 0; k < r.checks().size(); k++) {
            RunReport.Check c = r.checks().get(k);
            long at = k < run.checkWallMicros().size() ? run.checkWallMicros().get(k) : previous;
            String name = unique(names, classname, "[" + r.flavor() + "] " + c.description(), c.line());
            out.append("    <testcase classname=\"").append(esc(classname)).append("\" name=\"").append(esc(name))
                    .append("\" time=\"").append(seconds(Math.max(0, at - previous))).append("\" file=\"").append(esc(r.file()))
                    .append("\" line=\"").append(c.line()).append('"');
            previous = Math.max(previous, at);
            if (c.held()) {
                out.append("/>\n");
                continue;
            }
            String actual = c.actual() == null ? "absent" : c.actual();
            String message = "expected " + c.description() + ", actual " + oneLine(actual);
            out.append(">\n      <failure type=\"expectation\" message=\"").append(esc(message)).append("\">")
                    .append(esc(r.file() + ":" + c.location() + ": at virtual " + seconds(c.time()) + " s\nexpected: "
                            + c.description() + "\nactual:   " + actual + "\nreproduce: " + run.reproduce()
                            + "\ntrace digest: " + r.traceDigest()))
                    .append("</failure>\n      <system-out>").append(esc(transcript(r, c.time(), CASE_TRANSCRIPT)))
                    .append("</system-out>\n    </testcase>\n");
        }
        out.append("    <system-out>").append(esc(transcript(r, Long.MAX_VALUE, Integer.MAX_VALUE))).append("</system-out>\n");
        out.append("  </testsuite>\n");
    }

    /** The transcript up to {@code until} (virtual µs), its last {@code max} entries. */
    private static String transcript(RunReport r, long until, int max) {
        List<String> lines = new ArrayList<>();
        for (RunReport.Entry e : r.transcript()) {
            if (e.time() > until) {
                break;
            }
            lines.add("[" + seconds(e.time()) + " s] " + (e.node() == null ? "" : e.node() + " ") + e.text());
        }
        int from = Math.max(0, lines.size() - max);
        return (from > 0 ? "(" + from + " earlier entries in the suite's output)\n" : "")
                + String.join("\n", lines.subList(from, lines.size())) + "\n";
    }

    /**
     * {@code semisync.library.teaching.manual_installation}: the scenario's directories from the last
     * {@code library} on (else its parent directory's name), then its name without {@code @flavor};
     * every part reduced to letters, digits and underscores, so the only dots separate parts. The
     * directories are those of the file's real path, so the classname (and a CI's test history) is the
     * same however the path was typed: absolute, from its own directory, or through {@code ..}.
     */
    public static String classname(String file, String name) {
        String[] parts = realPath(file).replace('\\', '/').split("/");
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty() && !parts[i].equals(".") && !parts[i].equals("..")) {
                dirs.add(parts[i]);
            }
        }
        int library = dirs.lastIndexOf("library");
        List<String> kept = library >= 0 ? dirs.subList(library, dirs.size())
                : dirs.isEmpty() ? List.of() : dirs.subList(dirs.size() - 1, dirs.size());
        StringBuilder out = new StringBuilder("semisync");
        for (String d : kept) {
            out.append('.').append(identifier(d));
        }
        int at = name.indexOf('@');
        return out.append('.').append(identifier(at < 0 ? name : name.substring(0, at))).toString();
    }

    /** The file's absolute path with links and {@code ..} resolved; as given if it cannot be a path. */
    private static String realPath(String file) {
        try {
            Path p = Path.of(file);
            return (Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize()).toString();
        } catch (IOException | InvalidPathException | SecurityException e) {
            return file;
        }
    }

    private static String identifier(String s) {
        String id = s.replaceAll("[^A-Za-z0-9_]", "_");
        return id.isEmpty() ? "_" : id;
    }

    private static String baseName(String file) {
        String f = file.replace('\\', '/');
        String base = f.substring(f.lastIndexOf('/') + 1);
        return base.replaceFirst("\\.ya?ml$", "");
    }

    /** A test name not yet used in this class: as is, then with its line, then numbered. */
    private static String unique(Set<String> used, String classname, String name, int line) {
        String candidate = name;
        if (!used.add(classname + "\n" + candidate)) {
            candidate = name + " (line " + line + ")";
            for (int n = 2; !used.add(classname + "\n" + candidate); n++) {
                candidate = name + " (line " + line + ", #" + n + ")";
            }
        }
        return candidate;
    }

    private static String oneLine(String s) {
        return s.contains("\n") ? "(" + s.split("\n").length + " lines)" : s;
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
