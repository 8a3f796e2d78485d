package io.semisyncsim.cluster;


import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.StatementResult;
import java.util.List;
import java.util.Map;

/**
 * A client connection, as an application or the mysql client: sends a statement or a commit and gets
 * its result. Results land in a map the driver reads at quiescence (all on the driver thread). With a
 * client latency, each statement reaches its server that long after it is sent and each answer its
 * client that long after the server gave it, so a client's next statement follows its OK by a round
 * trip, as a real client's does.
 */
final class ClientSession {
    private ClientSession() {
    }

    sealed interface Command {
    }

    record Send(long id, long session, String node, ActorRef<MysqldActor.Command> server, Account account,
                String sql) implements Command {
    }

    /** A sent statement that has crossed to its server. */
    private record AtServer(Send send) implements Command {
    }

    record CommitRows(long id, long session, ActorRef<MysqldActor.Command> server, List<Transaction.RowChange> changes)
            implements Command {
    }

    private record Reply(MysqldActor.Executed executed) implements Command {
    }

    private record CommitReply(MysqldActor.Committed committed) implements Command {
    }

    /** An answer that has crossed back to the client. */
    private record Arrived(long id, Object answer) implements Command {
    }

    /** {@code latency}: one way, client to server and back, in µs. */
    static Behavior<Command> create(Map<Long, Object> results, java.util.function.LongSupplier clock, long latency,
                                    java.util.function.BiConsumer<String, String> arrives) {
        return Behaviors.setup(ctx -> {
            ActorRef<MysqldActor.Executed> replies = ctx.messageAdapter(MysqldActor.Executed.class, Reply::new);
            ActorRef<MysqldActor.Committed> commits = ctx.messageAdapter(MysqldActor.Committed.class, CommitReply::new);
            ClientLatency way = new ClientLatency(ctx, latency);
            return Behaviors.receive(Command.class)
                    .onMessage(Send.class, s -> {
                        if (way.none()) {
                            arrive(s, arrives, replies);
                        } else {
                            way.back(new AtServer(s)); // through this actor: the hook hears it as it arrives
                        }
                        return Behaviors.same();
                    })
                    .onMessage(AtServer.class, a -> {
                        arrive(a.send(), arrives, replies);
                        return Behaviors.same();
                    })
                    .onMessage(CommitRows.class, s -> {
                        way.toServer(s.server(), new MysqldActor.Commit(s.id(), s.session(), s.changes(), commits));
                        return Behaviors.same();
                    })
                    .onMessage(Reply.class, r -> arrive(new Arrived(r.executed().id(), r.executed().result()), way,
                            results, clock))
                    .onMessage(CommitReply.class, r -> arrive(new Arrived(r.committed().id(), r.committed()), way,
                            results, clock))
                    .onMessage(Arrived.class, a -> arrive(a, null, results, clock))
                    .build();
        });
    }

    private static void arrive(Send s, java.util.function.BiConsumer<String, String> arrives,
                               ActorRef<MysqldActor.Executed> replies) {
        arrives.accept(s.node(), s.sql());
        s.server().tell(new MysqldActor.Execute(s.id(), s.session(), s.account(), s.sql(), replies));
    }

    /** An answer reaches its client now, or (on its way back: {@code way} not null) after the latency. */
    private static Behavior<Command> arrive(Arrived a, ClientLatency way, Map<Long, Object> results,
                                            java.util.function.LongSupplier clock) {
        if (way != null && !way.none()) {
            way.back(a);
        } else {
            results.put(a.id(), a.answer() instanceof StatementResult result
                    ? new Cluster.Answer(result, clock.getAsLong()) : a.answer());
        }
        return Behaviors.same();
    }
}
