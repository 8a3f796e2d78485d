package io.semisyncsim.binlog;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A committed transaction as the binlog carries it: its number on the source ({@code id}, in commit
 * order), an optional GTID, when it began on the source (virtual µs, the events' timestamp, which
 * Seconds_Behind_Master is measured from), and its row changes; or, for DDL and account statements,
 * the {@link Query} the binlog writes as one Query event (its own transaction, as MySQL writes DDL).
 */
public record Transaction(long id, String gtid, long timestamp, List<RowChange> changes, Query query) {

    public Transaction {
        changes = List.copyOf(changes);
    }

    /** A transaction of row changes. */
    public Transaction(long id, String gtid, long timestamp, List<RowChange> changes) {
        this(id, gtid, timestamp, changes, null);
    }

    /**
     * A statement written as a Query event: the default database it ran in (or null), its text as the
     * client sent it, and what applying it does to a node's data (the SQL thread applies it there).
     */
    public record Query(String db, String sql, QueryEffect effect) {
    }

    /**
     * One row change. The {@code commit:}/{@code workload:} path writes a key of the implicit table in
     * the default database, with a value that is the generated {@code 'row-KEY'} (or null for it), so
     * that tables of millions of rows stay keys only. Statements in SQL carry the whole row images
     * instead: {@code before} (UPDATE, DELETE) and {@code after} (INSERT, UPDATE), column by column.
     *
     * @param db the database, or null for the default one
     */
    public record RowChange(EventType kind, String db, String table, long key, String value, List<Object> before,
                            List<Object> after) {

        public RowChange(EventType kind, String table, long key, String value) {
            this(kind, null, table, key, value, null, null);
        }

        /** A change of a table written in SQL: whole row images. */
        public static RowChange images(EventType kind, String db, String table, Object[] before, Object[] after) {
            return new RowChange(kind, db, table, 0, null, image(before), image(after));
        }

        private static List<Object> image(Object[] row) {
            return row == null ? null : Collections.unmodifiableList(Arrays.asList(row.clone()));
        }
    }
}
