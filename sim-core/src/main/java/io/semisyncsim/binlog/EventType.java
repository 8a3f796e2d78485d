package io.semisyncsim.binlog;

/**
 * The binlog event types a transaction is written as (row-based), plus rotation. A DDL or account
 * statement is a GTID event and one QUERY event, which ends its transaction (no XID).
 */
public enum EventType {
    GTID, QUERY_BEGIN, TABLE_MAP, WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, XID, QUERY, ROTATE
}
