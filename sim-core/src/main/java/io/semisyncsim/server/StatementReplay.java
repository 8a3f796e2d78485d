package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.List;

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

    /**
     * {@code trx} with its statement's changes as the replica computes them, or {@code trx} as it is.
     * {@code rowsSeen}: the relay log gave it a rows event, so it is applied as rows.
     */
    public static Transaction onReplica(Mysqld replica, Transaction trx, boolean rowsSeen) {
        if (rowsSeen || trx.query() != null || trx.changes().isEmpty()
                || trx.statementEnd(0) != trx.changes().size()) {
            return trx;
        }
        RowChange first = trx.changes().get(0);
        String sql = first.sql(); // null: a generated row of the implicit table, the same on every server
        if (sql == null || first.rows() || readsTheSession(first.log())) {
            return trx;
        }
        sql = sql.strip();
        if (!startsWithWord(sql, "UPDATE") && !startsWithWord(sql, "DELETE")) {
            return trx;
        }
        Session session = new Session();
        session.setDatabase(Transaction.DATABASE); // the Query event's default database
        StatementResult r = replica.execute(Account.ROOT, sql, session);
        if (r instanceof StatementResult.CommitNeeded c && c.query() == null) {
            return trx.withChanges(c.changes());
        }
        if (r instanceof StatementResult.Ok) { // it changed nothing here (the replica writes rows): the statement alone
            return trx.withChanges(List.of(RowChange.noRow(EventType.QUERY, first.db(), first.table(), sql)));
        }
        return trx; // an error the conflict checks before this did not foresee: the source's changes
    }

    private static boolean startsWithWord(String sql, String word) {
        return sql.regionMatches(true, 0, word, 0, word.length())
                && (sql.length() == word.length() || Character.isWhitespace(sql.charAt(word.length())));
    }

    private static boolean readsTheSession(Transaction.StatementLog log) {
        return log != null && (log.clockBytes() != 0 || log.rand() != null || !log.userVars().isEmpty()
                || log.lastInsertId() != null || log.insertId() != 0);
    }
}
