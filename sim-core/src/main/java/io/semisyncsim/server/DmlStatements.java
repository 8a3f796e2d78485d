package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Transactions on the simple table model: rows keyed by an integer id. Inside BEGIN ... COMMIT the
 * session collects changes; otherwise each statement commits on its own (autocommit). Committing is
 * the node actor's work (group commit), so a committing statement answers {@code CommitNeeded}.
 */
final class DmlStatements {
    private final Mysqld server;

    DmlStatements(Mysqld server) {
        this.server = server;
    }

    StatementResult run(Account account, Statement s, Session session) throws SqlError {
        if (s instanceof Statement.CountRows count) {
            return new StatementResult.Rows(new ResultSet(List.of(new ResultSet.Column("COUNT(*)", true)),
                    List.of(List.of(Long.toString(server.store().rowCount(count.table()))))), List.of());
        }
        if (!account.has(Privilege.DML)) {
            throw server.flavor().error(1142, "INSERT", account.user(), account.host(), "t1");
        }
        if (s instanceof Statement.Begin) {
            List<RowChange> implicit = session.take(); // BEGIN commits an open transaction first
            session.begin();
            return implicit.isEmpty() ? StatementExecutor.ok(List.of()) : new StatementResult.CommitNeeded(implicit, 0);
        }
        if (s instanceof Statement.Commit) {
            List<RowChange> changes = session.take();
            return changes.isEmpty() ? StatementExecutor.ok(List.of()) : new StatementResult.CommitNeeded(changes, 0);
        }
        if (s instanceof Statement.Rollback) {
            session.take();
            return StatementExecutor.ok(List.of());
        }
        List<RowChange> changes = new ArrayList<>();
        if (s instanceof Statement.Insert insert) {
            for (Statement.Row row : insert.rows()) {
                if (exists(session, insert.table(), row.key()) || changes.stream().anyMatch(c -> c.key() == row.key())) {
                    throw server.flavor().error(1062, Long.toString(row.key()), insert.table());
                }
                changes.add(new RowChange(EventType.WRITE_ROWS, insert.table(), row.key(),
                        row.value() == null ? "" : row.value()));
            }
        } else if (s instanceof Statement.Update update) {
            if (exists(session, update.table(), update.key())) {
                changes.add(new RowChange(EventType.UPDATE_ROWS, update.table(), update.key(), update.value()));
            }
        } else if (s instanceof Statement.Delete delete) {
            if (exists(session, delete.table(), delete.key())) {
                changes.add(new RowChange(EventType.DELETE_ROWS, delete.table(), delete.key(), null));
            }
        }
        if (session.inTransaction()) {
            session.add(changes);
            return new StatementResult.Ok(changes.size(), List.of());
        }
        // Autocommit: a statement that changed nothing writes nothing to the binlog.
        return changes.isEmpty() ? StatementExecutor.ok(List.of()) : new StatementResult.CommitNeeded(changes, changes.size());
    }

    /** The row as this session sees it: its own pending changes first, then committed data. */
    private boolean exists(Session session, String table, long key) {
        Boolean pending = session.pendingExists(table, key);
        return pending != null ? pending : server.store().contains(table, key);
    }

    static boolean handles(Statement s) {
        return s instanceof Statement.Begin || s instanceof Statement.Commit || s instanceof Statement.Rollback
                || s instanceof Statement.Insert || s instanceof Statement.Update || s instanceof Statement.Delete
                || s instanceof Statement.CountRows;
    }
}
