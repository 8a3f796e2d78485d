package io.semisyncsim.table;

/**
 * Why a replica cannot apply a row change as its source made it: the handler errors a rows event meets
 * (log_event_server.cc Write_rows_log_event::write_row, Rows_log_event::find_row). {@code key}: the
 * duplicate entry as error 1062 quotes it, and {@code keyName} the key it clashed on (PRIMARY or a unique
 * key's name); both null for a row not found.
 */
public record RowConflict(Kind kind, String key, String keyName) {

    /** Each with the error it raises and the handler error a rows event's report names (none for a table). */
    public enum Kind {
        /** A row with the key is there already. */
        DUPLICATE_KEY(1062, "HA_ERR_FOUND_DUPP_KEY"),
        /** The row to change or delete is not there. */
        ROW_NOT_FOUND(1032, "HA_ERR_KEY_NOT_FOUND"),
        /** The table was dropped here, so the rows have nowhere to go. */
        TABLE_MISSING(1146, null);

        private final int errno;
        private final String handlerError;

        Kind(int errno, String handlerError) {
            this.errno = errno;
            this.handlerError = handlerError;
        }

        public int errno() {
            return errno;
        }

        public String handlerError() {
            return handlerError;
        }
    }

    /** A row with the same primary key is there. */
    public static RowConflict duplicate(String key) {
        return duplicate(key, "PRIMARY");
    }

    /** A row with the same values in the unique key {@code keyName} is there. */
    public static RowConflict duplicate(String key, String keyName) {
        return new RowConflict(Kind.DUPLICATE_KEY, key, keyName);
    }

    public static RowConflict notFound() {
        return new RowConflict(Kind.ROW_NOT_FOUND, null, null);
    }

    public static RowConflict tableMissing() {
        return new RowConflict(Kind.TABLE_MISSING, null, null);
    }
}
