package io.semisyncsim.bench;

import io.semisyncsim.kernel.RandomStreams;
import io.semisyncsim.kernel.SimRandom;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * The reference for {@link RelayRing}: the same hops on a single-threaded priority-queue event loop
 * with no actors. Same seeds, same draws, same order, so the two must agree on virtual time and
 * checksum; the difference in speed is what the actor model costs.
 */
public final class BareRelayRing {
    private BareRelayRing() {
    }

    private record Timer(long due, long seq, int actor, int token, long hopsLeft) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private record Delivery(int actor, int token, long hopsLeft) {
    }

    public static RelayRing.Result run(long seed, int actors, int tokens, long hopsPerToken) {
        RandomStreams streams = new RandomStreams(seed);
        SimRandom[] random = new SimRandom[actors];
        for (int i = 0; i < actors; i++) {
            random[i] = streams.stream("relay-" + i);
        }
        PriorityQueue<Timer> timers = new PriorityQueue<>();
        ArrayDeque<Delivery> runnable = new ArrayDeque<>();
        long now = 0;
        long seq = 0;
        long messages = 0;
        long checksum = 0;
        for (int t = 0; t < tokens; t++) {
            runnable.add(new Delivery(t % actors, t, hopsPerToken));
        }
        while (true) {
            Delivery d;
            while ((d = runnable.poll()) != null) {
                messages++;
                if (d.hopsLeft() > 0) {
                    long delay = RelayRing.LATENCY_US + random[d.actor()].jitter(RelayRing.JITTER_US);
                    timers.add(new Timer(now + delay, seq++, d.actor(), d.token(), d.hopsLeft()));
                }
            }
            Timer timer = timers.poll();
            if (timer == null) {
                return new RelayRing.Result(messages, now, checksum);
            }
            now = timer.due();
            messages++;
            checksum = checksum * 31 + timer.token();
            runnable.add(new Delivery((timer.actor() + 1) % actors, timer.token(), timer.hopsLeft() - 1));
        }
    }
}
