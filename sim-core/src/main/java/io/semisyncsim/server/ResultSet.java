package io.semisyncsim.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns and rows as the server sends them; a null cell is SQL NULL. {@code numeric} columns are
 * right-aligned by the mysql client, as it does for numeric field types; a {@code nullable} column is
 * at least four characters wide in its table, room for NULL (the client's print_table_data).
 */
public record ResultSet(List<Column> columns, List<List<String>> rows) {

    public record Column(String name, boolean numeric, boolean nullable) {
        public Column(String name, boolean numeric) {
            this(name, numeric, false);
        }
    }

    public ResultSet {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = java.util.Collections.unmodifiableList(copy);
    }

    public static ResultSet of(List<String> names, List<List<String>> rows) {
        List<Column> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(new Column(n, false));
        }
        return new ResultSet(cols, rows);
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
