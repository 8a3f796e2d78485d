package io.semisyncsim.cluster;


import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.server.Account;
import java.util.List;
import java.util.Map;

/**
 * A client connection, as an application or the mysql client: sends a statement or a commit and gets
 * its result. Results land in a map the driver reads at quiescence (all on the driver thread).
 */
final class ClientSession {
    private ClientSession() {
    }

    sealed interface Command {
    }

    record Send(long id, long session, ActorRef<MysqldActor.Command> server, Account account, String sql)
            implements Command {
    }

    record CommitRows(long id, long session, ActorRef<MysqldActor.Command> server, List<Transaction.RowChange> changes)
            implements Command {
    }

    private record Reply(MysqldActor.Executed executed) implements Command {
    }

    private record CommitReply(MysqldActor.Committed committed) implements Command {
    }

    static Behavior<Command> create(Map<Long, Object> results, java.util.function.LongSupplier clock) {
        return Behaviors.setup(ctx -> {
            ActorRef<MysqldActor.Executed> replies = ctx.messageAdapter(MysqldActor.Executed.class, Reply::new);
            ActorRef<MysqldActor.Committed> commits = ctx.messageAdapter(MysqldActor.Committed.class, CommitReply::new);
            return Behaviors.receive(Command.class)
                    .onMessage(Send.class, s -> {
                        s.server().tell(new MysqldActor.Execute(s.id(), s.session(), s.account(), s.sql(), replies));
                        return Behaviors.same();
                    })
                    .onMessage(CommitRows.class, s -> {
                        s.server().tell(new MysqldActor.Commit(s.id(), s.session(), s.changes(), commits));
                        return Behaviors.same();
                    })
                    .onMessage(Reply.class, r -> {
                        results.put(r.executed().id(), new Cluster.Answer(r.executed().result(), clock.getAsLong()));
                        return Behaviors.same();
                    })
                    .onMessage(CommitReply.class, r -> {
                        results.put(r.committed().id(), r.committed());
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
