package io.semisyncsim.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's definition: where it lives, its columns in order, the primary key's columns (empty: no
 * primary key, rows kept in insertion order as InnoDB's hidden row id does), and the table options
 * SHOW CREATE TABLE writes back.
 *
 * @param implicit a table nobody created: the model's {@code (id, v)} table of {@code commit:} and
 *     {@code workload:} steps, which comes into being at its first row
 */
public record TableDef(String db, String name, List<ColumnDef> columns, List<String> primaryKey, List<Index> indexes,
                       Options options, boolean implicit) {

    /**
     * A secondary index: KEY name (columns), which changes no answer and SHOW CREATE TABLE writes back, or
     * UNIQUE KEY name (columns), which refuses a second row with the same values in them (1062), NULLs apart.
     */
    public record Index(String name, List<String> columns, boolean unique) {
        public Index {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Table options as written: engine (InnoDB unless written), character set and collation (null:
     * the server's defaults), comment (null: none).
     */
    /** {@code autoIncrement}: the AUTO_INCREMENT=n the table was created with, its counter's start (0: none). */
    public record Options(String engine, String charset, String collation, String comment, long autoIncrement) {
        public static final Options DEFAULT = new Options("InnoDB", null, null, null);

        public Options(String engine, String charset, String collation, String comment) {
            this(engine, charset, collation, comment, 0);
        }
    }

    public TableDef {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
    }

    /** The implicit table's shape: {@code id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(255)}, as real mode creates it. */
    public static TableDef implicit(String db, String name) {
        return new TableDef(db, name, List.of(
                new ColumnDef("id", ColumnType.integer(ColumnType.Kind.BIGINT, 0, false), false,
                        ColumnDef.Default.NONE, false, false),
                new ColumnDef("v", ColumnType.text(ColumnType.Kind.VARCHAR, 255), true, ColumnDef.Default.NULL,
                        false, false)), List.of("id"), List.of(), Options.DEFAULT, true);
    }

    /** The column's position, case-insensitively as MySQL matches column names; -1 if none. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    public ColumnDef column(String name) {
        int i = columnIndex(name);
        return i < 0 ? null : columns.get(i);
    }

    public boolean hasUniqueKeys() {
        for (Index i : indexes) {
            if (i.unique()) {
                return true;
            }
        }
        return false;
    }

    /** The unique keys, in the order the server keeps its keys ({@link #keyOrder}). */
    public List<Index> uniqueKeys() {
        List<Index> out = new ArrayList<>();
        for (Index i : indexes) {
            if (i.unique()) {
                out.add(i);
            }
        }
        return out;
    }

    /** An index's column positions, in key order. */
    public int[] columnIndexes(Index index) {
        int[] out = new int[index.columns().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = columnIndex(index.columns().get(i));
        }
        return out;
    }

    /**
     * Secondary keys in the order the server keeps them, and SHOW CREATE TABLE lists them after PRIMARY:
     * unique keys on NOT NULL columns, then unique keys with a nullable column, then the others, each in
     * the order they were defined (sql_table.cc sort_keys, in MySQL and MariaDB alike).
     */
    public static List<Index> keyOrder(List<Index> indexes, List<ColumnDef> columns) {
        List<Index> out = new ArrayList<>(indexes);
        out.sort(java.util.Comparator.comparingInt(i -> i.unique() ? (nullablePart(i, columns) ? 1 : 0) : 2));
        return out;
    }

    private static boolean nullablePart(Index index, List<ColumnDef> columns) {
        for (String name : index.columns()) {
            for (ColumnDef c : columns) {
                if (c.name().equalsIgnoreCase(name) && c.nullable()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The primary key's column positions, in key order. */
    public int[] primaryKeyIndexes() {
        int[] out = new int[primaryKey.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = columnIndex(primaryKey.get(i));
        }
        return out;
    }

    /** The same table under another name (CREATE TABLE ... LIKE): a created table, never implicit. */
    public TableDef withName(String newDb, String newName) {
        return new TableDef(newDb, newName, columns, primaryKey, indexes, options, false);
    }

    /** ALTER TABLE's result: a created table from now on, even when it was implicit. */
    public TableDef withColumns(List<ColumnDef> newColumns, List<String> newPrimaryKey, List<Index> newIndexes) {
        return new TableDef(db, name, newColumns, newPrimaryKey, newIndexes, options, false);
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (ColumnDef c : columns) {
            names.add(c.name());
        }
        return names;
    }
}
