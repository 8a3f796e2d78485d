package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.semisyncsim.kernel.SimKernel;

/**
 * The way between a client and its server: a statement reaches the server {@code micros} after the
 * client sent it, an answer the client {@code micros} after the server gave it. Zero hands both over
 * at once, as before there was a way (the same messages in the same order, so the same trace). One
 * latency for every client and no jitter: a client's statements and answers keep their order.
 */
final class ClientLatency {
    private final ActorContext<?> ctx;
    private final long micros;

    ClientLatency(ActorContext<?> ctx, long micros) {
        this.ctx = ctx;
        this.micros = micros;
    }

    <T> void toServer(ActorRef<T> server, T message) {
        if (micros == 0) {
            server.tell(message);
        } else {
            SimKernel.tellLater(ctx, micros, server, message);
        }
    }

    /**
     * Tells the client's own actor {@code crossed} once a latency has passed (an answer that crossed back,
     * or a statement that crossed to its server); with no latency the caller handles it at once instead
     * (see {@link #none}), as it did before there was a way.
     */
    @SuppressWarnings("unchecked")
    <T> void back(T crossed) {
        SimKernel.tellLater(ctx, micros, (ActorRef<T>) ctx.getSelf(), crossed);
    }

    boolean none() {
        return micros == 0;
    }
}
