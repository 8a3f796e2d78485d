package io.semisyncsim.server;

import io.semisyncsim.table.Table;
import io.semisyncsim.table.TypedTable;

/**
 * The AUTO_INCREMENT values of one INSERT, as InnoDB hands them out for a simple insert
 * (ha_innobase::get_auto_increment, innodb_autoinc_lock_mode 1 and 2): at the first row that needs one it
 * reserves as many values as the statement has rows left to write, and again when they run out, and the
 * table's counter moves past the reservation at once. So the values a statement reserved are gone whether
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
    private final int rows;
    private long next;
    private long end;
    private long first;

    /** {@code counter} null: a table without a counter of its own (the implicit table): values as the view's. */
    AutoIncrementRun(Table committed, Table view, int rows) {
        this.counter = committed instanceof TypedTable t ? t : null;
        this.view = view;
        this.rows = rows;
    }

    /** The value for row {@code row} (from 0) of the statement, reserving when none is left. */
    long take(int row) {
        if (next >= end) {
            next = Math.max(next, current());
            end = next + (rows - row);
            moveCounter(end);
        }
        if (first == 0) {
            first = next;
        }
        return next++;
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
