package io.semisyncsim.sweep;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for long sweeps on a terminal: runs done, runs per second, time left. Quiet when the
 * output is not a terminal or under CI ({@code CI} set), where a log would fill with carriage returns.
 * Wall time is read here, for the person waiting, never by the simulation.
 */
public final class Progress {
    private final PrintStream err;
    private final int total;
    private final boolean shown;
    private final long start = System.nanoTime();
    private long lastShown;
    private int done;

    public Progress(PrintStream err, int total, boolean shown) {
        this.err = err;
        this.total = total;
        this.shown = shown;
    }

    /** Shown on an interactive terminal unless {@code quiet}, never under CI. */
    public static boolean wanted(boolean quiet) {
        return !quiet && System.console() != null && System.getenv("CI") == null;
    }

    public synchronized void runDone(int run) {
        done++;
        long now = System.nanoTime();
        if (!shown || (now - lastShown < 200_000_000L && done < total)) {
            return;
        }
        lastShown = now;
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        int width = 30;
        int filled = (int) ((long) width * done / Math.max(1, total));
        err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d runs, %.1f runs/s, %s left ", "#".repeat(filled),
                ".".repeat(width - filled), done, total, rate, left((total - done) / Math.max(rate, 1e-9))));
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    private static String left(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? s / 3600 + " h " + s % 3600 / 60 + " min" : s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
