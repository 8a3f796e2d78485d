package io.semisyncsim.binlog;

/**
 * The binlog event types the model writes: a file's header events, a transaction's events (row-based
 * or, in statement format, QUERY per statement; a DDL or account statement is a GTID event and one QUERY
 * event, which ends its transaction), rotation and the Stop event of a clean shutdown; and
 * the two a dump thread makes up at its start (FAKE_ROTATE naming where the stream begins, and the
 * artificial FORMAT_DESCRIPTION it sends when it starts past the file's own).
 */
public enum EventType {
    FORMAT_DESCRIPTION, PREVIOUS_GTIDS, GTID_LIST, BINLOG_CHECKPOINT,
    GTID, QUERY_BEGIN, QUERY, TABLE_MAP, WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, XID, ROTATE, STOP,
    FAKE_ROTATE, ARTIFICIAL_FORMAT_DESCRIPTION;

    /** Events a dump thread makes up: they are not in the binlog and move no read position. */
    public boolean artificial() {
        return this == FAKE_ROTATE || this == ARTIFICIAL_FORMAT_DESCRIPTION;
    }
}
