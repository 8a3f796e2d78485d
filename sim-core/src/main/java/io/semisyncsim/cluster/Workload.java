package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.kernel.VirtualDurations;
import java.util.List;

/**
 * Client sessions committing single-row INSERTs: each session runs one transaction at a time (as a
 * connection does), back to back or paced so that all sessions together start {@code rate}
 * transactions per second. Concurrent sessions are what make binlog group commit form groups.
 */
public final class Workload {
    private Workload() {
    }

    /**
     * What to run: {@code transactions} in total (0: no limit) and/or for {@code duration} µs (0: no
     * limit); {@code ratePerSecond} 0 means back to back.
     */
    public record Spec(int clients, long transactions, long duration, double ratePerSecond, String table, long keyBase) {
    }

    /** Told of every answered commit, on the driver thread. */
    public interface Sink {
        void committed(long key, long latencyMicros, boolean semisync);

        void failed();
    }

    /** Progress the driver may read at quiescent instants. */
    public static final class Progress {
        private long issued;
        private long answered;
        private boolean stopped;

        public long issued() {
            return issued;
        }

        public long answered() {
            return answered;
        }

        /** No more will be issued and every issued one has its answer. */
        public boolean finished() {
            return stopped && answered == issued;
        }
    }

    sealed interface Command {
    }

    private record Due(int client) implements Command {
    }

    private record Answer(MysqldActor.Committed committed) implements Command {
    }

    private record End() implements Command {
    }

    /** A commit's answer that has crossed back to its session (with a client latency). */
    private record Arrived(MysqldActor.Committed committed) implements Command {
    }

    /**
     * {@code sessionBase}: the clients' connections are sessions {@code sessionBase + client};
     * {@code clientLatency}: one way between each session and the server, in µs (see {@link ClientLatency}).
     */
    static Behavior<Command> create(Spec spec, long sessionBase, ActorRef<MysqldActor.Command> server, Sink sink,
                                    Progress progress, java.util.function.LongSupplier clock, long clientLatency) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ClientLatency way = new ClientLatency(ctx, clientLatency);
            ActorRef<MysqldActor.Committed> answers = ctx.messageAdapter(MysqldActor.Committed.class, Answer::new);
            long start = clock.getAsLong();
            long[] started = new long[spec.clients()];  // when each session's current commit began, or -1
            long[] due = new long[spec.clients()];      // transactions a paced session owes
            long[] keys = new long[spec.clients()];     // the row each session's current commit inserts
            boolean[] lost = new boolean[spec.clients()]; // sessions whose connection died with the server
            java.util.Arrays.fill(started, -1);
            long interval = spec.ratePerSecond() > 0 ? Math.max(1, Math.round(spec.clients() * 1e6 / spec.ratePerSecond())) : 0;
            java.util.function.IntConsumer send = client -> {
                if (progress.stopped || (spec.transactions() > 0 && progress.issued >= spec.transactions())) {
                    progress.stopped = true;
                    timers.cancelAll();
                    return;
                }
                long id = progress.issued++;
                started[client] = clock.getAsLong();
                keys[client] = spec.keyBase() + id;
                // The row's value is the generated 'row-KEY' (null): tables of millions of rows stay keys only.
                way.toServer(server, new MysqldActor.Commit(id * spec.clients() + client, sessionBase + client, List.of(
                        new Transaction.RowChange(EventType.WRITE_ROWS, spec.table(), spec.keyBase() + id, null)), answers));
            };
            for (int i = 0; i < spec.clients(); i++) {
                if (interval > 0) {
                    long offset = interval * i / spec.clients();
                    timers.startTimerAtFixedRate("pace-" + i, new Due(i), VirtualDurations.toDuration(offset + 1),
                            VirtualDurations.toDuration(interval));
                } else {
                    send.accept(i);
                }
            }
            if (spec.duration() > 0) {
                timers.startSingleTimer("end", new End(), VirtualDurations.toDuration(spec.duration()));
            }
            // A dispatch function rather than Akka's ReceiveBuilder, which allocates on every message: a
            // session gets one answer per commit (docs/PERFORMANCE.md).
            return Behaviors.receiveMessage(m -> {
                if (m instanceof Answer a && !way.none()) {
                    way.back(new Arrived(a.committed())); // the session reads it a client latency later
                    return Behaviors.same();
                }
                MysqldActor.Committed answered = m instanceof Answer a ? a.committed()
                        : m instanceof Arrived a ? a.committed() : null;
                if (answered != null) {
                    int client = (int) (answered.id() % spec.clients());
                    long latency = clock.getAsLong() - started[client];
                    started[client] = -1;
                    progress.answered++;
                    if (!answered.ok()) {
                        sink.failed();
                        lost[client] = true; // the session's connection is gone: it ends
                        return Behaviors.same();
                    }
                    sink.committed(keys[client], latency, answered.semisync());
                    if (interval == 0) {
                        send.accept(client);
                    } else if (due[client] > 0) {
                        due[client]--;
                        send.accept(client);
                    }
                } else if (m instanceof Due d) {
                    if (lost[d.client()]) {
                        return Behaviors.same();
                    }
                    if (started[d.client()] < 0) {
                        send.accept(d.client());
                    } else {
                        due[d.client()]++; // still busy: it starts the next one as soon as it can
                    }
                } else if (m instanceof End) {
                    progress.stopped = true;
                    timers.cancelAll();
                } else {
                    return Behaviors.unhandled();
                }
                return Behaviors.same();
            });
        }));
    }
}
