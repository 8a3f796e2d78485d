package io.semisyncsim.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Threads that drive simulations side by side (a sweep's or an exploration's jobs). Each keeps its
 * ActorSystem from one run to the next ({@link ActorSystemHost}) and ends it when the thread ends; they
 * are daemons, so that a failed pass does not keep the JVM alive.
 */
public final class DriverThreads {
    private DriverThreads() {
    }

    /**
     * The JVM's driver threads, grown on demand and kept between sweeps with their ActorSystems (ended after
     * a minute idle). Starting systems, and the JIT compiling their start-up code again and again, took a
     * fifth of the second core from two jobs that started new threads for each sweep.
     */
    public static ExecutorService pool() {
        return Shared.POOL;
    }

    private static final class Shared {
        static final ExecutorService POOL = Executors.newCachedThreadPool(factory("sim-driver"));
    }

    /** A factory of driver threads named {@code name}, for a pool of one's own. */
    public static ThreadFactory factory(String name) {
        return r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    ActorSystemHost.endIdle();
                }
            }, name);
            t.setDaemon(true);
            return t;
        };
    }
}
