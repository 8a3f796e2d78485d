package io.semisyncsim.binlog;

/**
 * The binlog event types the model writes: a file's header events, a transaction's events (row-based
 * or, in statement format, QUERY per statement; a DDL or account statement is a GTID event and one QUERY
 * event, which ends its transaction), rotation and the Stop event of a clean shutdown; and
 * the ones a dump thread makes up (FAKE_ROTATE naming where the stream begins, the artificial
 * FORMAT_DESCRIPTION it sends when it starts past the file's own, and GTID_SKIPPED).
 */
public enum EventType {
    FORMAT_DESCRIPTION, PREVIOUS_GTIDS, GTID_LIST, BINLOG_CHECKPOINT,
    GTID, QUERY_BEGIN, QUERY, TABLE_MAP, WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, XID, ROTATE, STOP,
    FAKE_ROTATE, ARTIFICIAL_FORMAT_DESCRIPTION,
    /**
     * What a GTID dump sends after skipping transactions the replica has, so the replica's positions
     * move past them: MariaDB's fake Gtid_list event (sql_repl.cc send_fake_gtid_list), MySQL's heartbeat,
     * which the replica's I/O thread writes to its relay log as an ignored Rotate
     * (rpl_binlog_sender.cc send_events; rpl_replica.cc queue_event). It ends where the skipped run ends.
     */
    GTID_SKIPPED,
    /**
     * The Rotate a relay log's own rotation (FLUSH RELAY LOGS) writes at the end of the file it closes
     * (log.cc/binlog.cc new_file_impl, a Rotate_log_event with the RELAY_LOG flag): it names the next relay
     * file, and the SQL thread reading it moves there; the source coordinates do not move.
     */
    RELAY_ROTATE,
    /** MariaDB's Annotate_rows: the statement's text before its row events (binlog_annotate_row_events). */
    ANNOTATE_ROWS,
    /**
     * The Intvar event INSERT_ID=n before a statement that generated AUTO_INCREMENT values, in statement
     * format, so that a replica running the statement generates the same ones (log_event.h Intvar_log_event).
     */
    INTVAR,
    /** The User var event before a statement that reads a user variable, with its value (User_var_log_event). */
    USER_VAR,
    /** The Rand event before a statement that calls RAND(): the session generator's seeds (Rand_log_event). */
    RAND,
    /**
     * The Query event "COMMIT" that ends a transaction the storage engine took no part in (statements that
     * changed no row, written in statement format): no XID to write (binlog_commit of a non-XA transaction).
     */
    QUERY_COMMIT;

    /** Events a dump thread makes up: they are not in the binlog. */
    public boolean artificial() {
        return this == FAKE_ROTATE || this == ARTIFICIAL_FORMAT_DESCRIPTION || this == GTID_SKIPPED;
    }
}
