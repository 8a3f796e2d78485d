package io.semisyncsim.replication;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.kernel.VirtualDurations;
import io.semisyncsim.server.TableStore;
import io.semisyncsim.trace.Trace;

/** The replica's SQL thread: applies relay-log events in order, each costing {@code applyPerEvent}. */
public final class SqlThread {
    private SqlThread() {
    }

    public sealed interface Command {
    }

    /** The I/O thread wrote more to the relay log. */
    public record RelayAdvanced() implements Command {
    }

    public record Stop() implements Command {
    }

    private record Applied() implements Command {
    }

    public record Context(String node, ReplicaChannel channel, TableStore store, long applyPerEvent, Trace trace) {
    }

    public static Behavior<Command> create(Context c) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            c.channel().sqlStarted();
            c.trace().record(c.node(), "sql_thread", "sql.start");
            boolean[] applying = {false};
            Runnable next = () -> {
                if (!applying[0] && c.channel().nextToApply() != null) {
                    applying[0] = true;
                    timers.startSingleTimer("apply", new Applied(), VirtualDurations.toDuration(c.applyPerEvent()));
                }
            };
            next.run();
            return Behaviors.receive(Command.class)
                    .onMessage(RelayAdvanced.class, m -> {
                        next.run();
                        return Behaviors.same();
                    })
                    .onMessage(Applied.class, m -> {
                        applying[0] = false;
                        BinlogEvent e = c.channel().nextToApply();
                        if (e.endsTransaction()) {
                            c.store().apply(e.transaction());
                            c.trace().record(c.node(), "sql_thread", "sql.applied", "trx", e.trx(), "pos", e.endPos());
                        }
                        c.channel().applied(e);
                        next.run();
                        return Behaviors.same();
                    })
                    .onMessage(Stop.class, m -> {
                        c.channel().sqlStopped();
                        c.trace().record(c.node(), "sql_thread", "sql.stop");
                        return Behaviors.stopped();
                    })
                    .build();
        }));
    }
}
