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
        return Behaviors.setup(ctx -> {
            c.channel().sqlStarted();
            c.trace().record(c.node(), "sql_thread", "sql.start");
            // Events are applied one by one, each costing applyPerEvent; a run up to the next commit is one
            // timer, since the executed position and the data only change when a transaction ends.
            int[] applying = {0};
            Runnable next = () -> {
                if (applying[0] == 0 && c.channel().nextToApply() != null) {
                    applying[0] = c.channel().eventsToNextCommit();
                    // Never cancelled (a stopped thread's Applied goes nowhere), so no keyed timer is needed.
                    ctx.scheduleOnce(VirtualDurations.toDuration(applying[0] * c.applyPerEvent()), ctx.getSelf(),
                            new Applied());
                }
            };
            next.run();
            return Behaviors.receive(Command.class)
                    .onMessage(RelayAdvanced.class, m -> {
                        next.run();
                        return Behaviors.same();
                    })
                    .onMessage(Applied.class, m -> {
                        for (int i = 0; i < applying[0]; i++) {
                            BinlogEvent e = c.channel().nextToApply();
                            if (e == null) {
                                break; // the relay log was reset meanwhile
                            }
                            if (e.endsTransaction()) {
                                c.store().apply(e.transaction());
                                c.trace().record(c.node(), "sql_thread", "sql.applied", "trx", e.trx(), "pos", e.endPos());
                            }
                            c.channel().applied(e);
                        }
                        applying[0] = 0;
                        next.run();
                        return Behaviors.same();
                    })
                    .onMessage(Stop.class, m -> {
                        c.channel().sqlStopped();
                        c.trace().record(c.node(), "sql_thread", "sql.stop");
                        return Behaviors.stopped();
                    })
                    .build();
        });
    }
}
