package io.semisyncsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@code --out} directory that {@code sweep} or {@code explore} is filling: {@code DIR/INCOMPLETE} from
 * the start until the command has written its last file, as {@code run --report} does (ReportDir), so an
 * output stopped by a signal or an error never looks whole; a signal is also told on the terminal.
 */
final class OutputInProgress implements AutoCloseable {
    private final Path dir;
    private final String command;
    private final InterruptWatch watch;

    private OutputInProgress(Path dir, String command) {
        this.dir = dir;
        this.command = command;
        this.watch = new InterruptWatch("semisync-sim-output-interrupted", this::interrupted);
    }

    /** Marks {@code dir} (already claimed) incomplete and watches for SIGINT and SIGTERM. */
    static OutputInProgress mark(Path dir, String command) {
        OutputInProgress p = new OutputInProgress(dir, command);
        p.write("This directory is being written by semisync-sim " + command + "; it is not complete.\n");
        p.watch.start();
        return p;
    }

    /** The last file is written: the directory is whole. */
    synchronized void complete() {
        if (!watch.end()) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(ReportDir.INCOMPLETE));
        } catch (IOException e) {
            throw OutputProblem.of("cannot remove", dir.resolve(ReportDir.INCOMPLETE), e);
        }
    }

    /** Ended without {@link #complete}: an error stopped the command, and the directory stays marked. */
    @Override
    public synchronized void close() {
        if (!watch.end()) {
            return;
        }
        write("This directory is not complete: semisync-sim " + command + " stopped before it was written.\n");
    }

    private synchronized void interrupted() {
        if (!watch.end()) {
            return;
        }
        String why = "interrupted (SIGINT or SIGTERM) while " + command + " was running";
        write("This directory is not complete: " + why + ".\n");
        InterruptWatch.told(why, dir);
    }

    private void write(String text) {
        try {
            Files.writeString(dir.resolve(ReportDir.INCOMPLETE), text);
        } catch (IOException e) {
            System.err.println("semisync-sim: cannot write " + dir.resolve(ReportDir.INCOMPLETE) + ": " + OutputProblem.reason(e));
        }
    }
}
