package io.semisyncsim.kernel;

import akka.actor.Cancellable;

/** A timer on the virtual clock, ordered by (due time, insertion sequence) in {@link TimerHeap}: one total order. */
final class VirtualTimer implements Cancellable {
    // Read directly by TimerHeap, which compares them on every sift.
    long due;
    long sequence;
    private final long interval;
    private final Runnable task;
    private boolean cancelled;
    private final Runnable onCancel;

    VirtualTimer(long due, long interval, long sequence, Runnable task, Runnable onCancel) {
        this.due = due;
        this.interval = interval;
        this.sequence = sequence;
        this.task = task;
        this.onCancel = onCancel;
    }

    long due() {
        return due;
    }

    long interval() {
        return interval;
    }

    boolean isPeriodic() {
        return interval > 0;
    }

    void fire() {
        if (!isPeriodic()) {
            cancelled = true; // a fired one-shot timer can no longer be cancelled, as in Akka (not queued: no count)
        }
        task.run();
    }

    void reschedule(long newDue, long newSequence) {
        this.due = newDue;
        this.sequence = newSequence;
    }

    @Override
    public boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        onCancel.run();
        return true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
