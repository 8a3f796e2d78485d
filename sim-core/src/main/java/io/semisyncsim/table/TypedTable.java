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

    public TypedTable(TableDef def) {
        this.def = def;
        this.pk = def.primaryKeyIndexes();
        this.rows = new TreeMap<>(Table::compareKeys);
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

    /** Adds a row (replacing one with the same key: a replica applies idempotently). */
    public void insert(Object[] row) {
        rows.put(pk.length == 0 ? new Object[] {nextRowId++} : key(row), row);
        bumpAutoIncrement(row);
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
            return rows.remove(key(before)) != null;
        }
        Iterator<Map.Entry<Object[], Object[]>> it = rows.entrySet().iterator();
        while (it.hasNext()) {
            if (java.util.Arrays.equals(it.next().getValue(), before)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    @Override
    public void truncate() {
        rows.clear();
        autoIncrement = 1;
    }

    @Override
    public Table copy() {
        TypedTable c = new TypedTable(def);
        c.rows.putAll(rows);
        c.nextRowId = nextRowId;
        c.autoIncrement = autoIncrement;
        return c;
    }

    @Override
    public long nextAutoIncrement() {
        return autoIncrement;
    }

    /** The AUTO_INCREMENT value an INSERT takes, and the counter moves past it. */
    public long takeAutoIncrement() {
        return autoIncrement++;
    }
}
