package io.semisyncsim.cli;

import io.semisyncsim.reports.HtmlReport;
import io.semisyncsim.reports.IndexPage;
import io.semisyncsim.reports.JUnitXml;
import io.semisyncsim.reports.MarkdownReport;
import io.semisyncsim.reports.RunReport;
import io.semisyncsim.scenario.lang.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --report DIR} of one {@code run}: {@code DIR/NAME/} per run, {@code DIR/junit.xml} and
 * {@code DIR/index.html}. The directory says it is incomplete until the last run is written: a file
 * {@code INCOMPLETE} and a banner in the index, both there from the start, so a run stopped by a
 * signal (or anything else) never leaves a report that looks whole. Two runs of one invocation with
 * the same name get {@code NAME}, {@code NAME-2}, ...; DIR itself follows {@link OutputDir}'s rule (an earlier
 * output of ours is replaced whole, a directory of other files is refused).
 *
 * <p>Every file is written whole (a temporary file, then renamed), and the shutdown hook that marks an
 * interruption takes the same lock as the command's own writes.
 */
final class ReportDir {
    static final String INCOMPLETE = "INCOMPLETE";

    private final Path dir;
    private final Set<String> used = new LinkedHashSet<>();
    private final List<IndexPage.Entry> entries = new ArrayList<>();
    private final InterruptWatch watch;
    private String running = "no run had started yet";

    private ReportDir(Path dir) {
        this.dir = dir;
        this.watch = new InterruptWatch("semisync-sim-report-interrupted", this::interrupted);
    }

    /** Checks and creates DIR, marks it incomplete and watches for an interruption. */
    private static ReportDir open(Path dir, String command, List<IndexPage.Entry> planned) {
        OutputDir.claim("--report", dir, command);
        ReportDir r = new ReportDir(dir);
        r.entries.addAll(planned);
        r.write(dir.resolve(INCOMPLETE), "This report directory is being written by semisync-sim; it is not complete.\n");
        r.writeIndex("the runs are still going");
        r.watch.start();
        return r;
    }

    Path path() {
        return dir;
    }

    /**
     * A directory for a run named {@code name}: {@code NAME} with {@code @} as {@code _}, suffixed
     * {@code -2}, {@code -3}, ... when this invocation used it already. Returns the directory's name,
     * created and marked incomplete.
     */
    synchronized String reserve(String name, int index) {
        String base = name.replace('@', '_').replace('/', '_');
        String candidate = base;
        for (int n = 2; used.contains(candidate) || Files.exists(dir.resolve(candidate)); n++) {
            candidate = base + "-" + n;
        }
        used.add(candidate);
        Path run = dir.resolve(candidate);
        try {
            Files.createDirectory(run);
        } catch (IOException e) {
            throw OutputProblem.of("cannot create", run, e);
        }
        write(run.resolve(INCOMPLETE), "This run's report is being written; it is not complete.\n");
        IndexPage.Entry planned = entries.get(index);
        entries.set(index, new IndexPage.Entry(planned.name(), candidate, IndexPage.Status.RUNNING, planned.flavor(),
                planned.seed(), "", "", "", planned.file(), ""));
        running = name;
        writeIndex("the runs are still going (now: " + name + ")");
        return candidate;
    }

    /** Opens DIR for these runs of {@code command}, each listed in the index as not run yet. */
    static ReportDir forRuns(Path dir, String command, List<Scenario> runs) {
        List<IndexPage.Entry> planned = new ArrayList<>();
        for (Scenario s : runs) {
            planned.add(IndexPage.Entry.unfinished(s.name(), null, IndexPage.Status.NOT_RUN, s.flavor(), s.seed(),
                    s.file()));
        }
        return open(dir, command, planned);
    }

    /** Run {@code index}'s report.md and report.html, then its verdict in the index. */
    void finished(int index, String runDir, RunReport report) {
        write(runDir, "report.md", MarkdownReport.render(report));
        write(runDir, "report.html", HtmlReport.render(report));
        finished(index, IndexPage.Entry.of(report, runDir), runDir);
    }

    /** Where the index is, for the last line a command prints. */
    Path index() {
        return dir.toAbsolutePath().normalize().resolve("index.html");
    }

    /** Writes a file of run {@code name}'s directory. */
    void write(String runDir, String file, String content) {
        write(dir.resolve(runDir).resolve(file), content);
    }

    /** A run's reports are written: its directory is complete, and the index shows its verdict. */
    synchronized void finished(int index, IndexPage.Entry entry, String runDir) {
        try {
            Files.deleteIfExists(dir.resolve(runDir).resolve(INCOMPLETE));
        } catch (IOException e) {
            throw OutputProblem.of("cannot remove", dir.resolve(runDir).resolve(INCOMPLETE), e);
        }
        entries.set(index, entry);
        writeIndex("the runs are still going");
    }

    /** Adds the files that could not run. */
    synchronized void invalid(List<JUnitXml.Invalid> invalid) {
        for (JUnitXml.Invalid i : invalid) {
            entries.add(IndexPage.Entry.invalid(i));
        }
    }

    /** Every run is written: junit.xml, the final index, and the directory is no longer incomplete. */
    synchronized void complete(String junit) {
        write(dir.resolve("junit.xml"), junit);
        writeIndex(null);
        try {
            Files.deleteIfExists(dir.resolve(INCOMPLETE));
        } catch (IOException e) {
            throw OutputProblem.of("cannot remove", dir.resolve(INCOMPLETE), e);
        }
        watch.end();
    }

    /** The command stopped early (an error): the directory stays marked incomplete, saying why. */
    synchronized void abandoned(String why) {
        if (!watch.end()) {
            return;
        }
        markStopped(why);
    }

    /** The shutdown hook: a signal (SIGINT, SIGTERM) ends the JVM before the last run was written. */
    private synchronized void interrupted() {
        if (!watch.end()) {
            return;
        }
        String why = "interrupted (SIGINT or SIGTERM) while " + running + " was running";
        markStopped(why);
        InterruptWatch.told(why, dir); // the user stopped us: say what was left behind
    }

    private void markStopped(String why) {
        for (int i = 0; i < entries.size(); i++) {
            IndexPage.Entry e = entries.get(i);
            if (e.status() == IndexPage.Status.RUNNING) {
                entries.set(i, new IndexPage.Entry(e.name(), e.dir(), IndexPage.Status.INTERRUPTED, e.flavor(), e.seed(),
                        "", "", "", e.file(), ""));
            }
        }
        try {
            write(dir.resolve(INCOMPLETE), "This report directory is not complete: " + why + ".\n");
            writeIndex(why);
        } catch (OutputProblem e) {
            System.err.println("semisync-sim: " + e.getMessage());
        }
    }

    private void writeIndex(String incomplete) {
        write(dir.resolve("index.html"), IndexPage.render(entries, incomplete));
    }

    /** Writes a whole file: a temporary file beside it, then renamed over it. */
    private void write(Path file, String content) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw OutputProblem.of("cannot write", file, e);
        }
    }
}
