package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.server.Account;
import io.semisyncsim.server.CommitCoordinator;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client's statements and commit steps on their way into the server and their answers, without actors. */
class ClientCommandsTest {

    private final List<String> answers = new ArrayList<>();
    private final List<String> traced = new ArrayList<>();
    private final List<Transaction> submitted = new ArrayList<>();
    private final List<CommitCoordinator.Committer> committers = new ArrayList<>();
    private final Mysqld node = Nodes.started("mysql-8.0");
    private boolean closing;

    private final ClientCommands.Replies replies = new ClientCommands.Replies() {
        @Override
        public void executed(MysqldActor.Execute statement, StatementResult result) {
            answers.add(statement.sql() + ": " + (result instanceof StatementResult.Failed f
                    ? "ERROR " + f.error().code() : result.getClass().getSimpleName()));
        }

        @Override
        public void committed(MysqldActor.Commit commit, boolean ok, long trx, BinlogPosition end, boolean semisync,
                              SqlError error) {
            answers.add("commit " + commit.id() + ": " + (ok ? "OK trx " + trx : "ERROR " + error.code()));
        }

        @Override
        public void rerun(MysqldActor.Execute statement) {
            answers.add(statement.sql() + ": again");
        }

        @Override
        public void waitTimeout(long waitId, long micros) {
            answers.add("wait " + waitId + " times out in " + micros + " us");
        }
    };

    private final ClientCommands commands;
    private final ClientConnections clients;

    ClientCommandsTest() {
        Trace trace = Nodes.traceKindsInto(traced);
        clients = new ClientConnections(node, (request, error) ->
                ClientCommands.lost(replies, request, error));
        ReplicaThreads replicas = new ReplicaThreads(() -> null, () -> null, () -> { }, () -> false);
        commands = new ClientCommands(node, trace, clients, replicas, () -> closing, (trx, committer) -> {
            submitted.add(trx);
            committers.add(committer);
        }, replies);
    }

    private static MysqldActor.Execute statement(long session, String sql) {
        return new MysqldActor.Execute(1, session, Account.ROOT, sql, null);
    }

    /** The row changes of an INSERT of {@code key}, as a commit step sends them. */
    private static List<Transaction.RowChange> insertOf(long key) {
        return List.of(new Transaction.RowChange(EventType.WRITE_ROWS, "t1", key, "row-" + key));
    }

    @Test
    void aStatementRunsOnItsConnectionAndIsAnsweredAtOnce() {
        commands.execute(statement(1, "SELECT 1"));
        assertEquals(List.of("SELECT 1: Rows"), answers);
        assertTrue(traced.contains("sql"));
    }

    @Test
    void aStatementThatCommitsIsAnsweredOnlyWhenItsCommitIsDone() {
        commands.execute(statement(1, "INSERT INTO t1 VALUES (1, 'a')"));
        assertEquals(List.of(), answers);
        assertEquals(1, submitted.size());
        commands.committed(committers.get(0), submitted.get(0), new BinlogPosition("binlog.000001", 400), true);
        assertEquals(List.of("INSERT INTO t1 VALUES (1, 'a'): Ok"), answers);
    }

    @Test
    void aStatementToAServerThatIsDownGetsTheServersOwnAnswer() {
        node.crash();
        commands.execute(statement(1, "SELECT 1"));
        assertEquals(List.of("SELECT 1: ERROR 2003"), answers);
    }

    @Test
    void aNewClientOfAServerThatIsShuttingDownIsRefused() {
        closing = true;
        commands.execute(statement(1, "SELECT 1"));
        assertEquals(List.of("SELECT 1: ERROR 2003"), answers);
    }

    @Test
    void aClientConnectedBeforeTheShutdownFindsItsConnectionGone() {
        commands.execute(statement(1, "SELECT 1"));
        closing = true;
        commands.execute(statement(1, "SELECT 2"));
        assertEquals(List.of("SELECT 1: Rows", "SELECT 2: ERROR 2013"), answers);
    }

    @Test
    void aCommitStepGoesToGroupCommitWithItsRowsAndIsAnsweredOk() {
        List<Transaction.RowChange> rows = insertOf(5);
        commands.commit(new MysqldActor.Commit(7, 1, rows, null));
        assertEquals(rows, submitted.get(0).changes());
        commands.committed(committers.get(0), submitted.get(0), new BinlogPosition("binlog.000001", 400), true);
        assertEquals(List.of("commit 7: OK trx " + submitted.get(0).id()), answers);
    }

    @Test
    void aCommitStepOfAKeyThatExistsFailsWith1062() {
        List<Transaction.RowChange> rows = insertOf(5);
        node.store().apply(new Transaction(1, null, 0, rows));
        commands.commit(new MysqldActor.Commit(7, 1, rows, null));
        assertEquals(List.of("commit 7: ERROR 1062"), answers);
        assertEquals(List.of(), submitted);
    }

    @Test
    void aCommitStepWhileTheServerShutsDownIsRefused() {
        closing = true;
        commands.commit(new MysqldActor.Commit(7, 1, insertOf(5), null));
        assertEquals(List.of("commit 7: ERROR 2003"), answers);
    }

    @Test
    void aDdlRunsAgainOnceItsImplicitCommitIsDone() {
        commands.execute(statement(1, "BEGIN"));
        commands.execute(statement(1, "INSERT INTO t1 VALUES (1, 'a')"));
        answers.clear();
        commands.execute(statement(1, "CREATE TABLE t2 (id INT PRIMARY KEY)"));
        assertEquals(1, submitted.size(), "the open transaction commits first");
        commands.committed(committers.get(0), submitted.get(0), new BinlogPosition("binlog.000001", 400), false);
        assertEquals(List.of("CREATE TABLE t2 (id INT PRIMARY KEY): again"), answers);
    }

    @Test
    void aCommitWhoseClientIsGoneIsAnsweredToNobody() {
        commands.commit(new MysqldActor.Commit(7, 1, insertOf(5), null));
        clients.quit(1); // COM_QUIT while the commit is under way
        answers.clear();
        commands.committed(committers.get(0), submitted.get(0), new BinlogPosition("binlog.000001", 400), true);
        assertEquals(List.of(), answers);
    }

    @Test
    void aClientThatLostItsConnectionGetsTheErrorForWhatItAsked() {
        ClientCommands.lost(replies, statement(1, "SELECT 1"), new SqlError(2013, "HY000", "Lost connection"));
        ClientCommands.lost(replies, new MysqldActor.Commit(7, 1, List.of(), null),
                new SqlError(2013, "HY000", "Lost connection"));
        assertEquals(List.of("SELECT 1: ERROR 2013", "commit 7: ERROR 2013"), answers);
    }
}
