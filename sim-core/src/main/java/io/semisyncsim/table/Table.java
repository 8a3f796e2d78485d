package io.semisyncsim.table;

import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.function.Consumer;

/**
 * A table's rows on one node. Two kinds: {@link ImplicitTable}, the model's {@code (id, v)} table that
 * commit and workload steps fill with millions of keys (kept as key ranges, values synthesized), and
 * {@link TypedTable}, a table made by CREATE TABLE (rows kept whole). Rows are arrays in column order;
 * what a scan hands out must not be changed.
 */
public abstract sealed class Table permits ImplicitTable, TypedTable {

    public abstract TableDef def();

    public abstract long size();

    /** Every row, in primary key order (insertion order without a primary key). */
    public abstract void forEachRow(Consumer<Object[]> action);

    /** The row with these primary key values, or null (or a table without a primary key). */
    public abstract Object[] findByKey(Object[] key);

    /** Applies a committed row change (the source at engine commit, a replica's SQL thread). */
    public abstract void apply(RowChange change);

    /** TRUNCATE TABLE. */
    public abstract void truncate();

    /** An independent copy, for a session's view that includes its own uncommitted changes. */
    public abstract Table copy();

    /** The next AUTO_INCREMENT value this table hands out. */
    public abstract long nextAutoIncrement();

    /** The primary key values of a row. */
    public Object[] key(Object[] row) {
        int[] pk = def().primaryKeyIndexes();
        Object[] key = new Object[pk.length];
        for (int i = 0; i < pk.length; i++) {
            key[i] = row[pk[i]];
        }
        return key;
    }

    /**
     * The primary key of the row {@code c} changes or deletes (its before image), or null when it has none:
     * an insert, or a table without a primary key.
     */
    public Object[] beforeKey(RowChange c) {
        if (c.before() == null && c.after() == null) { // a commit or workload step's change: its key
            return c.kind() == io.semisyncsim.binlog.EventType.WRITE_ROWS ? null : new Object[] {c.key()};
        }
        return c.before() == null || def().primaryKey().isEmpty() ? null : key(c.before().toArray());
    }

    /** The primary key of the row {@code c} writes (its after image), or null: a delete, no primary key. */
    public Object[] afterKey(RowChange c) {
        if (c.kind() == io.semisyncsim.binlog.EventType.DELETE_ROWS || def().primaryKey().isEmpty()) {
            return null;
        }
        if (c.before() == null && c.after() == null) {
            return new Object[] {c.key()};
        }
        return c.after() == null ? null : key(c.after().toArray());
    }

    /**
     * Whether the row {@code c} changes or deletes is there, for a table without a primary key (compared
     * whole, as Rows_log_event::find_row scans such a table); tables with one are asked by key.
     */
    public boolean hasRowWithoutKey(RowChange c) {
        if (c.before() == null) {
            return true;
        }
        Object[] image = c.before().toArray();
        boolean[] found = {false};
        forEachRow(row -> found[0] |= compareKeys(row, image) == 0);
        return found[0];
    }

    /**
     * The first unique key (in the server's key order) whose values in {@code row} another row of this table
     * holds, or null: {@code self}, the row {@code row} replaces (an update's before image), does not count.
     * NULLs never clash (a unique key holds any number of rows with a NULL in it).
     */
    public TableDef.Index uniqueClash(Object[] row, Object[] self) {
        return null; // only a created table has unique keys
    }

    /** The row whose values in the unique key {@code index} are {@code values}, or null. */
    public Object[] uniqueHolder(TableDef.Index index, Object[] values) {
        return null; // only a created table has unique keys
    }

    /** The values of {@code row} at {@code positions}, or null when one of them is NULL. */
    public static Object[] values(Object[] row, int[] positions) {
        Object[] out = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = row[positions[i]];
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /** Whether a row with this primary key is there. */
    public boolean hasKey(Object[] key) {
        return findByKey(key) != null;
    }

    /** The entry error 1062 quotes: the key's values joined by '-', as MySQL prints a composite key. */
    public static String keyText(Object[] key) {
        StringBuilder out = new StringBuilder();
        for (Object k : key) {
            out.append(out.length() == 0 ? "" : "-").append(Values.text(k));
        }
        return out.toString();
    }

    /** Whether two primary keys are the same key, as the key's collation compares them. */
    public static boolean sameKey(Object[] a, Object[] b) {
        return compareKeys(a, b) == 0;
    }

    /** Compares primary keys column by column, as the key's collation does (case-insensitive text). */
    static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Values.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
