package io.semisyncsim.binlog;

/**
 * One event in a binlog file: where it ends (MySQL's {@code log_pos}, the position after it), its
 * size, the transaction it belongs to ({@code trx} 0 for rotation) and when that began on the source. Content is metadata only; the
 * rows a transaction changes travel with its last event, the XID.
 */
public record BinlogEvent(EventType type, String file, long endPos, int size, long trx, long timestamp,
                          Transaction transaction) {

    public BinlogPosition end() {
        return new BinlogPosition(file, endPos);
    }

    public BinlogPosition start() {
        return new BinlogPosition(file, endPos - size);
    }

    public boolean endsTransaction() {
        return type == EventType.XID;
    }
}
