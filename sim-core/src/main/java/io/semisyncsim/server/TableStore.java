package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node's data: which rows each table holds, enough to compare nodes and count what each has. Row
 * values are not kept: nothing reads them back, and they travel in the binlog's row events.
 */
public final class TableStore {
    private final Map<String, KeyRanges> tables = new TreeMap<>();
    private long appliedTransactions;

    public void apply(Transaction trx) {
        for (Transaction.RowChange c : trx.changes()) {
            KeyRanges rows = tables.get(c.table());
            if (rows == null) {
                rows = new KeyRanges();
                tables.put(c.table(), rows);
            }
            if (c.kind() == EventType.DELETE_ROWS) {
                rows.remove(c.key());
            } else {
                rows.add(c.key());
            }
        }
        appliedTransactions++;
    }

    public long rowCount() {
        long n = 0;
        for (KeyRanges rows : tables.values()) {
            n += rows.size();
        }
        return n;
    }

    public long rowCount(String table) {
        KeyRanges rows = tables.get(table);
        return rows == null ? 0 : rows.size();
    }

    public long appliedTransactions() {
        return appliedTransactions;
    }

    /** The keys of a table's rows, in order. */
    public SortedSet<Long> keys(String table) {
        KeyRanges rows = tables.get(table);
        return rows == null ? new TreeSet<>() : rows.toSortedSet();
    }

    public boolean contains(String table, long key) {
        KeyRanges rows = tables.get(table);
        return rows != null && rows.contains(key);
    }
}
