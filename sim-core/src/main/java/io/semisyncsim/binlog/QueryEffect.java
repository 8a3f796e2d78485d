package io.semisyncsim.binlog;

/**
 * What a Query event (DDL, CREATE USER, GRANT...) does to the data of the node that applies it: the
 * source at its engine commit, each replica's SQL thread when it reaches the event. The binlog only
 * carries it; the node's store knows the kinds.
 */
public interface QueryEffect {

    /**
     * Whether the server logs the statement as atomic DDL, with an XID in the Query event's status
     * variables (MariaDB 10.6+ for CREATE, ALTER and DROP TABLE: 9 more bytes, measured on 10.11.18).
     */
    default boolean loggedWithXid() {
        return false;
    }

    /**
     * Whether the Query event leaves out the session's database (LOG_EVENT_SUPPRESS_USE_F), as CREATE and DROP
     * DATABASE do: the event's database is the one the statement names, and SHOW BINLOG EVENTS shows no
     * {@code use} (measured on MariaDB 10.11.19).
     */
    default boolean suppressesUse() {
        return false;
    }
}
