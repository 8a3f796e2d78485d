package io.semisyncsim.binlog;

import java.util.List;

/**
 * A committed transaction as the binlog carries it: its number on the source ({@code id}, in commit
 * order), an optional GTID, when it began on the source (virtual µs, the events' timestamp, which
 * Seconds_Behind_Master is measured from), and its row changes. In statement format each change is
 * written as the statement that made it, in the default database {@code test}.
 */
public record Transaction(long id, String gtid, long timestamp, List<RowChange> changes) {

    /** The default database the model's statements run in (the real harness's JDBC default too). */
    public static final String DATABASE = "test";

    public Transaction {
        changes = List.copyOf(changes);
    }

    /** One row image: INSERT (no before), UPDATE, or DELETE (no after) of a key in a table. */
    public record RowChange(EventType kind, String table, long key, String value) {

        /** The row a commit or workload step inserts: its value is {@code row-KEY}, as the real harness's. */
        public static RowChange generatedInsert(String table, long key) {
            return new RowChange(EventType.WRITE_ROWS, table, key, "row-" + key);
        }

        /**
         * The statement that made this change, as a client sends it (statement-format binlogs log the
         * text): the same text the real-server harness sends for commit and workload steps.
         */
        public String statement() {
            return switch (kind) {
                case WRITE_ROWS -> "INSERT INTO " + DATABASE + ".`" + table + "` VALUES (" + key + ", '" + value + "')";
                case UPDATE_ROWS -> "UPDATE " + DATABASE + ".`" + table + "` SET v = '" + value + "' WHERE id = " + key;
                default -> "DELETE FROM " + DATABASE + ".`" + table + "` WHERE id = " + key;
            };
        }
    }
}
