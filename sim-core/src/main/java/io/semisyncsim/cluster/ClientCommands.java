package io.semisyncsim.cluster;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.CommitCoordinator;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.Session;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.trace.Trace;
import java.util.function.BooleanSupplier;

/**
 * A client's requests on the way in and their answers on the way out, as a plain class: a statement
 * (COM_QUERY, sql_parse.cc dispatch_command) or a commit step's INSERT runs on the client's connection;
 * one that commits goes into group commit and is answered when its commit is done; STOP SLAVE answers
 * when its I/O thread has ended. Who hears the answer is the caller's ({@link Replies}).
 */
final class ClientCommands {

    /** Where the answers go. */
    interface Replies {
        void executed(MysqldActor.Execute statement, StatementResult result);

        void committed(MysqldActor.Commit commit, boolean ok, long trx, BinlogPosition end, boolean semisync,
                       SqlError error);

        /** {@code statement} runs again (a DDL, now that its implicit commit is done; a wait that is over). */
        void rerun(MysqldActor.Execute statement);

        /** Wait {@code waitId} ends with its timeout {@code micros} from now, unless it ends before. */
        void waitTimeout(long waitId, long micros);
    }

    /** Group commit: {@code trx} of {@code committer} is submitted to the node's coordinator of the moment. */
    interface GroupCommitEntry {
        void submit(Transaction trx, CommitCoordinator.Committer committer);
    }

    /** A statement whose answer waits for its commit (or, for a DDL's implicit commit, to run again after it). */
    private record SqlCommit(MysqldActor.Execute statement, StatementResult.CommitNeeded commit) {
    }

    private final Mysqld server;
    private final Trace trace;
    private final ClientConnections clients;
    private final ReplicaThreads replicas;
    /** Between a clean shutdown's start and the process's end. */
    private final BooleanSupplier closing;
    private final GroupCommitEntry groupCommit;
    private final Replies replies;
    private long transactions;

    ClientCommands(Mysqld server, Trace trace, ClientConnections clients, ReplicaThreads replicas,
                   BooleanSupplier closing, GroupCommitEntry groupCommit, Replies replies) {
        this.server = server;
        this.trace = trace;
        this.clients = clients;
        this.replicas = replicas;
        this.closing = closing;
        this.groupCommit = groupCommit;
        this.replies = replies;
    }

    /** The result as the trace's {@code sql} event states it: OK, N rows, ERROR N, or commit. */
    private static String summary(StatementResult r) {
        if (r instanceof StatementResult.Failed f) {
            return "ERROR " + f.error().code();
        }
        if (r instanceof StatementResult.Rows rows) {
            return rows.resultSet().rows().size() + " rows";
        }
        if (r instanceof StatementResult.Blocked) {
            return "waits";
        }
        return r instanceof StatementResult.CommitNeeded ? "commit" : "OK";
    }

    void execute(MysqldActor.Execute e) {
        if (server.state() != NodeState.RUNNING) {
            replies.executed(e, server.execute(e.account(), e.sql(), new Session()));
            return;
        }
        boolean closing = this.closing.getAsBoolean();
        if (clients.endedBefore(e.session(), e, closing)) {
            return; // KILL CONNECTION or a shutdown closed it: the client's next statement finds it gone
        }
        if (closing) { // close_connections closed the listeners first: a new client is refused
            replies.executed(e, server.connectionRefused());
            return;
        }
        ClientConnections.Connection conn = clients.open(e.session(), e.account());
        clients.busy(conn, e, e.sql());
        int stopsBefore = replicas.stopping();
        StatementResult result = server.callAs(conn.thread.id(), () -> server.execute(e.account(), e.sql(),
                conn.session));
        trace.record(server.name(), "connection", "sql", "user", e.account().user(), "sql", e.sql(),
                "result", summary(result));
        conn.thread.db(conn.session.database()); // USE changes what the process list shows
        if (result instanceof StatementResult.Blocked blocked) {
            // A wait function waits: the statement runs again when the wait is over (ReplicationWaits).
            long id = server.waits().add(conn.thread.id(), blocked, conn.session, waitId -> replies.rerun(e));
            if (blocked.timeoutMicros() >= 0) {
                replies.waitTimeout(id, blocked.timeoutMicros());
            }
            return;
        }
        if (!(result instanceof StatementResult.CommitNeeded commit)) {
            if (conn.waiting == e && replicas.stopping() > 0 && stopsBefore != replicas.stopping()) {
                // STOP SLAVE waits for the I/O thread to end (terminate_slave_thread), which on MariaDB
                // includes killing its dump thread on the source over a connection of its own, and for a
                // SQL thread to finish the transaction the server is committing for it.
                conn.thread.set("Query", "Killing slave", e.sql(), server.now());
                replicas.whenStopped(() -> answer(conn, e, result));
            } else if (conn.waiting == e) { // a KILL of its own connection answered it already
                answer(conn, e, result);
            }
            return;
        }
        Transaction trx = commit.transaction(++transactions, server.now(), server.serverId(),
                conn.session.logging(server.variables()));
        trace.record(server.name(), "connection", "commit.begin", "trx", trx.id());
        groupCommit.submit(trx, new CommitCoordinator.Committer(conn.thread.id(), new SqlCommit(e, commit)));
    }

    private void answer(ClientConnections.Connection conn, MysqldActor.Execute e, StatementResult result) {
        clients.answered(conn);
        replies.executed(e, result);
    }

    /** A commit step's autocommit INSERT: refused (2003) while nothing listens, 1062 for a key that exists. */
    void commit(MysqldActor.Commit m) {
        if (server.state() != NodeState.RUNNING || closing.getAsBoolean()) {
            // as for a statement: nothing listens, so the client's connect is refused (2003)
            replies.committed(m, false, 0, null, false, server.connectionRefused().error());
            return;
        }
        ClientConnections.Connection conn = clients.open(m.session(), Account.ROOT);
        for (Transaction.RowChange change : m.changes()) {
            if (change.kind() == EventType.WRITE_ROWS
                    && server.store().contains(change.table(), change.key())) {
                // The row exists (inserted by SQL, say): the INSERT fails as MySQL's does.
                replies.committed(m, false, 0, null, false,
                        server.flavor().error(1062, Long.toString(change.key()), change.table(), "PRIMARY"));
                return;
            }
        }
        clients.busy(conn, m, null);
        Transaction trx = new Transaction(++transactions, null, server.now(), m.changes(), null, server.serverId(),
                conn.session.logging(server.variables()));
        trace.record(server.name(), "connection", "commit.begin", "trx", trx.id());
        groupCommit.submit(trx, new CommitCoordinator.Committer(conn.thread.id(), m));
    }

    /** A commit is done: its client gets OK (or its statement's answer, or its DDL runs on). */
    void committed(CommitCoordinator.Committer committer, Transaction trx, BinlogPosition end, boolean semisync) {
        trace.record(server.name(), "connection", "commit.ok", "trx", trx.id(), "end", end, "semisync", semisync);
        ClientConnections.Connection conn = clients.committed(committer.thread());
        if (conn == null) {
            return; // the client is gone (KILL CONNECTION, COM_QUIT): nobody waits for the answer
        }
        if (committer.reply() instanceof SqlCommit s) {
            if (s.commit().thenRerun()) {
                replies.rerun(s.statement()); // the DDL runs now that its implicit commit is done
            } else {
                answer(conn, s.statement(), s.commit().answer());
            }
            return;
        }
        clients.answered(conn);
        replies.committed((MysqldActor.Commit) committer.reply(), true, trx.id(), end, semisync, null);
    }

    /** A request's client lost its connection (KILL CONNECTION, a shutdown, the process's end): 2013. */
    static void lost(Replies replies, Object request, SqlError error) {
        if (request instanceof MysqldActor.Execute e) {
            replies.executed(e, new StatementResult.Failed(error));
        } else if (request instanceof MysqldActor.Commit m) {
            replies.committed(m, false, 0, null, false, error);
        }
    }
}
