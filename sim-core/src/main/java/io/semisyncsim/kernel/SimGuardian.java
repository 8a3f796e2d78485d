package io.semisyncsim.kernel;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import java.util.function.Consumer;

/**
 * The user guardian of a simulation ActorSystem. It runs on the simulation dispatcher, so every
 * simulation actor is its child, spawned synchronously on the driver thread ({@code ctx.spawn}),
 * never through {@code systemActorOf}, which starts asynchronously elsewhere.
 */
final class SimGuardian {
    private SimGuardian() {
    }

    sealed interface Command {
    }

    record Spawn<T>(Behavior<T> behavior, String name, Consumer<ActorRef<T>> onSpawned) implements Command {
    }

    record StopChild(ActorRef<?> child) implements Command {
    }

    /** Stops every simulation actor: the end of a run whose ActorSystem serves the next. */
    record StopAll() implements Command {
    }

    /** How many simulation actors are left (none, once a StopAll has been handled). */
    record CountChildren(java.util.function.IntConsumer count) implements Command {
    }

    /** {@code failures} collects what killed a simulation actor: a bug the run must not hide. */
    static Behavior<Command> create(java.util.List<Throwable> failures) {
        return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
                .onMessage(Spawn.class, spawn -> {
                    spawnChild(ctx, spawn);
                    return Behaviors.same();
                })
                .onMessage(StopChild.class, stop -> {
                    ctx.stop(stop.child());
                    return Behaviors.same();
                })
                .onMessage(StopAll.class, stop -> {
                    ctx.getChildren().forEach(ctx::stop);
                    return Behaviors.same();
                })
                .onMessage(CountChildren.class, count -> {
                    count.count().accept(ctx.getChildren().size());
                    return Behaviors.same();
                })
                .onSignal(akka.actor.typed.ChildFailed.class, failed -> {
                    failures.add(failed.getCause());
                    return Behaviors.same();
                })
                .onSignal(akka.actor.typed.Terminated.class, t -> Behaviors.same())
                .build());
    }

    private static <T> void spawnChild(ActorContext<Command> ctx, Spawn<T> spawn) {
        akka.actor.typed.ActorRef<T> child = ctx.spawn(spawn.behavior(), spawn.name());
        ctx.watch(child);
        spawn.onSpawned().accept(child);
    }
}
