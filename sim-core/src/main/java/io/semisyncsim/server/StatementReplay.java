package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import java.util.Locale;

/**
 * A statement written as a statement, run again by a replica's SQL thread against the replica's own data
 * (log_event_server.cc Query_log_event::do_apply_event): where the replica's rows differ from the source's, it
 * changes the replica's rows as they are, so statement format carries a drift on and widens it (measured on
 * MariaDB 10.11.18: a replica whose row held 50 made it 51 and then 510 where the source went 1, 2, 20, and then
 * deleted it). Row format would have stopped with 1032 or overwritten it.
 *
 * <p>Run again here: an UPDATE or a DELETE that is its transaction's one statement and reads nothing of the
 * source's session (the clock, RAND(), a user variable, LAST_INSERT_ID()). Every other statement applies the
 * source's row changes, which is the same wherever the replica's data is the source's.
 */
public final class StatementReplay {
    private StatementReplay() {
    }

    /** {@code trx} with its statement's changes as the replica computes them, or {@code trx} as it is. */
    public static Transaction onReplica(Mysqld replica, Transaction trx) {
        if (trx.query() != null || trx.changes().isEmpty() || trx.statementEnd(0) != trx.changes().size()) {
            return trx;
        }
        Transaction.RowChange first = trx.changes().get(0);
        if (!first.logsStatement() || first.rows() || first.statement() == null || readsTheSession(first.log())) {
            return trx;
        }
        String sql = first.statement().strip();
        String verb = sql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!verb.equals("UPDATE") && !verb.equals("DELETE")) {
            return trx;
        }
        Session session = new Session();
        session.setDatabase(Transaction.DATABASE); // the Query event's default database
        StatementResult r = replica.execute(Account.ROOT, sql, session);
        if (r instanceof StatementResult.CommitNeeded c && c.query() == null) {
            return trx.withChanges(c.changes());
        }
        if (r instanceof StatementResult.Ok) { // it found nothing to change here: the statement alone
            return trx.withChanges(java.util.List.of(first.withSql(sql)));
        }
        return trx; // an error the conflict checks before this did not foresee: the source's changes
    }

    private static boolean readsTheSession(Transaction.StatementLog log) {
        return log != null && (log.clockBytes() != 0 || log.rand() != null || !log.userVars().isEmpty()
                || log.lastInsertId() != null || log.insertId() != 0);
    }
}
