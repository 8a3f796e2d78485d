package io.semisyncsim.kernel;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.trace.Trace;
import io.semisyncsim.trace.TraceSink;
import java.time.Duration;

/**
 * A small multi-actor simulation for the kernel's tests: a pinger sends pings over a link with seeded
 * jitter; the ponger answers the first few, then falls silent, and the pinger's 10 s virtual timeout
 * fires.
 */
final class JitteryPing {
    private JitteryPing() {
    }

    sealed interface Msg {
    }

    record Ping(int n, ActorRef<Msg> replyTo) implements Msg {
    }

    record Pong(int n) implements Msg {
    }

    record Deliver(ActorRef<Msg> to, Msg msg) implements Msg {
    }

    record Send(ActorRef<Msg> to, Msg msg) implements Msg {
    }

    record Start(ActorRef<Msg> ponger) implements Msg {
    }

    record Timeout(int n) implements Msg {
    }

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One-way latency 500 µs ± 200 µs; each message its own timer, so jitter can reorder them. */
    static Behavior<Msg> link(SimKernel kernel) {
        SimRandom random = kernel.random().stream("link");
        Trace trace = kernel.trace();
        return Behaviors.withTimers(timers -> Behaviors.receive(Msg.class)
                .onMessage(Send.class, send -> {
                    long delay = 500 + random.jitter(200);
                    trace.record("net", "link", "send", "msg", send.msg().toString().replaceAll("\\[.*", ""),
                            "delay_us", delay);
                    timers.startSingleTimer(new Object(), new Deliver(send.to(), send.msg()),
                            VirtualDurations.toDuration(delay));
                    return Behaviors.same();
                })
                .onMessage(Deliver.class, deliver -> {
                    deliver.to().tell(deliver.msg());
                    return Behaviors.same();
                })
                .build());
    }

    static Behavior<Msg> ponger(SimKernel kernel, ActorRef<Msg> link, int answers) {
        int[] answered = {0};
        return Behaviors.receive(Msg.class)
                .onMessage(Ping.class, ping -> {
                    if (answered[0] < answers) {
                        answered[0]++;
                        kernel.trace().record("b", "ponger", "pong", "n", (long) ping.n());
                        link.tell(new Send(ping.replyTo(), new Pong(ping.n())));
                    } else {
                        kernel.trace().record("b", "ponger", "silent", "n", (long) ping.n());
                    }
                    return Behaviors.same();
                })
                .build();
    }

    static Behavior<Msg> pinger(SimKernel kernel, ActorRef<Msg> link) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ActorRef<Msg>[] ponger = new ActorRef[1];
            Runnable[] ping = new Runnable[1];
            int[] next = {0};
            ping[0] = () -> {
                int n = ++next[0];
                kernel.trace().record("a", "pinger", "ping", "n", (long) n);
                link.tell(new Send(ponger[0], new Ping(n, ctx.getSelf())));
                timers.startSingleTimer("timeout", new Timeout(n), TIMEOUT);
            };
            return Behaviors.receive(Msg.class)
                    .onMessage(Start.class, start -> {
                        ponger[0] = start.ponger();
                        ping[0].run();
                        return Behaviors.same();
                    })
                    .onMessage(Pong.class, pong -> {
                        kernel.trace().record("a", "pinger", "pong-received", "n", (long) pong.n());
                        ping[0].run();
                        return Behaviors.same();
                    })
                    .onMessage(Timeout.class, timeout -> {
                        kernel.trace().record("a", "pinger", "timeout", "n", (long) timeout.n());
                        return Behaviors.stopped();
                    })
                    .build();
        }));
    }

    /** Runs the whole simulation and returns its kernel, still open, for inspection. */
    static SimKernel run(long seed, int answers, TraceSink... sinks) {
        SimKernel kernel = SimKernel.start(seed);
        for (TraceSink sink : sinks) {
            kernel.trace().addSink(sink);
        }
        ActorRef<Msg> link = kernel.spawn(link(kernel), "link");
        ActorRef<Msg> ponger = kernel.spawn(ponger(kernel, link, answers), "ponger");
        ActorRef<Msg> pinger = kernel.spawn(pinger(kernel, link), "pinger");
        pinger.tell(new Start(ponger));
        kernel.runUntilIdle(Long.MAX_VALUE);
        return kernel;
    }
}
