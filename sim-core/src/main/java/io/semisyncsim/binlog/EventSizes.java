package io.semisyncsim.binlog;

/**
 * Event sizes of a flavour's binlog (flavors.conf {@code binlog}).
 *
 * @param queryBase a Query event's size without its default database and statement text, which follow
 *     it byte for byte (log_event.cc Query_log_event::write: header, post-header, status variables)
 */
public record EventSizes(String basename, long firstEventPos, int gtid, int begin, int tableMap, int rowsBase,
                         int rowBytes, int xid, int rotateBase, int queryBase) {

    /** A Query event of {@code sql} run in database {@code db} (null: none selected). */
    public int query(String db, String sql) {
        return queryBase + (db == null ? 0 : db.length()) + sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
