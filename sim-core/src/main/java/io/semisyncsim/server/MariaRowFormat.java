package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.RowFormat;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.TableDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

/**
 * MariaDB 10.11's row-format events (log_event_server.cc: Annotate_rows_log_event, Table_map_log_event,
 * Rows_log_event with binlog_row_image FULL, v1 rows events), each with the 19-byte header and the 4-byte
 * CRC32 checksum (binlog_checksum's default). Measured on a real 10.11.19: Annotate_rows 23 + the text;
 * Table_map 48 for {@code test.t1 (id BIGINT, v VARCHAR(255))}; a one-row Write_rows_v1 of it 44 + the
 * value's length; UPDATE carries the row before and after.
 */
public final class MariaRowFormat implements RowFormat {
    private static final int HEADER = 19;
    private static final int CHECKSUM = 4;
    /** The post-header of Table_map and rows events: a 6-byte table id and 2 bytes of flags. */
    private static final int POST_HEADER = 8;
    /** decimal_bin_size's bytes for 0 to 8 leftover digits (decimal.c dig2bytes). */
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    private final BiFunction<String, String, TableDef> tables;
    private final String defaultCharset;
    private final java.util.function.BooleanSupplier annotate;

    /**
     * {@code tables}: a table's definition by database and name (null: not known); {@code defaultCharset}:
     * the server's character set for a table that names none (MariaDB 10.11's latin1).
     */
    public MariaRowFormat(BiFunction<String, String, TableDef> tables, String defaultCharset) {
        this(tables, defaultCharset, () -> true);
    }

    /** {@code annotate}: binlog_annotate_row_events, read at each transaction written. */
    public MariaRowFormat(BiFunction<String, String, TableDef> tables, String defaultCharset,
                          java.util.function.BooleanSupplier annotate) {
        this.tables = tables;
        this.defaultCharset = defaultCharset;
        this.annotate = annotate;
    }

    @Override
    public boolean annotates() {
        return annotate.getAsBoolean();
    }

    @Override
    public int annotateRows(String statement) {
        return HEADER + statement.getBytes(StandardCharsets.UTF_8).length + CHECKSUM;
    }

    @Override
    public int tableMap(Transaction.RowChange change) {
        TableDef def = def(change);
        if (def == null) {
            return -1;
        }
        int n = def.columns().size();
        int metadata = 0;
        for (ColumnDef c : def.columns()) {
            metadata += metadataBytes(c.type());
        }
        String db = change.db() == null ? Transaction.DATABASE : change.db();
        return HEADER + POST_HEADER + 1 + bytes(db) + 1 + 1 + bytes(change.table()) + 1 + packed(n) + n
                + packed(metadata) + metadata + bitmap(n) + CHECKSUM;
    }

    @Override
    public int rows(List<Transaction.RowChange> statement) {
        Transaction.RowChange first = statement.get(0);
        TableDef def = def(first);
        if (def == null) {
            return -1;
        }
        int n = def.columns().size();
        int size = HEADER + POST_HEADER + packed(n) + bitmap(n);
        if (first.kind() == EventType.UPDATE_ROWS) {
            size += bitmap(n); // the after image's columns
        }
        int wide = charsetWidth(def);
        for (Transaction.RowChange c : statement) {
            if (c.kind() != EventType.WRITE_ROWS) {
                size += image(def, before(c), wide);
            }
            if (c.kind() != EventType.DELETE_ROWS) {
                size += image(def, after(c), wide);
            }
        }
        return size + CHECKSUM;
    }

    /**
     * The table's definition. A table of the default database that no CREATE TABLE made is the implicit one,
     * created at its first row, whether a commit step or a statement in SQL writes that row (the real
     * harness creates it with the same columns: real/ImplicitTables).
     */
    private TableDef def(Transaction.RowChange c) {
        String db = c.db() == null ? Transaction.DATABASE : c.db();
        TableDef def = tables.apply(db, c.table());
        return def == null && db.equals(Transaction.DATABASE) ? TableDef.implicit(db, c.table()) : def;
    }

    /** A generated row (commit and workload steps) is its key and its value; SQL's carries whole images. */
    private static List<Object> after(Transaction.RowChange c) {
        return c.after() != null ? c.after() : java.util.Arrays.asList(c.key(), c.value() == null ? "row-" + c.key() : c.value());
    }

    private static List<Object> before(Transaction.RowChange c) {
        return c.before() != null ? c.before() : java.util.Arrays.asList(c.key(), "row-" + c.key());
    }

    /** One row image: its null bitmap, then each value that is not NULL, packed as the column's field packs it. */
    private static int image(TableDef def, List<Object> row, int wide) {
        int size = bitmap(def.columns().size());
        for (int i = 0; i < def.columns().size() && i < row.size(); i++) {
            Object v = row.get(i);
            if (v != null) {
                size += valueBytes(def.columns().get(i).type(), v, wide);
            }
        }
        return size;
    }

    /** Field::pack: integers and temporals at their width; strings with a length prefix, CHAR without trailing spaces. */
    private static int valueBytes(ColumnType t, Object v, int wide) {
        return switch (t.kind()) {
            case TINYINT -> 1;
            case SMALLINT -> 2;
            case MEDIUMINT -> 3;
            case INT -> 4;
            case BIGINT -> 8;
            case DECIMAL -> decimalBinSize(t.precision(), t.scale());
            case DOUBLE -> 8;
            case ENUM -> t.members().size() > 255 ? 2 : 1; // its number (Field_enum::pack_length)
            case SET -> (t.members().size() + 7) / 8; // a bit per member, in whole bytes (Field_set)
            case DATE -> 3;
            case TIME -> 3 + (t.fsp() + 1) / 2; // TIME2
            case YEAR -> 1;
            case DATETIME -> 5 + (t.fsp() + 1) / 2;  // DATETIME2 (mysql56_temporal_format), then the fraction's bytes
            case TIMESTAMP -> 4 + (t.fsp() + 1) / 2; // TIMESTAMP2 (my_timestamp_binary_length)
            case CHAR -> prefix(t.length() * wide) + text(stripTrailingSpaces(v.toString()), wide);
            case VARCHAR -> prefix(t.length() * wide) + text(v.toString(), wide);
            case TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT -> t.textLengthBytes() + text(v.toString(), wide); // a BLOB's length
            case JSON -> 4 + bytes(v.toString()); // utf8mb4 whatever the table's character set
            case VARBINARY -> prefix(t.length()) + v.toString().length(); // bytes, whatever the character set
            case TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB -> t.textLengthBytes() + v.toString().length();
        };
    }

    /** A string's bytes in the column's character set: one a character in a single-byte set, else UTF-8's. */
    private static int text(String s, int wide) {
        return wide == 1 ? s.length() : bytes(s);
    }

    /** Field_string::pack leaves a CHAR's trailing spaces out. */
    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Table_map's metadata per column (Field::save_field_metadata). */
    private static int metadataBytes(ColumnType t) {
        return switch (t.kind()) {
            case DECIMAL, CHAR, VARCHAR, ENUM, SET, VARBINARY -> 2;
            case DOUBLE, TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT, JSON, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB, DATETIME,
                    TIMESTAMP, TIME -> 1;
            default -> 0;
        };
    }

    /** A length prefix: one byte up to 255 bytes of column, else two. */
    private static int prefix(int maxBytes) {
        return maxBytes > 255 ? 2 : 1;
    }

    /** decimal.c decimal_bin_size: nine digits in four bytes, the leftovers per dig2bytes, on each side. */
    static int decimalBinSize(int precision, int scale) {
        int intg = precision - scale;
        return intg / 9 * 4 + DIG2BYTES[intg % 9] + scale / 9 * 4 + DIG2BYTES[scale % 9];
    }

    /** The longest character of the table's character set, in bytes. */
    private int charsetWidth(TableDef def) {
        String cs = def.options().charset() != null ? def.options().charset() : defaultCharset;
        return cs.startsWith("utf8mb4") ? 4 : cs.startsWith("utf8") ? 3 : 1;
    }

    private static int bitmap(int columns) {
        return (columns + 7) / 8;
    }

    /** net_store_length's size for a length below 251 (all the model writes). */
    private static int packed(int n) {
        return n < 251 ? 1 : 3;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
