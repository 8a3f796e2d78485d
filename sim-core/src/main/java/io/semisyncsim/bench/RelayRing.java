package io.semisyncsim.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.kernel.SimRandom;
import io.semisyncsim.kernel.VirtualDurations;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel benchmark workload: tokens hop around a ring of actors, each hop delayed by a seeded
 * latency on a virtual timer, the way a packet crosses a simulated link. A hop costs two messages
 * (the token, then the timer's forward) and one timer. {@link BareRelayRing} does the same work on a
 * plain priority-queue loop, and must end at the same virtual time with the same checksum.
 */
public final class RelayRing {
    private RelayRing() {
    }

    /** What a run did: messages handled, the virtual end time, and a checksum of arrival times. */
    public record Result(long messages, long virtualMicros, long checksum) {
    }

    sealed interface Msg {
    }

    record Token(int id, long hopsLeft) implements Msg {
    }

    record Forward(Token token) implements Msg {
    }

    record Wire(ActorRef<Msg> next) implements Msg {
    }

    /** Base one-way latency and jitter, as a 0.5 ms ± 0.1 ms link. */
    static final long LATENCY_US = 500;
    static final long JITTER_US = 100;

    private static final class Counters {
        long messages;
        long checksum;
    }

    public static Result run(long seed, int actors, int tokens, long hopsPerToken) {
        try (SimKernel kernel = SimKernel.start(seed)) {
            Counters counters = new Counters();
            List<ActorRef<Msg>> ring = new ArrayList<>();
            for (int i = 0; i < actors; i++) {
                ring.add(kernel.spawn(relay(kernel.random().stream("relay-" + i), counters), "relay-" + i));
            }
            for (int i = 0; i < actors; i++) {
                ring.get(i).tell(new Wire(ring.get((i + 1) % actors)));
            }
            kernel.runUntilQuiescent();
            for (int t = 0; t < tokens; t++) {
                ring.get(t % actors).tell(new Token(t, hopsPerToken));
            }
            kernel.runUntilIdle(Long.MAX_VALUE);
            return new Result(counters.messages, kernel.now(), counters.checksum);
        }
    }

    private static Behavior<Msg> relay(SimRandom random, Counters counters) {
        return Behaviors.withTimers(timers -> {
            @SuppressWarnings("unchecked")
            ActorRef<Msg>[] next = new ActorRef[1];
            return Behaviors.receive(Msg.class)
                    .onMessage(Wire.class, wire -> {
                        next[0] = wire.next();
                        return Behaviors.same();
                    })
                    .onMessage(Token.class, token -> {
                        counters.messages++;
                        if (token.hopsLeft() > 0) {
                            long delay = LATENCY_US + random.jitter(JITTER_US);
                            timers.startSingleTimer(token.id(), new Forward(token), VirtualDurations.toDuration(delay));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Forward.class, forward -> {
                        counters.messages++;
                        Token t = forward.token();
                        counters.checksum = counters.checksum * 31 + t.id();
                        next[0].tell(new Token(t.id(), t.hopsLeft() - 1));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
