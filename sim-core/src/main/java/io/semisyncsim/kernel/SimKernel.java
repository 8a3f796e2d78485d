package io.semisyncsim.kernel;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Adapter;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.semisyncsim.trace.Trace;
import java.util.function.BooleanSupplier;

/**
 * Runs Akka Typed actors deterministically on a virtual clock (microseconds).
 *
 * <p>The loop: run queued tasks one at a time until none is left (the system is quiescent at this
 * virtual instant), then pop the earliest live timer, set the clock to its due time, fire it, repeat.
 * The thread that creates the kernel is its driver and must make every call on it.
 */
public final class SimKernel implements AutoCloseable {
    /** Config path of the simulation dispatcher. */
    public static final String DISPATCHER = "semisync-sim.kernel.dispatcher";

    private final ActorSystemHost host;
    private final ActorSystem<SimGuardian.Command> system;
    private final VirtualScheduler scheduler;
    private final RandomStreams random;
    private final Trace trace;
    private final java.util.List<Throwable> failures;
    /** Whether the ActorSystem may serve the thread's next run (the default configuration only). */
    private final boolean reusable;
    private Runnable instantObserver;
    private ClockPacer pacer;
    private boolean closed;

    private SimKernel(ActorSystemHost host, long seed, boolean reusable) {
        this.host = host;
        this.system = host.system();
        this.failures = host.failures();
        this.scheduler = host.scheduler();
        this.reusable = reusable;
        this.random = new RandomStreams(seed);
        this.trace = new Trace(scheduler::now);
    }

    /**
     * Starts a kernel with the default configuration; the calling thread becomes its driver. It takes the
     * thread's ActorSystem from its last run when there is one, reset to what a new one would be.
     */
    public static SimKernel start(long seed) {
        ActorSystemHost idle = ActorSystemHost.takeIdle();
        if (idle != null) {
            return new SimKernel(idle, seed, true);
        }
        return started(ActorSystemHost.create(ConfigFactory.load()), seed, true);
    }

    /** A kernel on a configuration of its own: a new ActorSystem, ended with the run. */
    public static SimKernel start(long seed, Config base) {
        return started(ActorSystemHost.create(base), seed, false);
    }

    private static SimKernel started(ActorSystemHost host, long seed, boolean reusable) {
        SimKernel kernel = new SimKernel(host, seed, reusable);
        kernel.runUntilQuiescent(); // the guardian's own start-up
        return kernel;
    }

    public long now() {
        return scheduler.now();
    }

    /** The ActorSystem this run plays on (tests: whether the thread's next run gets the same one). */
    Object actorSystem() {
        return system;
    }

    /**
     * {@code ctx.scheduleOnce(delay, to, message)} for the delays of a simulation actor that are never
     * cancelled (a packet in flight, a transaction being applied, a group commit stage): the same timer
     * in the same order, a third of the allocations, none of Akka's duration conversions.
     */
    public static <T> void tellLater(ActorContext<?> ctx, long delayMicros, ActorRef<T> to, T message) {
        if (Adapter.toClassic(ctx.getSystem()).scheduler() instanceof VirtualScheduler v
                && v.tellLater(delayMicros, Adapter.toClassic(to), message)) {
            return;
        }
        ctx.scheduleOnce(VirtualDurations.toDuration(Math.max(0, delayMicros)), to, message);
    }

    public RandomStreams random() {
        return random;
    }

    public Trace trace() {
        return trace;
    }

    /** Spawns a simulation actor as a child of the guardian, synchronously. */
    public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
        Object[] spawned = new Object[1];
        system.tell(new SimGuardian.Spawn<>(behavior, name, ref -> spawned[0] = ref));
        runUntilQuiescent();
        if (spawned[0] == null) {
            throw new IllegalStateException("the guardian did not spawn " + name);
        }
        @SuppressWarnings("unchecked")
        ActorRef<T> ref = (ActorRef<T>) spawned[0];
        return ref;
    }

    /** Stops a simulation actor (and its children), synchronously. */
    public void stop(ActorRef<?> ref) {
        system.tell(new SimGuardian.StopChild(ref));
        runUntilQuiescent();
    }

    /** Runs everything runnable at the current virtual instant, without advancing the clock. */
    public void runUntilQuiescent() {
        drain();
        observe();
    }

    /** Runs every runnable task (the work of the timer just fired, or of the driver's messages). */
    private void drain() {
        while (scheduler.runOne()) {
            // drain
        }
        if (!failures.isEmpty()) {
            throw new SimulationFailure(failures.get(0));
        }
    }

    private void observe() {
        if (instantObserver != null) {
            instantObserver.run();
        }
    }

    /** Whether the instant is over: no other timer is due at the current time, the clock moves next. */
    private boolean instantOver() {
        return scheduler.nextDue() > now();
    }

    /**
     * Called at every quiescent instant: when the clock is about to move on (every timer due at the
     * current time has fired and its work is done) and whenever the kernel hands control back to its
     * driver, so it sees every state a statement or a report could see, but not the steps between two
     * timers of one instant (the headline fires several per instant; no one can observe between them).
     * For invariants and reports that sample state over time. It must only read; null removes it.
     */
    public void setInstantObserver(Runnable observer) {
        this.instantObserver = observer;
    }

    /** Paces the clock's moves forward (null: none, the default); it never changes what happens. */
    public void setPacer(ClockPacer pacer) {
        this.pacer = pacer;
    }

    /** Due time of the earliest live timer, or {@code Long.MAX_VALUE} when none is left (the lab's "next event"). */
    public long nextDue() {
        return scheduler.nextDue();
    }

    private void pace(long to) {
        if (pacer != null && to > now() && to != Long.MAX_VALUE) {
            pacer.advancing(now(), to);
        }
    }

    /** A simulation actor died of an exception: a bug in the simulator, reported, never hidden. */
    public static final class SimulationFailure extends RuntimeException {
        SimulationFailure(Throwable cause) {
            super("a simulation actor failed: " + cause, cause);
        }
    }

    /** Runs until the clock reaches {@code now() + micros}; timers due exactly then fire. */
    public void runFor(long micros) {
        runUntilTime(Math.addExact(now(), micros));
    }

    public void runUntilTime(long deadline) {
        runUntilQuiescent();
        while (scheduler.nextDue() <= deadline) {
            pace(scheduler.nextDue());
            scheduler.fireNext();
            drain();
            if (instantOver()) { // the loop ends only here: nextDue > deadline >= now
                observe();
            }
        }
        pace(deadline);
        scheduler.advanceTo(Math.max(now(), deadline));
    }

    /**
     * Runs until {@code condition} holds at a quiescent instant, or until {@code deadline}; the
     * condition is checked after each instant's work, so it sees the earliest virtual time it holds.
     * Returns whether it held.
     */
    public boolean runUntil(BooleanSupplier condition, long deadline) {
        runUntilQuiescent();
        if (condition.getAsBoolean()) {
            return true;
        }
        while (scheduler.nextDue() <= deadline) {
            pace(scheduler.nextDue());
            scheduler.fireNext();
            drain();
            boolean held = condition.getAsBoolean();
            if (held || instantOver()) { // the driver takes over, or the clock moves: an instant to observe
                observe();
            }
            if (held) {
                return true;
            }
        }
        pace(deadline);
        scheduler.advanceTo(Math.max(now(), deadline));
        return condition.getAsBoolean();
    }

    /** Runs until no timer is left or the clock would pass {@code limit}. Returns whether it went idle. */
    public boolean runUntilIdle(long limit) {
        runUntilQuiescent();
        while (scheduler.nextDue() != Long.MAX_VALUE) {
            if (scheduler.nextDue() > limit) {
                return false;
            }
            pace(scheduler.nextDue());
            scheduler.fireNext();
            drain();
            if (instantOver()) {
                observe();
            }
        }
        return true;
    }

    /**
     * Freezes the actors under {@code pathPrefix}, as SIGSTOP freezes a process: they run nothing, their
     * messages (timer expiries included) wait in their mailboxes until {@link #resume}.
     */
    public void pause(String pathPrefix) {
        scheduler.pause(pathPrefix);
    }

    public void resume(String pathPrefix) {
        scheduler.resume(pathPrefix);
    }

    /** Tasks submitted from a foreign thread while bound: each one is a determinism violation. */
    public long foreignSubmissions() {
        return scheduler.foreignSubmissions();
    }

    /** Tasks run on the controlled dispatcher so far (a measure of work, for benchmarks). */
    public long tasksRun() {
        return scheduler.tasksRun();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        trace.close();
        instantObserver = null;
        pacer = null;
        if (!(reusable && host.keepIdle())) {
            host.terminate();
        }
    }
}
