package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.Map;
import java.util.TreeMap;

/** A node's data: rows keyed per table, enough to compare nodes and count what each has. */
public final class TableStore {
    private final Map<String, TreeMap<Long, String>> tables = new TreeMap<>();
    private long appliedTransactions;

    public void apply(Transaction trx) {
        for (Transaction.RowChange c : trx.changes()) {
            TreeMap<Long, String> rows = tables.computeIfAbsent(c.table(), t -> new TreeMap<>());
            if (c.kind() == EventType.DELETE_ROWS) {
                rows.remove(c.key());
            } else {
                rows.put(c.key(), c.value());
            }
        }
        appliedTransactions++;
    }

    public long rowCount() {
        long n = 0;
        for (TreeMap<Long, String> rows : tables.values()) {
            n += rows.size();
        }
        return n;
    }

    public long appliedTransactions() {
        return appliedTransactions;
    }

    /** The keys of a table's rows, in order. */
    public java.util.SortedSet<Long> keys(String table) {
        TreeMap<Long, String> rows = tables.get(table);
        return rows == null ? new java.util.TreeSet<>() : new java.util.TreeSet<>(rows.keySet());
    }

    public boolean contains(String table, long key) {
        TreeMap<Long, String> rows = tables.get(table);
        return rows != null && rows.containsKey(key);
    }
}
