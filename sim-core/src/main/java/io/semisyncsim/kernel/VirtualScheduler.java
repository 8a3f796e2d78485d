package io.semisyncsim.kernel;

import akka.actor.AbstractScheduler;
import akka.actor.Cancellable;
import akka.actor.LightArrayRevolverScheduler;
import akka.event.LoggingAdapter;
import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Akka's scheduler for a simulation ActorSystem, and the run queue of its simulation dispatcher:
 * the one object that owns virtual time.
 *
 * <p>Akka instantiates it from {@code akka.scheduler.implementation}; the dispatcher's
 * {@link SimulationExecutorConfigurator} finds it through the dispatcher prerequisites. Once a driver
 * thread is {@linkplain #bind() bound}, scheduling calls made on that thread become virtual timers
 * ordered by (due time, insertion sequence), so {@code Behaviors.withTimers} is virtual with no special
 * API. Calls from any other thread (Akka's own start-up and shutdown) go to a real scheduler.
 *
 * <p>Lifecycle: {@code UNBOUND -> BOUND -> RELEASED}. Unbound, tasks queue up for the driver; bound,
 * the driver drains them; released, tasks go to a real pool so that ActorSystem termination does not
 * hang on a system message nobody drains.
 */
public final class VirtualScheduler extends AbstractScheduler implements Closeable {

    private enum Phase { UNBOUND, BOUND, RELEASED }

    private final LightArrayRevolverScheduler real;
    private final TimerHeap timers = new TimerHeap();
    private final ArrayDeque<Runnable> runQueue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> foreignQueue = new ConcurrentLinkedQueue<>();
    private volatile Phase phase = Phase.UNBOUND;
    private volatile Thread driver;
    private long now;
    private long sequence;
    private long foreignSubmissions;
    private long tasksRun;
    /** Actor path prefixes whose mailboxes do not run (a paused node), and the runs held back. */
    private final java.util.TreeSet<String> paused = new java.util.TreeSet<>();
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();

    public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
        this.real = new LightArrayRevolverScheduler(config, log, threadFactory);
    }

    /** Makes the calling thread the only simulation thread. */
    void bind() {
        if (phase != Phase.UNBOUND) {
            throw new IllegalStateException("scheduler is " + phase + ", cannot bind");
        }
        driver = Thread.currentThread();
        phase = Phase.BOUND;
    }

    /** Hands queued work to a real pool and becomes pass-through, so the system can terminate. */
    void release() {
        phase = Phase.RELEASED;
        driver = null;
        timers.clear();
        for (Runnable r; (r = runQueue.poll()) != null; ) {
            ForkJoinPool.commonPool().execute(r);
        }
        for (Runnable r; (r = foreignQueue.poll()) != null; ) {
            ForkJoinPool.commonPool().execute(r);
        }
        // A node still paused when the run ends: its held mailbox runs must go too, or the system's
        // termination waits for actors that never run (10 s per such run, found by explore).
        paused.clear();
        for (Runnable r; (r = held.poll()) != null; ) {
            ForkJoinPool.commonPool().execute(r);
        }
    }

    boolean onDriver() {
        return phase == Phase.BOUND && Thread.currentThread() == driver;
    }

    /** Called by the simulation executor for every mailbox run or task Akka submits. */
    void submit(Runnable task) {
        if (onDriver()) {
            runQueue.addLast(task);
        } else if (phase == Phase.RELEASED) {
            ForkJoinPool.commonPool().execute(task);
        } else {
            // Before binding this is start-up work; after, it is a determinism violation we count.
            if (phase == Phase.BOUND) {
                synchronized (this) {
                    foreignSubmissions++;
                }
            }
            foreignQueue.add(task);
        }
    }

    /** Runs one queued task. Returns false when nothing is runnable at the current virtual time. */
    boolean runOne() {
        Runnable task;
        do {
            task = runQueue.pollFirst();
            if (task == null) {
                task = foreignQueue.poll();
                if (task == null) {
                    return false;
                }
            }
        } while (holdIfPaused(task));
        tasksRun++;
        task.run();
        return true;
    }

    /**
     * A paused actor's mailbox run waits until it is resumed; its messages keep queueing in the
     * mailbox meanwhile. (Mailbox.actor is Akka-internal; 2.6.21 is the frozen Apache-2.0 line.)
     */
    private boolean holdIfPaused(Runnable task) {
        if (paused.isEmpty() || !(task instanceof akka.dispatch.Mailbox mailbox) || mailbox.actor() == null) {
            return false;
        }
        String path = mailbox.actor().self().path().toStringWithoutAddress();
        for (String prefix : paused) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                held.addLast(task);
                return true;
            }
        }
        return false;
    }

    /** Freezes every actor under {@code pathPrefix} (e.g. {@code /user/mysqld-replica1}). */
    void pause(String pathPrefix) {
        paused.add(pathPrefix);
    }

    /** Thaws them: their held mailbox runs go back to the run queue, in the order they were held. */
    void resume(String pathPrefix) {
        paused.remove(pathPrefix);
        int n = held.size();
        for (int i = 0; i < n; i++) {
            Runnable task = held.pollFirst();
            if (!holdIfPaused(task)) {
                runQueue.addLast(task);
            }
        }
    }

    /** Every paused actor runs again (a run's end: their stops must be handled). */
    void resumeAll() {
        paused.clear();
        for (Runnable r; (r = held.poll()) != null; ) {
            runQueue.addLast(r);
        }
    }

    /**
     * Back to a new system's scheduler, for the driver's next run: time 0, no timer, the sequence from 0.
     * The run queue is empty (the caller drained it); only Akka's own start-up work ever queues from
     * another thread, before binding.
     */
    void reset() {
        if (!runQueue.isEmpty() || !foreignQueue.isEmpty() || !held.isEmpty()) {
            throw new IllegalStateException("a scheduler is reset with work queued");
        }
        timers.clear();
        now = 0;
        sequence = 0;
        tasksRun = 0;
    }

    /** Due time of the earliest timer (a cancelled one has left the queue), or {@code Long.MAX_VALUE}. */
    long nextDue() {
        VirtualTimer head = timers.peek();
        return head == null ? Long.MAX_VALUE : head.due();
    }

    /** Advances the clock to the earliest live timer and fires it; the caller checked {@link #nextDue()}. */
    void fireNext() {
        VirtualTimer timer = timers.poll();
        if (timer == null) {
            throw new IllegalStateException("no timer to fire");
        }
        now = Math.max(now, timer.due());
        timer.fire();
        if (timer.isPeriodic() && !timer.isCancelled()) {
            timer.reschedule(now + timer.interval(), sequence++);
            timers.add(timer);
        }
    }

    void advanceTo(long time) {
        if (time < now) {
            throw new IllegalArgumentException("virtual time cannot go back: " + time + " < " + now);
        }
        now = time;
    }

    long now() {
        return now;
    }

    long foreignSubmissions() {
        synchronized (this) {
            return foreignSubmissions;
        }
    }

    long tasksRun() {
        return tasksRun;
    }

    int pendingTimers() {
        return timers.size();
    }

    /** A virtual timer; Akka's timers run their runnable on a parasitic context, so we run it inline. */
    private Cancellable virtualTimer(long delayMicros, long intervalMicros, Runnable task) {
        VirtualTimer timer = new VirtualTimer(now + Math.max(0, delayMicros), intervalMicros, sequence++, task, timers);
        timers.add(timer);
        return timer;
    }

    /**
     * Tells {@code to} the message after {@code delayMicros} on the virtual clock: what
     * {@code ActorContext.scheduleOnce} does, in the same order (one timer, the next sequence number),
     * without the durations and wrappers Akka's scheduler adds per call. For the per-packet and
     * per-transaction delays nobody cancels. False when not on the driver (the caller schedules normally).
     */
    boolean tellLater(long delayMicros, akka.actor.ActorRef to, Object message) {
        if (!onDriver()) {
            return false;
        }
        timers.add(new VirtualTimer.Tell(now + Math.max(0, delayMicros), sequence++, to, message, timers));
        return true;
    }

    @Override
    public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
        if (onDriver()) {
            return virtualTimer(VirtualDurations.micros(delay), 0, runnable);
        }
        return real.scheduleOnce(delay, runnable, executor);
    }

    @Override
    public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
                                ExecutionContext executor) {
        if (onDriver()) {
            long period = VirtualDurations.micros(interval);
            if (period <= 0) {
                throw new IllegalArgumentException("a periodic timer needs an interval above zero: " + interval);
            }
            return virtualTimer(VirtualDurations.micros(initialDelay), period, runnable);
        }
        return real.schedule(initialDelay, interval, runnable, executor);
    }

    @Override
    public double maxFrequency() {
        return 1_000_000.0; // one tick per virtual microsecond
    }

    @Override
    public void close() {
        real.close();
    }
}
