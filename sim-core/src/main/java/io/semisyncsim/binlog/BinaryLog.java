package io.semisyncsim.binlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A source's binary log as metadata: numbered files, events with real sizes and positions, rotation
 * at {@code max_binlog_size} (a transaction never spans two files), and the two horizons group commit
 * moves: what has been written (flushed) and what dump threads may read ({@code binlog_end_pos},
 * which waits for the fsync when {@code sync_binlog = 1}).
 */
public final class BinaryLog {
    private final EventSizes sizes;
    private final List<BinlogEvent> events = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private long maxFileSize;
    private String currentFile;
    private long currentPos;
    private int readable; // events [0, readable) are below binlog_end_pos
    private int synced;   // events [0, synced) are on disk (fsynced); a host crash loses the rest

    public BinaryLog(EventSizes sizes, long maxFileSize) {
        this.sizes = sizes;
        this.maxFileSize = maxFileSize;
        openFile(1);
    }

    private void openFile(int number) {
        currentFile = String.format("%s.%06d", sizes.basename(), number);
        files.add(currentFile);
        currentPos = sizes.firstEventPos();
    }

    public void setMaxFileSize(long bytes) {
        this.maxFileSize = bytes;
    }

    /** Writes one transaction (flush stage); returns its events. Rotates first if the file is full. */
    public List<BinlogEvent> write(Transaction trx) {
        if (currentPos >= maxFileSize) {
            rotate();
        }
        List<BinlogEvent> written = new ArrayList<>();
        append(written, EventType.GTID, sizes.gtid(), trx, null);
        if (sizes.begin() > 0) {
            append(written, EventType.QUERY_BEGIN, sizes.begin(), trx, null);
        }
        append(written, EventType.TABLE_MAP, sizes.tableMap(), trx, null);
        for (Transaction.RowChange change : trx.changes()) {
            append(written, change.kind(), sizes.rowsBase() + sizes.rowBytes(), trx, null);
        }
        append(written, EventType.XID, sizes.xid(), trx, trx);
        return written;
    }

    private void append(List<BinlogEvent> out, EventType type, int size, Transaction trx, Transaction carried) {
        currentPos += size;
        BinlogEvent e = new BinlogEvent(type, currentFile, currentPos, size, trx.id(), trx.timestamp(), carried);
        events.add(e);
        out.add(e);
    }

    /** FLUSH BINARY LOGS, or a full file: a Rotate event names the next file, which starts afresh. */
    public void rotate() {
        String next = String.format("%s.%06d", sizes.basename(), files.size() + 1);
        currentPos += sizes.rotateBase() + next.length();
        events.add(new BinlogEvent(EventType.ROTATE, currentFile, currentPos, sizes.rotateBase() + next.length(), 0, -1,
                null));
        synced = events.size(); // MySQL syncs the file it closes, Rotate event included
        openFile(files.size() + 1);
    }

    /** An fsync covered everything written so far. */
    public void markSynced() {
        synced = events.size();
    }

    /**
     * A crash: the events written after the last fsync are gone. Returns how many were lost; the file
     * and position go back to the end of the last surviving event.
     */
    public int crash() {
        int lost = events.size() - synced;
        while (events.size() > synced) {
            events.remove(events.size() - 1);
        }
        readable = Math.min(readable, synced);
        if (events.isEmpty()) {
            String first = files.get(0);
            files.clear();
            files.add(first);
            currentFile = first;
            currentPos = sizes.firstEventPos();
        } else {
            BinlogEvent last = events.get(events.size() - 1);
            if (last.type() == EventType.ROTATE) {
                currentFile = files.get(files.indexOf(last.file()) + 1);
                currentPos = sizes.firstEventPos();
            } else {
                currentFile = last.file();
                currentPos = last.endPos();
            }
            while (!files.get(files.size() - 1).equals(currentFile)) {
                files.remove(files.size() - 1);
            }
        }
        return lost;
    }

    /** Whether the event ending at {@code end} survived on disk. */
    public boolean isSynced(BinlogPosition end) {
        return synced > 0 && events.get(synced - 1).end().compareTo(end) >= 0;
    }

    /** The end of what has been written: SHOW MASTER STATUS. */
    public BinlogPosition writtenEnd() {
        return new BinlogPosition(currentFile, currentPos);
    }

    /** Makes everything written so far readable by dump threads (binlog_end_pos advances). */
    public void publishWritten() {
        readable = events.size();
    }

    /** Makes the events up to {@code end} (inclusive) readable. */
    public void publishUpTo(BinlogPosition end) {
        while (readable < events.size() && events.get(readable).end().compareTo(end) <= 0) {
            readable++;
        }
    }

    /** binlog_end_pos: the end of the last readable event, or the first position of the first file. */
    public BinlogPosition readableEnd() {
        if (readable == 0) {
            return new BinlogPosition(files.get(0), sizes.firstEventPos());
        }
        BinlogEvent last = events.get(readable - 1);
        return last.type() == EventType.ROTATE && readable == events.size()
                ? new BinlogPosition(currentFile, sizes.firstEventPos()) : last.end();
    }

    /** Index of the first event that ends after {@code from}: where a dump thread starting there begins. */
    public int indexAfter(BinlogPosition from) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).end().compareTo(from) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The event at an index, if it is readable; null otherwise. */
    public BinlogEvent readable(int index) {
        return index < readable ? events.get(index) : null;
    }

    public int readableCount() {
        return readable;
    }

    public List<String> files() {
        return Collections.unmodifiableList(files);
    }

    public String currentFile() {
        return currentFile;
    }

    /** Whether {@code pos} names a place a dump may start from: a file we have, at or after its start. */
    public boolean exists(BinlogPosition pos) {
        return files.contains(pos.file());
    }

    public long firstEventPos() {
        return sizes.firstEventPos();
    }

    /** RESET MASTER: back to file 1, empty. */
    public void reset() {
        events.clear();
        files.clear();
        readable = 0;
        synced = 0;
        openFile(1);
    }

    public int size() {
        return events.size();
    }
}
