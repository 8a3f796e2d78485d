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
