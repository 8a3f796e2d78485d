package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.StatementResult;
import java.util.Map;

/**
 * A client connection, as the mysql command-line client: sends a statement, gets its result. Results
 * land in a map the driver reads at quiescence (all on the driver thread, so no locking).
 */
final class ClientSession {
    private ClientSession() {
    }

    sealed interface Command {
    }

    record Send(long id, ActorRef<MysqldActor.Command> server, Account account, String sql) implements Command {
    }

    private record Reply(MysqldActor.Executed executed) implements Command {
    }

    static Behavior<Command> create(Map<Long, StatementResult> results) {
        return Behaviors.setup(ctx -> {
            ActorRef<MysqldActor.Executed> replies = ctx.messageAdapter(MysqldActor.Executed.class, Reply::new);
            return Behaviors.receive(Command.class)
                    .onMessage(Send.class, s -> {
                        s.server().tell(new MysqldActor.Execute(s.id(), s.account(), s.sql(), replies));
                        return Behaviors.same();
                    })
                    .onMessage(Reply.class, r -> {
                        results.put(r.executed().id(), r.executed().result());
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
