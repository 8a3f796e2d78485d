package io.semisyncsim.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.trace.Trace;

/** The actor of one mysqld: turns messages into calls on {@link Mysqld} and results into replies. */
public final class MysqldActor {
    private MysqldActor() {
    }

    public sealed interface Command {
    }

    /** A client statement; the reply carries the client's correlation id. */
    public record Execute(long id, Account account, String sql, ActorRef<Executed> replyTo) implements Command {
    }

    public record Executed(long id, StatementResult result) {
    }

    /** The process dies at once: no shutdown. */
    public record Crash() implements Command {
    }

    /** Start (or restart after a crash), reading the option file again. */
    public record Start() implements Command {
    }

    public static Behavior<Command> create(Mysqld server, Trace trace) {
        return Behaviors.receive(Command.class)
                .onMessage(Execute.class, e -> {
                    StatementResult result = server.execute(e.account(), e.sql());
                    trace.record(server.name(), "connection", "sql", "user", e.account().user(), "sql", e.sql(),
                            "result", summary(result));
                    e.replyTo().tell(new Executed(e.id(), result));
                    return Behaviors.same();
                })
                .onMessage(Crash.class, c -> {
                    server.crash();
                    trace.record(server.name(), "mysqld", "crash");
                    return Behaviors.same();
                })
                .onMessage(Start.class, s -> {
                    trace.record(server.name(), "mysqld", "start", "state", server.start().name());
                    return Behaviors.same();
                })
                .build();
    }

    private static String summary(StatementResult r) {
        if (r instanceof StatementResult.Failed f) {
            return "ERROR " + f.error().code();
        }
        if (r instanceof StatementResult.Rows rows) {
            return rows.resultSet().rows().size() + " rows";
        }
        return "OK";
    }
}
