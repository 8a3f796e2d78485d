package io.semisyncsim.kernel;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The executor of the simulation dispatcher: it only queues tasks on the {@link VirtualScheduler},
 * which the kernel drains one task at a time on its driver thread.
 */
public final class SimulationExecutorConfigurator extends ExecutorServiceConfigurator {
    private final VirtualScheduler scheduler;

    public SimulationExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        if (!(prerequisites.scheduler() instanceof VirtualScheduler virtual)) {
            throw new IllegalStateException("the simulation dispatcher needs akka.scheduler.implementation = "
                    + VirtualScheduler.class.getName());
        }
        this.scheduler = virtual;
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> new QueueingExecutor(scheduler);
    }

    /** Akka may shut an idle dispatcher's executor down and make a new one: all share one queue. */
    private static final class QueueingExecutor extends AbstractExecutorService {
        private final VirtualScheduler scheduler;
        private volatile boolean shutdown;

        QueueingExecutor(VirtualScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void execute(Runnable command) {
            scheduler.submit(command);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}
