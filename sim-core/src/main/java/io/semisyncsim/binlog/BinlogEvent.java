package io.semisyncsim.binlog;

/**
 * One event in a binlog file: where it ends ({@code end}: MySQL's {@code log_pos}, the position after
 * it, in its file), its size, the transaction it belongs to ({@code trx} 0 for rotation) and when that
 * began on the source. Content is metadata only; the rows a transaction changes travel with its last
 * event, the XID (the QUERY event of a DDL). The end is kept as a position because every dump thread asks for it per event.
 */
public record BinlogEvent(EventType type, BinlogPosition end, int size, long trx, long timestamp,
                          Transaction transaction) {

    public BinlogEvent(EventType type, String file, long endPos, int size, long trx, long timestamp,
                       Transaction transaction) {
        this(type, new BinlogPosition(file, endPos), size, trx, timestamp, transaction);
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
