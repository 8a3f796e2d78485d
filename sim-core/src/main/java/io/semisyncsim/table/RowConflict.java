package io.semisyncsim.table;

/**
 * Why a replica cannot apply a row change as its source made it: the handler errors a rows event meets
 * (log_event_server.cc Write_rows_log_event::write_row, Rows_log_event::find_row). {@code key}: the
 * duplicate entry as error 1062 quotes it; null for a row not found.
 */
public record RowConflict(Kind kind, String key) {

    public enum Kind {
        /** HA_ERR_FOUND_DUPP_KEY, error 1062: a row with the key is there already. */
        DUPLICATE_KEY,
        /** HA_ERR_KEY_NOT_FOUND, error 1032: the row to change or delete is not there. */
        ROW_NOT_FOUND,
        /** Error 1146: the table was dropped here, so the rows have nowhere to go. */
        TABLE_MISSING
    }

    public static RowConflict duplicate(String key) {
        return new RowConflict(Kind.DUPLICATE_KEY, key);
    }

    public static RowConflict notFound() {
        return new RowConflict(Kind.ROW_NOT_FOUND, null);
    }

    public static RowConflict tableMissing() {
        return new RowConflict(Kind.TABLE_MISSING, null);
    }
}
