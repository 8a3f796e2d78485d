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
    private final Thread hook;
    private boolean done;

    private OutputInProgress(Path dir, String command) {
        this.dir = dir;
        this.command = command;
        this.hook = new Thread(this::interrupted, "semisync-sim-output-interrupted");
    }

    /** Marks {@code dir} (already claimed) incomplete and watches for SIGINT and SIGTERM. */
    static OutputInProgress mark(Path dir, String command) {
        OutputInProgress p = new OutputInProgress(dir, command);
        p.write("This directory is being written by semisync-sim " + command + "; it is not complete.\n");
        Runtime.getRuntime().addShutdownHook(p.hook);
        return p;
    }

    /** The last file is written: the directory is whole. */
    synchronized void complete() {
        if (done) {
            return;
        }
        done = true;
        removeHook();
        try {
            Files.deleteIfExists(dir.resolve(ReportDir.INCOMPLETE));
        } catch (IOException e) {
            throw OutputProblem.of("cannot remove", dir.resolve(ReportDir.INCOMPLETE), e);
        }
    }

    /** Ended without {@link #complete}: an error stopped the command, and the directory stays marked. */
    @Override
    public synchronized void close() {
        if (done) {
            return;
        }
        done = true;
        removeHook();
        write("This directory is not complete: semisync-sim " + command + " stopped before it was written.\n");
    }

    private synchronized void interrupted() {
        if (done) {
            return;
        }
        done = true;
        String why = "interrupted (SIGINT or SIGTERM) while " + command + " was running";
        write("This directory is not complete: " + why + ".\n");
        System.err.println("semisync-sim: " + why + "; " + dir + " is marked INCOMPLETE");
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs, and finds the work done
        }
    }

    private void write(String text) {
        try {
            Files.writeString(dir.resolve(ReportDir.INCOMPLETE), text);
        } catch (IOException e) {
            System.err.println("semisync-sim: cannot write " + dir.resolve(ReportDir.INCOMPLETE) + ": " + OutputProblem.reason(e));
        }
    }
}
