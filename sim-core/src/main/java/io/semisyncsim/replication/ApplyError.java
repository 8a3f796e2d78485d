package io.semisyncsim.replication;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.SkipErrors;
import io.semisyncsim.server.TableStore;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.RowConflict;
import java.util.List;

/**
 * A replicated transaction the SQL thread cannot apply because the replica's data differs from its
 * source's: a row whose key is there already (1062), a row to change that is not (1032), a table it dropped
 * (1146). {@code code},
 * Last_SQL_Errno; {@code reported}, Last_SQL_Error (Relay_log_info::report: how the failing event reports
 * it); {@code message}, the error itself, as the thread's warning line quotes it; {@code fatal}: the
 * handler's error is one the server logs as it raises it (handler.cc print_error's SET_FATAL_ERROR for a
 * row an update or delete did not find: MariaDB writes it to the error log, measured on 10.11.18);
 * {@code stops}: the SQL thread stops on it, rather than going on; {@code reports}: going on, it writes
 * the report as a Warning; {@code dropFrom}/{@code dropTo}: the changes it leaves out, going on
 * (slave_skip_errors: the rest of a rows event, or a whole statement), none when equal; {@code skipped}:
 * slave_skip_errors went past it, which Slave_skipped_errors counts.
 */
record ApplyError(int code, String reported, String message, boolean fatal, boolean stops, boolean reports,
                  int dropFrom, int dropTo, boolean skipped) {

    /** An error the SQL thread stops at, as the failing event reports it. */
    static ApplyError stopping(int code, String reported, String message) {
        return new ApplyError(code, reported, message, false, true, true, 0, 0, false);
    }

    /** This error as slave_skip_errors goes past it: counted in Slave_skipped_errors (ignored_error_code). */
    ApplyError skippedByRule() {
        return new ApplyError(code, reported, message, fatal, stops, reports, dropFrom, dropTo, true);
    }

    /** How this replica meets conflicts: slave_exec_mode IDEMPOTENT, and the errors slave_skip_errors names. */
    record Rules(boolean idempotent, SkipErrors skip) {
    }

    /**
     * What applying {@code trx} meets on this replica, in order (empty: it applies): row events
     * ({@code asRows}) stop at a duplicate key or a missing row; a statement only at a duplicate key, since an
     * UPDATE or DELETE that matches no row there is no error (measured on MariaDB 10.11.18). {@code rules}
     * (asked only when something conflicts) may let the thread go on: an error slave_skip_errors names is
     * gone past, leaving out the rest of its rows event with a Warning report, or its whole statement
     * silently; with slave_exec_mode IDEMPOTENT a rows event's written duplicate overwrites, and an update
     * onto a key that is there or a row not found is reported and gone past. {@code rowsEventEnds}: where the transaction's rows events end in the source's
     * binlog, in order; {@code sourceFile}: that binlog file.
     */
    static List<ApplyError> of(Flavor flavor, TableStore store, Transaction trx, boolean asRows,
                               java.util.function.Supplier<Rules> rules, long[] rowsEventEnds, int rowsEvents,
                               String sourceFile) {
        List<TableStore.Conflict> found = store.conflicts(trx, false); // per applied transaction: the first only
        if (found.isEmpty()) {
            return List.of();
        }
        Rules r = rules.get();
        found = store.conflicts(trx, true);
        List<ApplyError> out = new java.util.ArrayList<>(found.size());
        int droppedTo = -1;
        for (TableStore.Conflict conflict : found) {
            if (conflict.index() < droppedTo) {
                continue; // in what a skipped error left out already
            }
            RowConflict.Kind kind = conflict.conflict().kind();
            // a statement MIXED wrote as rows in a transaction of statements is applied as rows, and the others as statements
            boolean rows = changeInRows(trx, conflict.index(), asRows);
            boolean tolerant = rows && r.idempotent();
            boolean duplicate = kind == RowConflict.Kind.DUPLICATE_KEY;
            if (!rows && kind == RowConflict.Kind.ROW_NOT_FOUND) {
                continue; // a statement that matched nothing here
            }
            if (!rows && duplicate) {
                // The replica runs the statement again (Query_log_event::do_apply_event): INSERT IGNORE skips the
                // row in the way's clash, REPLACE and ON DUPLICATE KEY UPDATE take the row in the way over.
                Statement.Insert insert = insertOf(flavor, statementOf(trx, conflict.index()));
                if (insert != null && (insert.ignore() || insert.replace() || !insert.onDuplicate().isEmpty())) {
                    if (insert.ignore() && !insert.replace() && insert.onDuplicate().isEmpty()) {
                        out.add(new ApplyError(kind.errno(), "", "", false, false, false, conflict.index(),
                                conflict.index() + 1, false));
                    }
                    continue;
                }
            }
            if (r.skip().skips(kind.errno())) { // Rows_log_event::do_apply_event / Query_log_event: ignored_error_code
                int end = trx.statementEnd(statementStart(trx, conflict.index()));
                int from = rows ? conflict.index() : statementStart(trx, conflict.index());
                out.add(error(flavor, trx, conflict, rows, false, rows, from, end, rowsEventEnds, rowsEvents,
                        sourceFile).skippedByRule());
                droppedTo = end;
                continue;
            }
            if (tolerant && duplicate) {
                if (trx.changes().get(conflict.index()).kind() == EventType.WRITE_ROWS) {
                    continue; // overwritten (IDEMPOTENT: write_row deletes the rows in the way)
                }
                // An update onto a key another row holds: ha_update_row's error is an idempotent one, reported
                // as a Warning and gone past, the row left as it was (measured on MariaDB 10.11.18)
                out.add(error(flavor, trx, conflict, true, false, true, conflict.index(), conflict.index() + 1,
                        rowsEventEnds, rowsEvents, sourceFile));
                continue;
            }
            boolean stops = !tolerant || kind == RowConflict.Kind.TABLE_MISSING; // IDEMPOTENT covers rows only
            out.add(error(flavor, trx, conflict, rows, stops, true, 0, 0, rowsEventEnds, rowsEvents, sourceFile));
            if (stops) {
                break;
            }
        }
        return out;
    }

    /** {@code trx} without the changes the errors it went past left out; itself when none. */
    static Transaction remaining(Transaction trx, List<ApplyError> errors) {
        boolean[] drop = null;
        for (ApplyError e : errors) {
            for (int i = e.dropFrom(); i < e.dropTo(); i++) {
                if (drop == null) {
                    drop = new boolean[trx.changes().size()];
                }
                drop[i] = true;
            }
        }
        if (drop == null) {
            return trx;
        }
        List<Transaction.RowChange> kept = new java.util.ArrayList<>();
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i]) {
                kept.add(trx.changes().get(i));
            }
        }
        return trx.withChanges(kept);
    }

    /** Where the statement that made change {@code index} starts. */
    private static int statementStart(Transaction trx, int index) {
        int start = 0;
        for (int i = 0; i <= index; i = trx.statementEnd(i)) {
            start = i;
        }
        return start;
    }

    private static ApplyError error(Flavor flavor, Transaction trx, TableStore.Conflict found, boolean asRows,
                                    boolean stops, boolean reports, int dropFrom, int dropTo, long[] rowsEventEnds,
                                    int rowsEvents, String sourceFile) {
        Transaction.RowChange c = trx.changes().get(found.index());
        String db = c.db() == null ? Catalog.DEFAULT_DB : c.db();
        RowConflict.Kind kind = found.conflict().kind();
        String message = switch (kind) {
            // literal numbers: TextKeysTest checks every flavour has each text with its arguments
            case DUPLICATE_KEY -> flavor.errorText(1062, found.conflict().key(), c.table(), found.conflict().keyName());
            case ROW_NOT_FOUND -> flavor.errorText(1032, c.table());
            case TABLE_MISSING -> flavor.errorText(1146, db, c.table());
        };
        String reported = asRows && kind == RowConflict.Kind.TABLE_MISSING
                // the event cannot open its table (Rows_log_event::do_apply_event: open_and_lock_tables)
                ? flavor.replicaApplyOpenError("message", message)
                : report(flavor, trx, found.index(), asRows, message, kind.errno(), kind.handlerError(), rowsEventEnds,
                        rowsEvents, sourceFile);
        return new ApplyError(kind.errno(), reported, message, kind == RowConflict.Kind.ROW_NOT_FOUND, stops, reports,
                dropFrom, dropTo, false);
    }

    /**
     * Change {@code index} of {@code trx} waited for its row past innodb_lock_wait_timeout: 1205 with InnoDB's
     * HA_ERR_LOCK_WAIT_TIMEOUT, reported by its rows event or its statement as any error there is (measured on
     * MariaDB 10.11.19: "Could not execute Update_rows_v1 event on table test.t1; Lock wait timeout exceeded;
     * ...", and "Error 'Lock wait timeout exceeded; ...' on query" under MIXED).
     */
    static ApplyError lockWaitTimeout(Flavor flavor, Transaction trx, int index, boolean asRows, long[] rowsEventEnds,
                                      int rowsEvents, String sourceFile) {
        return lockWaitEnded(flavor, trx, index, asRows, 1205, flavor.errorText(1205), "HA_ERR_LOCK_WAIT_TIMEOUT",
                rowsEventEnds, rowsEvents, sourceFile);
    }

    /**
     * Change {@code index} of {@code trx} was waiting for its row when the SQL thread was killed: the flavour's
     * {@code killedErrno}, with no handler error (measured on MariaDB 10.11.19: "...; Connection was killed,
     * Error_code: 1927; the event's master log ...").
     */
    static ApplyError lockWaitKilled(Flavor flavor, Transaction trx, int index, boolean asRows, long[] rowsEventEnds,
                                     int rowsEvents, String sourceFile) {
        int code = flavor.replicaRetries().killedErrno();
        // literal numbers: TextKeysTest checks every flavour has each text
        String message = code == 1927 ? flavor.errorText(1927) : flavor.errorText(1317);
        return lockWaitEnded(flavor, trx, index, asRows, code, message, null, rowsEventEnds, rowsEvents, sourceFile);
    }

    private static ApplyError lockWaitEnded(Flavor flavor, Transaction trx, int index, boolean asRows, int code,
                                            String message, String handler, long[] rowsEventEnds, int rowsEvents,
                                            String sourceFile) {
        return stopping(code, report(flavor, trx, index, changeInRows(trx, index, asRows), message, code, handler,
                rowsEventEnds, rowsEvents, sourceFile), message);
    }

    /** How the event that made change {@code index} reports {@code message}: its rows event's words, or its statement's. */
    private static String report(Flavor flavor, Transaction trx, int index, boolean asRows, String message, int code,
                                 String handler, long[] rowsEventEnds, int rowsEvents, String sourceFile) {
        Transaction.RowChange c = trx.changes().get(index);
        if (asRows) {
            int event = Math.min(rowsEventOf(trx, index, rowsEvents), rowsEvents - 1);
            Object[] args = {"event", flavor.rowsEventName(c.kind()), "db", c.db() == null ? Catalog.DEFAULT_DB : c.db(),
                "table", c.table(), "message", message, "code", code, "handler", handler, "file", sourceFile,
                "pos", event < 0 ? 0 : rowsEventEnds[event]};
            return handler == null ? flavor.replicaApplyErrorNoHandler(args) : flavor.replicaApplyError(true, args);
        }
        String statementDb = trx.changes().get(statementStart(trx, index)).statementDatabase();
        return flavor.replicaApplyError(false, "message", message, "db", statementDb == null ? "" : statementDb,
                "query", statementOf(trx, index));
    }

    /** Whether change {@code index} of {@code trx} came as rows (else its statement is run again). */
    static boolean changeInRows(Transaction trx, int index, boolean asRows) {
        return asRows && inRows(trx, statementStart(trx, index));
    }

    /**
     * Which of the transaction's rows events holds change {@code index}: one per change (the model's fixed
     * layout) when there are as many events as changes of rows, else one per run of one kind in each
     * statement (BinaryLog's layout from the tables' columns).
     */
    private static int rowsEventOf(Transaction trx, int index, int rowsEvents) {
        List<Transaction.RowChange> changes = trx.changes();
        int rowChanges = 0;
        int before = 0;
        for (int i = 0; i < changes.size(); i = trx.statementEnd(i)) {
            if (!inRows(trx, i)) {
                continue; // a statement MIXED wrote as a statement has no rows event
            }
            for (int k = i; k < trx.statementEnd(i); k++) {
                if (changes.get(k).changesRow()) {
                    rowChanges++;
                    before += k < index ? 1 : 0;
                }
            }
        }
        if (rowsEvents == rowChanges) {
            return before;
        }
        int event = -1; // one rows event per run of one kind within each statement (BinaryLog.rowsByStatement)
        for (int i = 0; i <= index && i < changes.size(); i = trx.statementEnd(i)) {
            if (!changes.get(i).changesRow() || !inRows(trx, i)) {
                continue;
            }
            for (int run = i; run <= index && run < trx.statementEnd(i); run = trx.runEnd(run)) {
                event++;
            }
        }
        return event;
    }

    /** Whether the statement starting at {@code start} was written as rows (row format, or MIXED's unsafe one). */
    private static boolean inRows(Transaction trx, int start) {
        return trx.logging() == null || !trx.logging().statements() || trx.changes().get(start).rows();
    }

    /** The statement as the replica parses it to run it again, if it is an INSERT or REPLACE; else null. */
    private static Statement.Insert insertOf(Flavor flavor, String sql) {
        try {
            return Parser.parse(sql, flavor.dialect()) instanceof Statement.Insert i ? i : null;
        } catch (io.semisyncsim.sql.ParseException e) {
            return null;
        }
    }

    /** The statement that made change {@code index}: the text of its statement's first change. */
    static String statementOf(Transaction trx, int index) {
        return trx.changes().get(statementStart(trx, index)).statement();
    }
}
