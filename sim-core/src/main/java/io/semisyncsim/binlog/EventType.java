package io.semisyncsim.binlog;

/** The binlog event types a transaction is written as (row-based), plus rotation. */
public enum EventType {
    GTID, QUERY_BEGIN, TABLE_MAP, WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, XID, ROTATE
}
