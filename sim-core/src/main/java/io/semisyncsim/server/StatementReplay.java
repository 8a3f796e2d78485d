package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.sql.ParseException;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import java.util.List;

/**
 * The statements of a transaction written as statements, run again by a replica's SQL thread against the
 * replica's own data (log_event_server.cc Query_log_event::do_apply_event): where the replica's rows differ
 * from the source's, a statement changes the replica's rows as they are, so statement format carries a drift
 * on and widens it (measured on MariaDB 10.11.18: a replica whose row held 50 made it 51 and then 510 where
 * the source went 1, 2, 20, and then deleted it; an upsert added to its 50, an INSERT ... SELECT copied its
 * rows; inside one transaction each statement sees the ones before it). Row format would have stopped with
 * 1032 or overwritten it.
 *
 * <p>Run again here: each UPDATE, DELETE, INSERT and REPLACE written as a statement, in a transaction whose
 * statements read nothing of the source's session (the clock, RAND(), a user variable, LAST_INSERT_ID(), an
 * INSERT_ID), which the replica's SQL thread would take from the events before them. A rows event (MIXED's
 * unsafe statement) applies the source's rows in its place. A plain INSERT's clash has stopped the thread
 * before this (ApplyError).
 */
public final class StatementReplay {
    private StatementReplay() {
    }

    /** {@code trx} with its changes as the replica computes them, or {@code trx} as it is. */
    public static Transaction onReplica(Mysqld replica, Transaction trx) {
        if (trx.logging() == null || !trx.logging().statements() || trx.query() != null) {
            return trx; // row format (the commit path's transactions), or DDL
        }
        List<RowChange> changes = trx.changes();
        boolean replays = false;
        for (int i = 0; i < changes.size(); i = trx.statementEnd(i)) {
            RowChange first = changes.get(i);
            if (writtenAsStatement(first)) {
                if (first.log() != null && first.log().readsTheSession()) {
                    return trx; // the replica would not draw the source's values: the source's changes
                }
                replays |= runsAgain(replica, first.sql());
            }
        }
        if (!replays) {
            return trx;
        }
        Session session = new Session();
        session.markReplicaApplier();
        session.begin();
        for (int i = 0; i < changes.size(); i = trx.statementEnd(i)) {
            RowChange first = changes.get(i);
            if (writtenAsStatement(first) && runsAgain(replica, first.sql())) {
                session.setDatabase(first.statementDatabase()); // the Query event's database
                if (!(replica.execute(Account.ROOT, first.sql(), session) instanceof StatementResult.Ok)) {
                    return trx; // an error the conflict checks before this did not foresee: the source's changes
                }
            } else {
                session.add(changes.subList(i, trx.statementEnd(i))); // as they came
            }
        }
        List<RowChange> computed = session.take();
        if (computed.isEmpty()) { // it changed nothing here, and this replica writes rows: the statement alone
            RowChange first = changes.get(0);
            computed = List.of(RowChange.noRow(EventType.QUERY, first.db(), first.table(), first.sql()));
        }
        return trx.withChanges(computed);
    }

    /** Whether the statement that {@code first} begins was written as its text (not rows, not a generated row). */
    private static boolean writtenAsStatement(RowChange first) {
        return first.sql() != null && !first.rows();
    }

    /** A DML statement, as the parser reads it: what the model runs again (the others are DDL, Query events). */
    private static boolean runsAgain(Mysqld replica, String sql) {
        try {
            Statement s = Parser.parse(Parser.withoutTerminator(sql), replica.flavor().dialect());
            return s instanceof Statement.Insert || s instanceof Statement.Update || s instanceof Statement.Delete;
        } catch (ParseException e) {
            return false; // the source ran it, so it parses; if not, the source's changes
        }
    }
}
