package io.semisyncsim.kernel;

import akka.actor.Cancellable;

/** A timer on the virtual clock, ordered by (due time, insertion sequence) in {@link TimerHeap}: one total order. */
class VirtualTimer implements Cancellable {
    // Read directly by TimerHeap, which compares them on every sift.
    long due;
    long sequence;
    /** Where it is in its {@link TimerHeap}, -1 when not queued; kept by the heap. */
    int heapIndex = -1;
    private final long interval;
    private final Runnable task;
    private boolean cancelled;
    /** The queue it leaves when cancelled. */
    private final TimerHeap queue;

    VirtualTimer(long due, long interval, long sequence, Runnable task, TimerHeap queue) {
        this.due = due;
        this.interval = interval;
        this.sequence = sequence;
        this.task = task;
        this.queue = queue;
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
        run();
    }

    void run() {
        task.run();
    }

    /** A message told when due: one object per delay, where a timer around a runnable took two. */
    static final class Tell extends VirtualTimer {
        private final akka.actor.ActorRef to;
        private final Object message;

        Tell(long due, long sequence, akka.actor.ActorRef to, Object message, TimerHeap queue) {
            super(due, 0, sequence, null, queue);
            this.to = to;
            this.message = message;
        }

        @Override
        void run() {
            to.tell(message, akka.actor.ActorRef.noSender());
        }
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
        queue.remove(this);
        return true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
