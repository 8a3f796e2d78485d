package io.semisyncsim.bench;

import java.util.PriorityQueue;

/**
 * The bare reference for the cluster benchmark: a single-threaded priority-queue loop modelling only
 * the messages of a semisync commit, with the same costs as the simulator's defaults. Each client
 * commits back to back: write and fsync the binlog, send the transaction to every replica, each
 * replica writes its relay log and sends an ACK, the first ACK back lets the engine commit and the
 * client get OK. No actors, no trace, no group commit: what the commit path costs at the least.
 */
public final class BareCommitLoop {
    private BareCommitLoop() {
    }

    /** Commits done, events handled, and the virtual end time. */
    public record Result(long commits, long events, long virtualMicros) {
    }

    private static final int COMMIT = 0;
    private static final int SYNCED = 1;
    private static final int ARRIVE = 2;
    private static final int ACK = 3;
    private static final int OK = 4;

    private record Event(long time, long seq, int kind, int client, int replica) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public static Result run(int clients, int replicas, long commits, long latency) {
        PriorityQueue<Event> queue = new PriorityQueue<>();
        long[] seq = {0};
        boolean[] acked = new boolean[clients];
        long started = 0;
        long done = 0;
        long events = 0;
        long now = 0;
        for (int c = 0; c < clients && started < commits; c++, started++) {
            queue.add(new Event(0, seq[0]++, COMMIT, c, -1));
        }
        Event e;
        while ((e = queue.poll()) != null) {
            now = e.time();
            events++;
            switch (e.kind()) {
                case COMMIT -> {
                    acked[e.client()] = false;
                    queue.add(new Event(now + 205, seq[0]++, SYNCED, e.client(), -1)); // write 5 + fsync 200
                }
                case SYNCED -> {
                    for (int r = 0; r < replicas; r++) {
                        queue.add(new Event(now + latency, seq[0]++, ARRIVE, e.client(), r));
                    }
                }
                case ARRIVE -> queue.add(new Event(now + 10 + latency, seq[0]++, ACK, e.client(), e.replica())); // relay write
                case ACK -> {
                    if (!acked[e.client()]) {
                        acked[e.client()] = true;
                        queue.add(new Event(now + 10, seq[0]++, OK, e.client(), -1)); // engine commit
                    }
                }
                default -> {
                    done++;
                    if (started < commits) {
                        started++;
                        queue.add(new Event(now, seq[0]++, COMMIT, e.client(), -1));
                    }
                }
            }
        }
        return new Result(done, events, now);
    }
}
