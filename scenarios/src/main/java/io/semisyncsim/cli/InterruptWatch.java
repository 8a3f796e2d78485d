package io.semisyncsim.cli;

import java.nio.file.Path;

/**
 * The watch for SIGINT and SIGTERM while a command fills an output directory (ReportDir,
 * OutputInProgress): a shutdown hook that marks the directory interrupted, unless the command ended it
 * first. The command's last write, its error and the signal each call {@link #end} first, under the
 * owner's lock; only the first of them goes on, so a signal never marks a directory the command has just
 * finished, nor an error one a signal has marked.
 */
final class InterruptWatch {
    private final Thread hook;
    private boolean ended;

    /** {@code onSignal} runs in the hook; it calls {@link #end} itself, as the command's own ends do. */
    InterruptWatch(String name, Runnable onSignal) {
        this.hook = new Thread(onSignal, name);
    }

    /** From now on a signal runs the hook. */
    void start() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True for the first caller only, which ends the output; the hook is no longer needed after it. */
    synchronized boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (it may be this call), and finds the work done
        }
        return true;
    }

    /** What a signal left behind, said as a command that ends normally names its output. */
    static void told(String why, Path dir) {
        System.err.println("semisync-sim: " + why + "; " + dir + " is marked INCOMPLETE");
    }
}
