package io.semisyncsim.binlog;

/**
 * One event in a binlog file: where it ends ({@code end}: MySQL's {@code log_pos}, the position after
 * it, in its file), its size, the transaction it belongs to ({@code trx} 0 for rotation) and when that
 * began on the source. Content is metadata only; the rows a transaction changes travel with its last
 * event, the XID (the QUERY event of a DDL), and its GTID with its first, the GTID event, where a
 * dump thread decides what to skip. The end is kept as a position because every dump thread asks for it per event.
 * A MariaDB Gtid event of a transaction committed in a group of several names the group ({@code commitId},
 * log_event_server.cc Gtid_log_event::write: FL_GROUP_COMMIT_ID); 0 for every other event. A file's
 * header events and a Rotate carry what they record as SHOW BINLOG EVENTS and SHOW RELAYLOG EVENTS print
 * it ({@code info}: Previous_gtids' or Gtid_list's GTID state, the file a Binlog_checkpoint names, the
 * file a Rotate names; Log_event::pack_info), so a replica's relay log shows it too; null for the rest.
 */
public record BinlogEvent(EventType type, BinlogPosition end, int size, long trx, long timestamp,
                          Transaction transaction, io.semisyncsim.gtid.Gtid gtid, long commitId, String info) {

    /** An event that records nothing for SHOW BINLOG EVENTS beyond its type and transaction. */
    public BinlogEvent(EventType type, BinlogPosition end, int size, long trx, long timestamp,
                       Transaction transaction, io.semisyncsim.gtid.Gtid gtid, long commitId) {
        this(type, end, size, trx, timestamp, transaction, gtid, commitId, null);
    }

    /** An event outside a commit group: {@code commitId} 0. */
    public BinlogEvent(EventType type, BinlogPosition end, int size, long trx, long timestamp,
                       Transaction transaction, io.semisyncsim.gtid.Gtid gtid) {
        this(type, end, size, trx, timestamp, transaction, gtid, 0);
    }

    public BinlogEvent(EventType type, String file, long endPos, int size, long trx, long timestamp,
                       Transaction transaction) {
        this(type, new BinlogPosition(file, endPos), size, trx, timestamp, transaction, null);
    }

    /** An event of a transaction; its GTID event names the transaction's GTID (null: anonymous). */
    public BinlogEvent(EventType type, String file, long endPos, int size, long trx, long timestamp,
                       Transaction transaction, io.semisyncsim.gtid.Gtid gtid) {
        this(type, new BinlogPosition(file, endPos), size, trx, timestamp, transaction, gtid);
    }

    /** An event outside any transaction that records {@code info} (a header event, a Rotate). */
    public static BinlogEvent recording(EventType type, String file, long endPos, int size, String info) {
        return new BinlogEvent(type, new BinlogPosition(file, endPos), size, 0, -1, null, null, 0, info);
    }

    public String file() {
        return end.file();
    }

    public long endPos() {
        return end.pos();
    }

    public BinlogPosition start() {
        return new BinlogPosition(end.file(), end.pos() - size);
    }

    /** The transaction's last event (its XID, or the QUERY event of a DDL) carries the transaction. */
    public boolean endsTransaction() {
        return transaction != null;
    }
}
