package io.semisyncsim.live;

import io.semisyncsim.kernel.ClockPacer;

/**
 * Paces virtual time at {@code speed} times the wall clock: before the clock moves to {@code to}, it
 * sleeps until the wall time that virtual instant corresponds to. The correspondence is anchored at the
 * first move of a paced stretch and re-anchored after a {@link #resync()} (a lab waiting for its user),
 * a change of speed, a hold, or whenever the wall clock is ahead by more than a slice (a slow step, the
 * JVM warming up), so time the simulation did not spend pacing is never caught up in a burst. Speed {@link Double#POSITIVE_INFINITY} (or 0) is instant. The clock may be held
 * ({@link #hold}): a move waits until it is let go. It sleeps in slices of at most {@link #SLICE_MS} ms
 * and calls {@code onSlice} between them, on the driver thread, so a live page can show a wait as it
 * goes. Wall time is read here, outside simulation code; nothing here changes what the simulation does.
 */
public final class WallPacer implements ClockPacer {
    static final long SLICE_MS = 50;

    private final Runnable onSlice;
    private volatile double speed;
    private volatile boolean held;
    private volatile boolean hurry;
    private boolean anchored;
    private long anchorWall;
    private long anchorVirtual;
    private double anchorSpeed;

    public WallPacer(double speed, Runnable onSlice) {
        this.speed = speed;
        this.onSlice = onSlice;
    }

    public WallPacer(double speed) {
        this(speed, () -> { });
    }

    public double speed() {
        return speed;
    }

    /** Virtual seconds per wall second from now on; infinite (or 0) is instant. */
    public void speed(double newSpeed) {
        this.speed = newSpeed;
    }

    public static boolean instant(double s) {
        return s <= 0 || Double.isInfinite(s) || Double.isNaN(s);
    }

    /** Holds the clock (true) or lets it go (false): a move waits while it is held. */
    public synchronized void hold(boolean hold) {
        this.held = hold;
        notifyAll();
    }

    public boolean held() {
        return held;
    }

    /** The move under way finishes at once (and so does the rest of the current paced stretch). */
    public void hurry() {
        hurry = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /** The next move starts a new paced stretch (the wall time since the last one was the user's). */
    public void resync() {
        anchored = false;
        hurry = false;
    }

    @Override
    public void advancing(long from, long to) {
        double s0 = speed;
        // Behind by more than a slice when the move starts (the JVM warming up, a slow step): start again
        // from here rather than rush the next virtual seconds to catch up.
        if (anchored && !instant(s0) && s0 == anchorSpeed
                && System.nanoTime() - (anchorWall + (long) ((from - anchorVirtual) * 1000.0 / s0)) > SLICE_MS * 1_000_000) {
            anchored = false;
        }
        while (true) {
            if (held && !hurry) {
                waitWhileHeld();
                anchored = false;
                continue;
            }
            double s = speed;
            if (instant(s) || hurry) {
                anchored = false;
                return;
            }
            if (!anchored || s != anchorSpeed) {
                anchored = true;
                anchorWall = System.nanoTime();
                anchorVirtual = from;
                anchorSpeed = s;
            }
            long due = anchorWall + (long) ((to - anchorVirtual) * 1000.0 / s);
            long left = due - System.nanoTime();
            if (left <= 0) {
                return;
            }
            sleep(Math.min(left / 1_000_000 + 1, SLICE_MS));
            onSlice.run();
        }
    }

    private synchronized void waitWhileHeld() {
        try {
            while (held && !hurry) {
                wait(SLICE_MS);
                onSlice.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hurry = true;
        }
    }

    private synchronized void sleep(long millis) {
        try {
            wait(millis); // a speed change, hold or hurry wakes it early
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hurry = true;
        }
    }
}
