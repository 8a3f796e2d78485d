package io.semisyncsim.binlog;

import java.util.List;

/**
 * A committed transaction as the binlog carries it: its number on the source ({@code id}, in commit
 * order), an optional GTID, when it began on the source (virtual µs, the events' timestamp, which
 * Seconds_Behind_Master is measured from), and its row changes.
 */
public record Transaction(long id, String gtid, long timestamp, List<RowChange> changes) {

    public Transaction {
        changes = List.copyOf(changes);
    }

    /** One row image: INSERT (no before), UPDATE, or DELETE (no after) of a key in a table. */
    public record RowChange(EventType kind, String table, long key, String value) {
    }
}
