package io.semisyncsim.kernel;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Adapter;
import com.typesafe.config.Config;

/**
 * A thread's ActorSystem, kept between runs. Starting one costs more than a short run (Akka reads its
 * configuration and every jar's manifest each time): a sweep or exploration of thousands of runs, or a
 * directory of scenarios, starts one per thread and gives each run a clean one ({@link #recycle}).
 */
record ActorSystemHost(ActorSystem<SimGuardian.Command> system, VirtualScheduler scheduler,
                       java.util.List<Throwable> failures) {

    static ActorSystemHost create(Config base) {
        Config config = base.getConfig("semisync-sim.kernel.actor-system").withFallback(base);
        java.util.List<Throwable> failures = new java.util.ArrayList<>();
        ActorSystem<SimGuardian.Command> system = ActorSystem.create(
                SimGuardian.create(failures), "semisync-sim", config, DispatcherSelector.defaultDispatcher());
        VirtualScheduler scheduler = (VirtualScheduler) Adapter.toClassic(system).scheduler();
        scheduler.bind();
        return new ActorSystemHost(system, scheduler, failures);
    }

    /**
     * Stops every simulation actor, paused ones too (each handles its stop before any message still in its
     * mailbox), and puts the clock back to a new system's: time 0, no timer, sequence 0. False when
     * something is left that a new system would not have (a failure, an actor that did not stop).
     */
    boolean recycle() {
        if (!scheduler.onDriver() || !failures.isEmpty() || scheduler.foreignSubmissions() > 0) {
            return false; // closed by another thread than its driver, or not as a new system would be
        }
        int[] children = {-1};
        try {
            system.tell(new SimGuardian.StopAll());
            drain();
            scheduler.resumeAll(); // held mailbox runs: their stop comes first, then nothing more
            drain();
            system.tell(new SimGuardian.CountChildren(n -> children[0] = n));
            drain();
        } catch (RuntimeException e) {
            return false;
        }
        if (children[0] != 0 || !failures.isEmpty()) {
            return false;
        }
        scheduler.reset();
        return true;
    }

    private void drain() {
        while (scheduler.runOne()) {
            // the stops of this run's actors
        }
    }

    void terminate() {
        scheduler.release();
        // Termination is housekeeping after the run (the trace is complete): Akka's own shutdown runs on
        // its threads while the caller goes on. Waiting for it cost each run ~10 ms of an idle thread.
        system.terminate();
    }

    /** The calling thread's ActorSystem between its runs. */
    private static final ThreadLocal<ActorSystemHost> IDLE = new ThreadLocal<>();

    /** The calling thread's ActorSystem from its last run, taken (null when there is none). */
    static ActorSystemHost takeIdle() {
        ActorSystemHost idle = IDLE.get();
        IDLE.remove();
        return idle;
    }

    /** Keeps this system for the calling thread's next run when it is clean and the thread has none; else false. */
    boolean keepIdle() {
        if (IDLE.get() != null || !recycle()) {
            return false;
        }
        IDLE.set(this);
        return true;
    }

    /** Ends the calling thread's ActorSystem kept between runs, if any. */
    static void endIdle() {
        ActorSystemHost idle = takeIdle();
        if (idle != null) {
            idle.terminate();
        }
    }
}
