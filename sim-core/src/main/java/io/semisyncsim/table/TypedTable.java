package io.semisyncsim.table;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A table made by CREATE TABLE: whole rows, ordered by primary key (with the key's case-insensitive
 * collation), or by an insertion counter when it has none (InnoDB's hidden row id).
 */
public final class TypedTable extends Table {
    private final TableDef def;
    private final int[] pk;
    /** Rows by primary key; a table without one keys them by {@code Long} row id. */
    private final TreeMap<Object[], Object[]> rows;
    private long nextRowId = 1;
    private long autoIncrement = 1;
    /** The unique keys, their columns' positions, and each one's rows by its values (rows with a NULL in it left out). */
    private final TableDef.Index[] uniques;
    private final int[][] uniquePositions;
    private final TreeMap<Object[], Object[]>[] byUnique;

    @SuppressWarnings("unchecked")
    public TypedTable(TableDef def) {
        this.def = def;
        this.autoIncrement = Math.max(1, def.options().autoIncrement()); // CREATE TABLE ... AUTO_INCREMENT=n
        this.pk = def.primaryKeyIndexes();
        this.rows = new TreeMap<>(Table::compareKeys);
        this.uniques = def.uniqueKeys().toArray(new TableDef.Index[0]);
        this.uniquePositions = new int[uniques.length][];
        this.byUnique = new TreeMap[uniques.length];
        for (int u = 0; u < uniques.length; u++) {
            uniquePositions[u] = def.columnIndexes(uniques[u]);
            byUnique[u] = new TreeMap<>(Table::compareKeys);
        }
    }

    @Override
    public TableDef.Index uniqueClash(Object[] row, Object[] self) {
        for (int u = 0; u < uniques.length; u++) {
            Object[] values = values(row, uniquePositions[u]);
            Object[] holder = values == null ? null : byUnique[u].get(values);
            if (holder != null && (self == null || compareKeys(pk.length == 0 ? holder : key(holder),
                    pk.length == 0 ? self : key(self)) != 0)) { // the row itself: by its primary key, if it has one
                return uniques[u];
            }
        }
        return null;
    }

    @Override
    public TableDef def() {
        return def;
    }

    @Override
    public long size() {
        return rows.size();
    }

    @Override
    public void forEachRow(Consumer<Object[]> action) {
        for (Object[] row : rows.values()) {
            action.accept(row);
        }
    }

    @Override
    public Object[] findByKey(Object[] key) {
        return pk.length == 0 ? null : rows.get(key);
    }

    @Override
    public void apply(RowChange c) {
        if (c.before() != null && !removeRow(c.before().toArray())) {
            return; // a replica's statement that matched no row there changes nothing
        }
        if (c.after() != null && c.kind() != EventType.DELETE_ROWS) {
            insert(c.after().toArray());
        }
    }

    @Override
    public Object[] uniqueHolder(TableDef.Index index, Object[] values) {
        for (int u = 0; u < uniques.length; u++) {
            if (uniques[u].name().equals(index.name())) {
                return byUnique[u].get(values);
            }
        }
        return null;
    }

    /**
     * Adds a row, replacing any with the same primary key or unique key values: a replica with
     * slave_exec_mode IDEMPOTENT deletes each row in the way and writes again (log_event_server.cc
     * Rows_log_event::write_row); a statement has refused such rows before.
     */
    public void insert(Object[] row) {
        for (int u = 0; u < uniques.length; u++) {
            Object[] values = values(row, uniquePositions[u]);
            Object[] holder = values == null ? null : byUnique[u].get(values);
            if (holder != null) {
                removeRow(holder);
            }
        }
        Object[] key = pk.length == 0 ? new Object[] {nextRowId++} : key(row);
        Object[] replaced = rows.put(key, row);
        if (replaced != null) {
            unindex(replaced);
        }
        for (int u = 0; u < uniques.length; u++) {
            Object[] values = values(row, uniquePositions[u]);
            if (values != null) {
                byUnique[u].put(values, row);
            }
        }
        bumpAutoIncrement(row);
    }

    private void unindex(Object[] row) {
        for (int u = 0; u < uniques.length; u++) {
            Object[] values = values(row, uniquePositions[u]);
            if (values != null) {
                byUnique[u].remove(values);
            }
        }
    }

    private void bumpAutoIncrement(Object[] row) {
        for (int i = 0; i < def.columns().size(); i++) {
            if (def.columns().get(i).autoIncrement() && row[i] instanceof Long v && v >= autoIncrement) {
                autoIncrement = v + 1;
            }
        }
    }

    /** Removes the row with {@code before}'s key, or the first row equal to it without a primary key; false if none. */
    private boolean removeRow(Object[] before) {
        if (pk.length > 0) {
            Object[] removed = rows.remove(key(before));
            if (removed != null) {
                unindex(removed);
            }
            return removed != null;
        }
        Iterator<Map.Entry<Object[], Object[]>> it = rows.entrySet().iterator();
        while (it.hasNext()) {
            Object[] row = it.next().getValue();
            if (java.util.Arrays.equals(row, before)) {
                it.remove();
                unindex(row);
                return true;
            }
        }
        return false;
    }

    @Override
    public void truncate() {
        rows.clear();
        for (TreeMap<Object[], Object[]> index : byUnique) {
            index.clear();
        }
        autoIncrement = 1;
    }

    @Override
    public Table copy() {
        TypedTable c = new TypedTable(def);
        c.rows.putAll(rows);
        for (int u = 0; u < uniques.length; u++) {
            c.byUnique[u].putAll(byUnique[u]);
        }
        c.nextRowId = nextRowId;
        c.autoIncrement = autoIncrement;
        return c;
    }

    @Override
    public long nextAutoIncrement() {
        return autoIncrement;
    }

    /** The counter moves to {@code past} if it is behind it: InnoDB reserved the values before it. */
    public void reserveAutoIncrement(long past) {
        autoIncrement = Math.max(autoIncrement, past);
    }

}
