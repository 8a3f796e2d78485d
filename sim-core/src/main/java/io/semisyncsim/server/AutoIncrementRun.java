package io.semisyncsim.server;

import io.semisyncsim.table.Table;
import io.semisyncsim.table.TypedTable;

/**
 * The AUTO_INCREMENT values of one INSERT, as the handler asks InnoDB for them (handler.cc
 * update_auto_increment, ha_innobase::get_auto_increment, innodb_autoinc_lock_mode 1 and 2): the first
 * reservation is as many values as an INSERT ... VALUES has rows (however many rows came before the first that
 * needs one), an INSERT ... SELECT's 1, each later one twice the one before; InnoDB then counts the rows the
 * statement writes against it (trx->n_autoinc_rows), so a reservation made while some are left is just those;
 * and the table's counter moves past a reservation at once (measured on MariaDB 10.11.18: (10, 1), (NULL, 2)
 * leaves 12 unused, an INSERT ... SELECT of two rows 5, (NULL), (50), (NULL) none). So the values a statement reserved are gone whether
 * it fails, is rolled back or skips rows: measured on MariaDB 10.11.18, a three-row INSERT failing at its
 * first row leaves a gap of three. An explicit value at or past the counter moves it, and the statement's
 * next value past it (handler.cc adjust_next_insert_id_after_explicit_value); a row INSERT IGNORE skips
 * gives its value back to the next row (sql_insert.cc write_record, restore_auto_increment).
 */
final class AutoIncrementRun {
    /** The table whose counter a reservation moves: the committed one, which every session shares. */
    private final TypedTable counter;
    /** What this statement's session sees: its own uncommitted rows may be past the committed counter. */
    private final Table view;
    /** The rows of an INSERT ... VALUES (lex->many_values), or 0 for an INSERT ... SELECT's unknown count. */
    private final int valuesRows;
    /** The reservations made so far (auto_inc_intervals_count). */
    private int intervals;
    /** InnoDB's count of the rows still to come against its reservation (trx->n_autoinc_rows). */
    private long rowsLeft;
    private long next;
    private long end;
    private long first;

    /**
     * {@code counter} null: a table without a counter of its own (the implicit table): values as the view's.
     * {@code valuesRows}: an INSERT ... VALUES's rows, 0 for an INSERT ... SELECT.
     */
    AutoIncrementRun(Table committed, Table view, int valuesRows) {
        this.counter = committed instanceof TypedTable t ? t : null;
        this.view = view;
        this.valuesRows = valuesRows;
    }

    /** The statement's next value, reserving when none is left. */
    long take() {
        if (next >= end) {
            next = Math.max(next, current());
            if (rowsLeft == 0) {
                rowsLeft = intervals == 0 && valuesRows > 0 ? valuesRows : 1L << Math.min(intervals, 16);
            }
            end = next + rowsLeft;
            intervals++;
            moveCounter(end);
        }
        if (first == 0) {
            first = next;
        }
        return next++;
    }

    /** A row reached the engine (ha_innobase::write_row counts it off the reservation). */
    void rowWritten() {
        if (rowsLeft > 0) {
            rowsLeft--;
        }
    }

    /** A row gave its own value {@code v}. */
    void explicit(long v) {
        moveCounter(v + 1);
        if (next != 0 && v >= next) {
            next = v + 1;
        }
    }

    /** INSERT IGNORE skipped the row that took {@code v}: the next row takes it again. */
    void giveBack(long v) {
        next = v;
    }

    /** The first value this statement generated (LAST_INSERT_ID, the binlog's INSERT_ID), or 0. */
    long first() {
        return first;
    }

    private long current() {
        return Math.max(view.nextAutoIncrement(), counter == null ? 1 : counter.nextAutoIncrement());
    }

    private void moveCounter(long past) {
        if (counter != null) {
            counter.reserveAutoIncrement(past);
        }
    }
}
