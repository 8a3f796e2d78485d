package io.semisyncsim.binlog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A source's binary log as metadata: numbered files, events with real sizes and positions, rotation
 * at {@code max_binlog_size} (a transaction never spans two files), and the two horizons group commit
 * moves: what has been written (flushed) and what dump threads may read ({@code binlog_end_pos},
 * which waits for the fsync when {@code sync_binlog = 1}).
 *
 * <p>Events are numbered from the start of the log; purged files leave memory, so only the indices
 * from {@code base} on are held, most of them as compact records ({@link EventStore}). Dump threads read through a {@link Reader}, which also tells the
 * purge which file is in use.
 */
public final class BinaryLog {
    private final EventSizes sizes;
    private final LongSupplier clock;
    /** Event i is events.get(i - base); older events are kept compact, and on disk past a budget. */
    private final EventStore<BinlogEvent> events = new EventStore<>(new BinlogEventCodec(), true);
    private final List<LogFile> files = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();
    private long maxFileSize;
    private long expireMicros; // 0: no automatic purge
    private int nextFileNumber = 1;
    private long currentPos;
    private int base;     // events [0, base) were purged with their files
    private int readable; // events [0, readable) are below binlog_end_pos
    private int synced;   // events [0, synced) are on disk (fsynced); a host crash loses the rest
    /**
     * MariaDB's binlog_xid_count_list, as far as a checkpoint needs it: the transactions not yet committed
     * in the engine, written to the current file and to the files before it. A rotation's new file names
     * the oldest file with such transactions in its Binlog_checkpoint; once the files before the new one
     * have none left, mark_xid_done writes a second checkpoint naming the new file (a real 10.11's FLUSH
     * BINARY LOGS leaves both: replication/flush-binary-logs-mariadb). Counted only where the flavour
     * writes checkpoints: MySQL's commits pay nothing.
     */
    private final boolean writesCheckpoints;
    private int unloggedInCurrent;
    private int unloggedBefore;
    private boolean checkpointDue;
    /** The due checkpoint also waits for the engine's redo log to be flushed ({@link #flush}). */
    private boolean redoPending;
    private long lastEngineCommit = -1;
    private final GtidHeaders gtids;
    private RowFormat rowFormat;
    /** Each table's table_id, by name ({@link #tableId}); looked up, never iterated. */
    private final java.util.Map<String, Long> tableIds = new java.util.HashMap<>();

    /**
     * The server's GTID state as the log needs it: what GTIDs add to a new file's header event
     * (Previous_gtids, Gtid_list) and what that event records, and news of the transactions written
     * and purged. {@link #NONE} for a log without GTIDs.
     */
    public interface GtidHeaders {
        /** Bytes the header event of {@code type} has now beyond its size in an empty state. */
        int extraBytes(EventType type);

        /** The GTID state a new file's header records (the flavour's own form), or null. */
        Object snapshot();

        /** A transaction was written (the flush stage, or a replica logging what it applied). */
        void written(Transaction trx);

        /** A purge deleted the file holding this transaction. */
        void purged(Transaction trx);
    }

    public static final GtidHeaders NONE = new GtidHeaders() {
        @Override
        public int extraBytes(EventType type) {
            return 0;
        }

        @Override
        public Object snapshot() {
            return null;
        }

        @Override
        public void written(Transaction trx) {
        }

        @Override
        public void purged(Transaction trx) {
        }
    };

    /**
     * One file of the log: its name, its first event's index, when it was closed (-1 while active) and
     * the GTID state its header event records.
     */
    private static final class LogFile {
        final String name;
        final int firstEvent;
        final Object gtids;
        /** The file its header's Binlog_checkpoint names (MariaDB): itself, or after a rotation the one closed. */
        final String checkpoint;
        long closedAt = -1;
        long size; // set when the file is closed; the active file's size is currentPos

        LogFile(String name, int firstEvent, Object gtids, String checkpoint) {
            this.name = name;
            this.firstEvent = firstEvent;
            this.gtids = gtids;
            this.checkpoint = checkpoint;
        }
    }

    public BinaryLog(EventSizes sizes, long maxFileSize, LongSupplier clock) {
        this(sizes, maxFileSize, clock, NONE);
    }

    public BinaryLog(EventSizes sizes, long maxFileSize, LongSupplier clock, GtidHeaders gtids) {
        this.sizes = sizes;
        this.maxFileSize = maxFileSize;
        this.clock = clock;
        this.gtids = gtids;
        this.writesCheckpoints = sizes.writesCheckpoints();
        openFile();
        readable = end();
        synced = end();
    }

    /**
     * A new file, starting with its header events: Format_description, then MySQL's Previous_gtids or
     * MariaDB's Gtid_list (each the GTID state before this file) and Binlog_checkpoint naming the file.
     */
    private void openFile() {
        openFile(null);
    }

    /** {@code closed}: the file a rotation just closed, which the new header's Binlog_checkpoint names. */
    private void openFile(String closed) {
        String name = LogFileName.of(sizes.basename(), nextFileNumber++);
        LogFile f = new LogFile(name, end(), gtids.snapshot(), closed == null ? name : closed);
        files.add(f);
        currentPos = 4;
        header(EventType.FORMAT_DESCRIPTION, sizes.formatDescription(), name, null);
        for (EventSizes.Header h : sizes.header()) {
            String info = switch (h.type()) {
                case PREVIOUS_GTIDS -> f.gtids == null ? "" : f.gtids.toString();
                case GTID_LIST -> gtidList(f.gtids);
                case BINLOG_CHECKPOINT -> f.checkpoint;
                default -> null;
            };
            header(h.type(), h.sizeFor(name) + gtids.extraBytes(h.type()), name, info);
        }
    }

    /** A header event of the current file, recording {@code info} as SHOW BINLOG EVENTS prints it. */
    private void header(EventType type, int size, String file, String info) {
        currentPos += size;
        events.add(BinlogEvent.recording(type, file, currentPos, size, info));
    }

    /** Why a dump by file and position cannot start where it asks (flavors.conf {@code dump-refusals}). */
    public enum StartRefusal {
        /** The file is not in the index. */
        NO_FILE("no-file"),
        /** The position is past the file's end (the replica has more than this log: a crash lost a tail). */
        PAST_END("past-end"),
        /** No event starts there (a wrong MASTER_LOG_POS): found only by the dump's first read. */
        MID_EVENT("mid-event");

        private final String key;

        StartRefusal(String key) {
            this.key = key;
        }

        /** The entry of flavors.conf {@code dump-refusals} with the flavour's text. */
        public String key() {
            return key;
        }
    }

    /** Why a dump cannot start at {@code from}, or null when it can. */
    public StartRefusal startRefusal(BinlogPosition from) {
        if (from == null) {
            return null;
        }
        if (!exists(from)) {
            return StartRefusal.NO_FILE;
        }
        for (FileSize f : fileSizes()) {
            if (f.name().equals(from.file())) {
                return from.pos() > f.size() ? StartRefusal.PAST_END
                        : from.pos() < f.size() && !startsEvent(from) ? StartRefusal.MID_EVENT : null;
            }
        }
        return null;
    }

    /** MariaDB's Gtid_list as Gtid_list_log_event::pack_info prints it: {@code [0-1-5,1-1-2]}. */
    public static String gtidList(Object gtids) {
        StringBuilder out = new StringBuilder("[");
        if (gtids instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",").append(list.get(i));
            }
        }
        return out.append(']').toString();
    }

    private int end() {
        return base + events.size();
    }

    private BinlogEvent at(int index) {
        return events.get(index - base);
    }

    private LogFile current() {
        return files.get(files.size() - 1);
    }

    public void setMaxFileSize(long bytes) {
        this.maxFileSize = bytes;
    }

    /** binlog_expire_logs_seconds (expire_logs_days on 5.7) in virtual µs; 0 turns automatic purge off. */
    public void setExpiry(long micros) {
        this.expireMicros = micros;
    }

    /**
     * Writes one transaction (flush stage); returns its events, the last carrying the transaction.
     * Rotates first if the file is full.
     */
    public List<BinlogEvent> write(Transaction trx) {
        return write(trx, false);
    }

    /**
     * Writes a transaction; {@code replicated}: a replica logs one it applied (log_slave_updates), whose
     * GTID event may be larger ({@link EventSizes.GtidSizes#replicatedGtid}).
     */
    public List<BinlogEvent> write(Transaction trx, boolean replicated) {
        return write(trx, replicated, 0);
    }

    /**
     * A replica logs a transaction it applied (log_slave_updates). {@code rows}: it arrived as row events,
     * which stay row events whatever this server's binlog_format, with the Annotate_rows its source sent
     * ({@code annotated}) rather than any of this server's own; a statement is logged as the applier's
     * session values say ({@code applier}).
     */
    public List<BinlogEvent> writeReplicated(Transaction trx, boolean rows, boolean annotated,
                                             Transaction.Logging applier) {
        return write(trx, true, 0, applier.statements() && !rows, rows ? annotated : applier.annotate());
    }

    /**
     * Writes a transaction as its committing session's variables say ({@link Transaction#logging}; a
     * transaction that names none, as a test's may, in row format); {@code commitId}: the group it commits
     * in, where several commit together and the flavour's Gtid event names the group (MariaDB's commit_id;
     * 0: none).
     */
    public List<BinlogEvent> write(Transaction trx, boolean replicated, long commitId) {
        Transaction.Logging session = trx.logging();
        return session == null ? write(trx, replicated, commitId, false, null)
                : write(trx, replicated, commitId, session.statements(), session.annotate());
    }

    /**
     * {@code annotate}: whether row events get their statement's Annotate_rows (null: as the row format says).
     * The events after the Gtid event are laid out first, because MySQL 8's Gtid event carries the length of
     * the whole transaction and its own size depends on it ({@link EventSizes#gtidEvent}).
     */
    private List<BinlogEvent> write(Transaction trx, boolean replicated, long commitId, boolean asStatements,
                                    Boolean annotate) {
        if (currentPos >= maxFileSize) {
            rotate(true);
        }
        layOut(trx, replicated, asStatements, annotate);
        List<BinlogEvent> written = new ArrayList<>(1 + staged.count); // GTID, BEGIN, Table_map, rows, Xid
        int gtidSize = sizes.gtidEvent(replicated, staged.bytes);
        long cid = sizes.gtids().groupCommitId() > 0 ? commitId : 0;
        gtidSize += cid != 0 ? sizes.gtids().groupCommitId() : 0;
        currentPos += gtidSize;
        BinlogEvent gtidEvent = new BinlogEvent(EventType.GTID, new BinlogPosition(current().name, currentPos), gtidSize,
                trx.id(), trx.timestamp(), null, trx.gtid(), cid);
        events.add(gtidEvent);
        written.add(gtidEvent);
        gtids.written(trx);
        for (int i = 0; i < staged.count; i++) {
            currentPos += staged.sizes[i];
            BinlogEvent e = new BinlogEvent(staged.types[i], current().name, currentPos, staged.sizes[i], trx.id(),
                    trx.timestamp(), staged.carries[i] ? trx : null);
            events.add(e);
            written.add(e);
        }
        return written;
    }

    /**
     * After a flush group: a file it filled past max_binlog_size is closed at once (MariaDB's
     * trx_group_commit_leader and MySQL's ordered_commit call rotate right after the flush), so the next
     * file's header is there before any other transaction. True when it rotated.
     */
    public boolean rotateIfFull() {
        if (currentPos < maxFileSize) {
            return false;
        }
        rotate(true);
        return true;
    }

    /** The events a transaction writes after its Gtid event, into {@link #staged}. */
    private void layOut(Transaction trx, boolean replicated, boolean asStatements, Boolean annotate) {
        staged.clear();
        if (trx.query() != null) { // DDL: the GTID event, then the statement as one Query event
            Transaction.Query q = trx.query();
            staged.add(EventType.QUERY, sizes.ddlQuery(q.db(), q.sql(), q.effect() != null
                    && q.effect().loggedWithXid()) + sizes.invoker(q.invoker()) + q.clockBytes(), true);
            return;
        }
        if (sizes.beginEvent()) {
            staged.add(EventType.QUERY_BEGIN, sizes.query(Transaction.DATABASE, "BEGIN"), false);
        }
        if (trx.changes().isEmpty()) { // an empty transaction (MySQL's gtid_next): BEGIN and COMMIT Query events
            staged.add(EventType.QUERY, sizes.query(Transaction.DATABASE, "COMMIT"), true);
            return;
        }
        // a change of a row, or a statement the engine took part in; a replica's applier's own position table
        boolean engineTookPart = replicated && sizes.replicatedEndsWithXid();
        boolean anyRow = false;
        for (Transaction.RowChange change : trx.changes()) {
            engineTookPart |= change.kind() != EventType.QUERY;
            anyRow |= change.changesRow();
        }
        if (asStatements) {
            List<Transaction.RowChange> changes = trx.changes();
            for (int i = 0; i < changes.size(); i = trx.statementEnd(i)) {
                Transaction.RowChange change = changes.get(i);
                if (change.rows()) { // MIXED: an unsafe statement goes in rows, beside the others' statements
                    statementInRows(trx, i, annotate != null ? annotate : rowFormat != null && rowFormat.annotates());
                    continue;
                }
                // what a replica sets before it runs the statement (binlog.cc / log.cc write of a statement's
                // context): LAST_INSERT_ID, INSERT_ID, RAND()'s seeds, then each user variable it reads
                if (change.log() != null && change.log().lastInsertId() != null) {
                    staged.add(EventType.INTVAR, sizes.intvar(), false);
                }
                if (change.insertId() != 0) {
                    staged.add(EventType.INTVAR, sizes.intvar(), false);
                }
                if (change.log() != null && change.log().rand() != null) {
                    staged.add(EventType.RAND, sizes.rand(), false);
                }
                if (change.log() != null) {
                    for (Transaction.UserVar v : change.log().userVars()) {
                        staged.add(EventType.USER_VAR, sizes.userVar(v), false);
                    }
                }
                staged.add(EventType.QUERY, sizes.query(change.statementDatabase(), change.statement()) + change.clockBytes(),
                        false);
            }
            if (!engineTookPart) { // only statements that matched no row: a non-XA transaction ends with COMMIT
                // in the session's database at the commit: the last statement's, as far as the model knows
                String db = changes.get(changes.size() - 1).statementDatabase();
                staged.add(EventType.QUERY_COMMIT, sizes.query(db, "COMMIT"), true);
                return;
            }
        } else if (!anyRow) {
            // in row format a statement that changed nothing writes no event (a MySQL replica that logs in rows
            // what a source wrote as such statements, for a GTID it owns: MYSQL_BIN_LOG::gtid_end_transaction's
            // empty group, Gtid, BEGIN and COMMIT; Mysqld.logsReplicated keeps the others out of the binlog)
            staged.add(EventType.QUERY_COMMIT, sizes.query(Transaction.DATABASE, "COMMIT"), true);
            return;
        } else if (rowFormat != null && rowsByStatement(trx, annotate != null ? annotate : rowFormat.annotates())) {
            // each statement's Annotate_rows, Table_map and one rows event (MariaDB)
        } else {
            staged.add(EventType.TABLE_MAP, sizes.tableMap(), false);
            for (Transaction.RowChange change : trx.changes()) {
                if (change.changesRow()) {
                    staged.add(change.kind(), sizes.rowsBase() + sizes.rowBytes(), false);
                }
            }
        }
        staged.add(EventType.XID, sizes.xid(), true);
    }

    /**
     * One statement's row events in a transaction otherwise written as statements: its Annotate_rows, Table_map
     * and a rows event per run of one kind, as row format lays them out; the fixed sizes of one rows event per
     * row where no table layout is known.
     */
    private void statementInRows(Transaction trx, int start, boolean annotate) {
        List<Transaction.RowChange> changes = trx.changes();
        int end = trx.statementEnd(start);
        int tableMap = rowFormat == null ? -1 : rowFormat.tableMap(changes.get(start));
        if (tableMap < 0) {
            staged.add(EventType.TABLE_MAP, sizes.tableMap(), false);
            for (int i = start; i < end; i++) {
                staged.add(changes.get(i).kind(), sizes.rowsBase() + sizes.rowBytes(), false);
            }
            return;
        }
        if (annotate) {
            staged.add(EventType.ANNOTATE_ROWS, rowFormat.annotateRows(changes.get(start).statement()), false);
        }
        staged.add(EventType.TABLE_MAP, tableMap, false);
        for (int run = start; run < end; run = trx.runEnd(run)) {
            staged.add(changes.get(run).kind(), rowFormat.rows(changes.subList(run, trx.runEnd(run))), false);
        }
    }

    /** A transaction's events after its Gtid event, laid out before they are written; reused. */
    private final Staged staged = new Staged();

    private static final class Staged {
        EventType[] types = new EventType[8];
        int[] sizes = new int[8];
        /** Whether the event carries the transaction (its last: the Xid, a DDL's Query). */
        boolean[] carries = new boolean[8];
        int count;
        long bytes;

        void clear() {
            count = 0;
            bytes = 0;
        }

        void add(EventType type, int size, boolean carriesTransaction) {
            if (count == types.length) {
                types = java.util.Arrays.copyOf(types, 2 * count);
                sizes = java.util.Arrays.copyOf(sizes, 2 * count);
                carries = java.util.Arrays.copyOf(carries, 2 * count);
            }
            types[count] = type;
            sizes[count] = size;
            carries[count++] = carriesTransaction;
            bytes += size;
        }
    }

    /**
     * Row format as the flavour lays it out ({@link RowFormat}): per statement, its Annotate_rows, the Table_map
     * of its table and one rows event with all its rows. False, writing nothing, when a table is not known.
     */
    private boolean rowsByStatement(Transaction trx, boolean annotate) {
        List<Transaction.RowChange> changes = trx.changes();
        // per statement: Annotate_rows (0: none), Table_map; then per run of one kind, its rows event
        int[] sizes = new int[3 * changes.size()];
        for (int i = 0, e = 0; i < changes.size(); i = trx.statementEnd(i), e += 3) {
            if (!changes.get(i).changesRow()) {
                continue; // a statement that changed nothing: no event in row format
            }
            sizes[e + 1] = rowFormat.tableMap(changes.get(i));
            if (sizes[e + 1] < 0) {
                return false;
            }
            for (int run = i; run < trx.statementEnd(i); run = trx.runEnd(run)) {
                if (rowFormat.rows(changes.subList(run, trx.runEnd(run))) < 0) {
                    return false;
                }
            }
            sizes[e] = annotate ? rowFormat.annotateRows(changes.get(i).statement()) : 0;
        }
        for (int i = 0, e = 0; i < changes.size(); i = trx.statementEnd(i), e += 3) {
            if (!changes.get(i).changesRow()) {
                continue;
            }
            if (sizes[e] > 0) {
                staged.add(EventType.ANNOTATE_ROWS, sizes[e], false);
            }
            staged.add(EventType.TABLE_MAP, sizes[e + 1], false);
            for (int run = i; run < trx.statementEnd(i); run = trx.runEnd(run)) {
                staged.add(changes.get(run).kind(), rowFormat.rows(changes.subList(run, trx.runEnd(run))), false);
            }
        }
        return true;
    }

    /** Lays row-format events out from the tables' columns (MariaDB); null keeps the fixed sizes. */
    public void setRowFormat(RowFormat rowFormat) {
        this.rowFormat = rowFormat;
    }

    /**
     * The table_id a Table_map event names: the server numbers a table when it first opens it
     * (table_def_cache's table_map_id); here, in the order SHOW BINLOG EVENTS first meets the tables, and
     * kept: the commit path pays nothing for a number only that statement shows.
     */
    public long tableId(Transaction.RowChange change) {
        String key = change.db() == null || change.db().equals(Transaction.DATABASE) ? change.table()
                : change.db() + "." + change.table();
        Long id = tableIds.get(key);
        if (id == null) {
            id = (long) tableIds.size() + 1;
            tableIds.put(key, id);
        }
        return id;
    }

    /** A rotation, the engine's redo log flushed: {@link #flush} with nothing for the checkpoint to wait for. */
    public void rotate() {
        flush(true);
    }

    /**
     * FLUSH BINARY LOGS. MariaDB's rotation asks the engine to tell when what it has committed is durable
     * (log.cc checkpoint_and_purge, do_checkpoint_request: ha_commit_checkpoint_request; InnoDB's
     * innodb_log_flush_request answers at once when
     * its redo log is flushed to its current end, else at its next flush) and writes the new file's second
     * Binlog_checkpoint then. {@code redoFlushed}: nothing was committed since InnoDB's last flush; else the
     * checkpoint waits for the next engine commit ({@link #xidDone}) or the engine's next background flush
     * ({@link #redoFlushed}), which the caller schedules when this returns true. Measured on 10.11.19: right
     * after a commit, FLUSH BINARY LOGS leaves the checkpoint to the next transaction or up to a second later.
     */
    public boolean flush(boolean redoFlushed) {
        rotate(false);
        redoPending = checkpointDue && !redoFlushed;
        if (!redoPending) {
            checkpointIfDone();
        }
        return redoPending;
    }

    /**
     * The engine's background flush of its redo log (InnoDB's once a second, innodb_flush_log_at_timeout):
     * a checkpoint that waited for it is written. True when that wrote one, readable at once.
     */
    public boolean redoFlushed() {
        if (!redoPending) {
            return false;
        }
        redoPending = false;
        return checkpointReadable(end());
    }

    /** Whether this log writes Binlog_checkpoint events (MariaDB's binlog_xid_count_list and its requests). */
    public boolean writesCheckpoints() {
        return writesCheckpoints;
    }

        /** When the engine last committed a transaction here (MariaDB's layout only; -1: never). */
    public long lastEngineCommit() {
        return lastEngineCommit;
    }

    /**
     * A rotation: a Rotate event names the next file, which starts afresh. As MySQL does after a rotation
     * (MYSQL_BIN_LOG::purge), expired files are then purged. {@code full}: the file reached max_binlog_size,
     * which the server finds right after writing the group that filled it ({@link #rotateIfFull}), before
     * that group's engine commit, whose redo flush lets the second checkpoint be written; one nothing holds
     * back any more is written at once.
     */
    private void rotate(boolean full) {
        String next = LogFileName.of(sizes.basename(), nextFileNumber);
        currentPos += sizes.rotate(next);
        events.add(BinlogEvent.recording(EventType.ROTATE, current().name, currentPos, sizes.rotate(next), next + ";pos=4"));
        synced = end(); // MySQL syncs the file it closes, Rotate event included
        current().closedAt = clock.getAsLong();
        current().size = currentPos;
        openFile(current().name);
        unloggedBefore += unloggedInCurrent;
        unloggedInCurrent = 0;
        checkpointDue = writesCheckpoints;
        redoPending = false;
        if (full) {
            checkpointIfDone();
        }
        if (expireMicros > 0) {
            purgeClosedBefore(clock.getAsLong() - expireMicros);
        }
    }

    /** The group commit wrote a transaction, to the current file (mark_xids_active). */
    public void xidWritten() {
        if (writesCheckpoints) {
            unloggedInCurrent++;
        }
    }

    /**
     * The engine committed a transaction written to {@code file} (mark_xid_done). True when that let a
     * rotation's second Binlog_checkpoint be written and read at once: the dump threads may send it.
     */
    public boolean xidDone(String file) {
        return xidDone(file, false);
    }

    /**
     * {@code durable}: the engine flushed its redo log with this commit (InnoDB's DDL does; a commit after
     * binlog_commit leaves it to a later flush), so nothing committed is waiting for a flush any more.
     */
    public boolean xidDone(String file, boolean durable) {
        if (!writesCheckpoints) {
            return false;
        }
        if (file.equals(current().name)) {
            unloggedInCurrent = Math.max(0, unloggedInCurrent - 1);
        } else {
            unloggedBefore = Math.max(0, unloggedBefore - 1);
        }
        lastEngineCommit = durable ? -1 : clock.getAsLong();
        redoPending = false; // the commit flushed the redo log (innodb_flush_log_at_trx_commit = 1)
        return checkpointReadable(end());
    }

    /** Writes a checkpoint that is due; true when it did and the events before it were readable, so it is too. */
    private boolean checkpointReadable(int before) {
        boolean written = checkpointIfDone();
        if (written && readable == before) {
            readable = end();
            return true;
        }
        return false;
    }

    private boolean checkpointIfDone() {
        if (!checkpointDue || unloggedBefore > 0 || redoPending) {
            return false;
        }
        checkpointDue = false;
        for (EventSizes.Header h : sizes.header()) {
            if (h.type() == EventType.BINLOG_CHECKPOINT) {
                header(h.type(), h.sizeFor(current().name), current().name, current().name);
            }
        }
        return true;
    }

    /**
     * MYSQL_BIN_LOG::purge_logs_before_date: deletes files, oldest first, whose last write is before
     * {@code cutoff}; stops at the active file, a newer file, or one that cannot be purged (see
     * {@link #readersOfOldest}). Returns how many files went.
     */
    public int purgeClosedBefore(long cutoff) {
        Before b = lastWrittenBefore(cutoff);
        return b.target() == null ? 0 : purgeTo(b.target()).purged();
    }

    /**
     * Where PURGE BINARY LOGS BEFORE stops: {@code target}, the file after the last one written before the
     * time (null: none was), whether every file before the active one was ({@code reachedActive}), and the
     * active file's name.
     */
    public record Before(String target, boolean reachedActive, String active) {
    }

    /**
     * purge_logs_before_date's scan: the files, oldest first, last written (closed) before {@code cutoff},
     * up to the first that was not, or the active file.
     */
    public Before lastWrittenBefore(long cutoff) {
        int i = 0;
        while (i < files.size() - 1 && files.get(i).closedAt >= 0 && files.get(i).closedAt < cutoff) {
            i++;
        }
        return new Before(i == 0 ? null : files.get(i).name, i == files.size() - 1, current().name);
    }

    /**
     * What PURGE BINARY LOGS TO did: how many files went of the {@code toPurge} before the target, and
     * when it stopped short, the file it stopped at and how many dump threads read it.
     */
    public record PurgeResult(int purged, int toPurge, String stoppedAt, int readers) {
    }

    /**
     * PURGE BINARY LOGS TO (MYSQL_BIN_LOG::purge_logs): deletes the files before {@code target}, oldest
     * first, stopping at the first one that cannot be purged (see {@link #readersOfOldest}). Null when no
     * file of that name is in the index (the caller's 1373).
     */
    public PurgeResult purgeTo(String target) {
        int index = -1;
        for (int i = 0; i < files.size() && index < 0; i++) {
            if (files.get(i).name.equals(target)) {
                index = i;
            }
        }
        if (index < 0) {
            return null;
        }
        int purged = 0;
        String stoppedAt = null;
        int reading = 0;
        while (purged < index) {
            reading = readersOfOldest();
            if (reading != 0) {
                stoppedAt = files.get(0).name;
                break;
            }
            files.remove(0);
            purged++;
        }
        dropPurgedEvents();
        return new PurgeResult(purged, index, stoppedAt, Math.max(0, reading));
    }

    /**
     * MYSQL_BIN_LOG::can_purge_log for the oldest of two or more files: 0 when it can go; otherwise how many
     * dump threads read it (log_in_use; a file still being published counts as one), or -1 when none does
     * but MariaDB's last Binlog_checkpoint still names it (a file in binlog_xid_count_list stays: the file
     * the last rotation closed, until its transactions are committed in the engine).
     */
    private int readersOfOldest() {
        int nextFirst = files.get(1).firstEvent;
        int reading = readable < nextFirst ? 1 : 0;
        for (Reader r : readers) {
            if (r.cursor < nextFirst) {
                reading++;
            }
        }
        return reading == 0 && checkpointDue && files.size() == 2 ? -1 : reading;
    }

    /** The events of purged files leave memory; gtid_purged grows by their GTIDs. */
    private void dropPurgedEvents() {
        int gone = files.get(0).firstEvent - base;
        if (gone > 0) {
            for (int i = 0; i < gone; i++) {
                BinlogEvent e = events.get(i);
                if (e.endsTransaction()) {
                    gtids.purged(e.transaction()); // gtid_purged grows by the purged files' GTIDs
                }
            }
            events.dropFirst(gone);
            base += gone;
        }
    }

    /** An fsync covered everything written so far. */
    public void markSynced() {
        synced = end();
    }

    /**
     * A crash: the events written after the last fsync are gone. Returns how many were lost; the file
     * and position go back to the end of the last surviving event.
     */
    public int powerLoss() {
        int lost = end() - synced;
        while (end() > synced) {
            events.removeLast();
        }
        readable = Math.min(readable, synced);
        if (events.isEmpty()) {
            // Nothing held survives in the files we have: the first one starts afresh (purged files
            // end with their Rotate event, so the first remaining file is where writing resumes).
            truncateFilesAfter(0);
            currentPos = sizes.firstEventPos(current().name);
        } else {
            BinlogEvent last = events.get(events.size() - 1);
            int lastFile = fileIndex(last.file());
            if (last.type() == EventType.ROTATE) {
                truncateFilesAfter(lastFile + 1);
                currentPos = sizes.firstEventPos(current().name);
            } else {
                truncateFilesAfter(lastFile);
                currentPos = last.endPos();
            }
        }
        current().closedAt = -1;
        return lost;
    }

    private void truncateFilesAfter(int keepLast) {
        while (files.size() > keepLast + 1) {
            files.remove(files.size() - 1);
            nextFileNumber--;
        }
    }

    /** The file's place in the index, or -1 if it is not (or no longer) there. */
    private int fileIndex(String name) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the event ending at {@code end} survived on disk. */
    public boolean isSynced(BinlogPosition end) {
        return synced > base && at(synced - 1).end().compareTo(end) >= 0;
    }

    /** The end of what has been written: SHOW MASTER STATUS. */
    public BinlogPosition writtenEnd() {
        return new BinlogPosition(current().name, currentPos);
    }

    /** Makes everything written so far readable by dump threads (binlog_end_pos advances). */
    public void publishWritten() {
        readable = end();
    }

    /** Makes the events up to {@code end} (inclusive) readable. */
    public void publishUpTo(BinlogPosition end) {
        while (readable < end() && at(readable).end().compareTo(end) <= 0) {
            readable++;
        }
    }

    /** binlog_end_pos: the end of the last readable event, or the first position of the first file. */
    public BinlogPosition readableEnd() {
        if (readable == base) {
            return new BinlogPosition(files.get(0).name, 4);
        }
        BinlogEvent last = at(readable - 1);
        return last.type() == EventType.ROTATE && readable == end()
                ? new BinlogPosition(current().name, 4) : last.end();
    }

    /** A dump thread's cursor, starting at the first event that ends after {@code from} (null: the start). */
    public Reader openReader(BinlogPosition from) {
        Reader r = new Reader(from == null ? base : indexAfter(from));
        readers.add(r);
        return r;
    }

    /** Whether an event of the file starts at {@code at} (a binary search, as {@link #openReader} does). */
    private boolean startsEvent(BinlogPosition at) {
        int i = indexAfter(at);
        return i < end() && at(i).file().equals(at.file()) && at(i).endPos() - at(i).size() == at.pos();
    }

    private int indexAfter(BinlogPosition from) {
        int lo = base;
        int hi = end();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at(mid).end().compareTo(from) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Where one dump thread reads; while open, its file and the ones after it are not purged. RESET MASTER
     * deletes the files, but the thread still has its own open: it reads that file's rest, then looks for the
     * next in the index (find_next_log), which no longer names it.
     */
    public final class Reader {
        private int cursor;
        /** After RESET MASTER: the file the thread had open, and the events of it not read yet. */
        private String orphanFile;
        private List<BinlogEvent> orphan;
        private int orphanAt;

        private Reader(int cursor) {
            this.cursor = cursor;
        }

        /** The next readable event, or null when the reader is at binlog_end_pos. */
        public BinlogEvent peek() {
            if (orphan != null) {
                return orphanAt < orphan.size() ? orphan.get(orphanAt) : null;
            }
            return cursor < readable ? at(cursor) : null;
        }

        public void advance() {
            if (orphan != null) {
                orphanAt++;
            } else {
                cursor++;
            }
        }

        /**
         * RESET MASTER read the file it had open to its end and found no next one: the index does not name that
         * file any more. (One that has the new first file's name reads on there: not modelled, it waits.)
         */
        public boolean lostItsFile() {
            return orphan != null && orphanAt >= orphan.size() && fileIndex(orphanFile) < 0;
        }

        /** RESET MASTER is deleting the files: this reader keeps the rest of the one it reads. */
        private void orphan() {
            if (orphan != null || end() == base) {
                return;
            }
            int next = Math.min(cursor, readable);
            String file = next < end() && next < readable ? at(next).file() : at(Math.max(base, next - 1)).file();
            List<BinlogEvent> rest = new ArrayList<>();
            for (int e = next; e < readable && at(e).file().equals(file); e++) {
                rest.add(at(e));
            }
            orphanFile = file;
            orphan = rest;
        }

        /** The dump thread ended: its file is no longer in use. */
        public void close() {
            readers.remove(this);
        }
    }

    public int readableCount() {
        return readable;
    }

    /** SHOW BINARY LOGS: the files in the index, oldest first. */
    public List<String> files() {
        List<String> names = new ArrayList<>(files.size());
        for (LogFile f : files) {
            names.add(f.name);
        }
        return names;
    }

    /** One row of SHOW BINARY LOGS. */
    public record FileSize(String name, long size) {
    }

    /** SHOW BINARY LOGS: each file in the index with its size in bytes. */
    public List<FileSize> fileSizes() {
        List<FileSize> out = new ArrayList<>(files.size());
        for (LogFile f : files) {
            out.add(new FileSize(f.name, f == current() ? currentPos : f.size));
        }
        return out;
    }

    public String currentFile() {
        return current().name;
    }

    /** Whether {@code pos} names a place a dump may start from: a file in the index. */
    public boolean exists(BinlogPosition pos) {
        return fileIndex(pos.file()) >= 0;
    }

    public EventSizes sizes() {
        return sizes;
    }

    public long firstEventPos() {
        return sizes.firstEventPos(current().name);
    }

    /**
     * A server start after the first: the log goes on in a new file (MYSQL_BIN_LOG::open_binlog at every
     * start). The previous file is closed: by the shutdown's Stop event, or as a crash left it.
     */
    public void openNextFile() {
        unloggedInCurrent = 0; // what a crash left uncommitted is rolled back or recovered at the start
        unloggedBefore = 0;
        checkpointDue = false;
        redoPending = false;
        if (current().closedAt < 0) {
            current().closedAt = clock.getAsLong();
            current().size = currentPos;
        }
        openFile();
        readable = end(); // the header is on disk and readable at once
        synced = end();
    }

    /** A clean shutdown writes a Stop event and closes the file (a restart then opens the next one). */
    public void closeCleanly() {
        currentPos += sizes.stop();
        events.add(new BinlogEvent(EventType.STOP, current().name, currentPos, sizes.stop(), 0, -1, null));
        synced = end();
        readable = end();
        current().closedAt = clock.getAsLong();
        current().size = currentPos;
    }

    /** What a truncation cut: the file, its size before, and the position it now ends at. */
    public record Truncation(String file, long sizeBefore, long pos) {
    }

    /**
     * MariaDB's recovery of a former primary (MYSQL_BIN_LOG::truncate_and_remove_binlogs): the log is cut
     * just before transaction {@code trx} ({@link BinlogRecovery}), and later files go. Null when that
     * transaction is not in the log.
     */
    public Truncation truncateFrom(Transaction trx) {
        // From the end: the events of the transaction whose last event carries it.
        int last = end() - 1;
        while (last >= base && !(at(last).endsTransaction() && at(last).transaction().equals(trx))) {
            last--;
        }
        int first = last;
        while (first > base && at(first - 1).trx() == trx.id() && !at(first - 1).endsTransaction()) {
            first--;
        }
        for (int i = Math.max(first, base); last >= base && i <= last; i++) {
            BinlogEvent e = at(i);
            if (e.trx() == trx.id()) {
                String file = e.file();
                long sizeBefore = fileSizes().stream().filter(f -> f.name().equals(file)).findFirst()
                        .map(FileSize::size).orElse(currentPos);
                long cutAt = e.start().pos();
                while (end() > i) {
                    events.removeLast();
                }
                readable = Math.min(readable, end());
                synced = Math.min(synced, end());
                truncateFilesAfter(fileIndex(file));
                currentPos = cutAt;
                current().closedAt = -1;
                return new Truncation(file, sizeBefore, cutAt);
            }
        }
        return null;
    }

    /** RESET MASTER: back to file 1, empty; a dump thread keeps the file it reads open (see {@link Reader}). */
    public void reset() {
        for (Reader r : readers) {
            r.orphan();
        }
        unloggedInCurrent = 0;
        unloggedBefore = 0;
        checkpointDue = false;
        redoPending = false;
        lastEngineCommit = -1; // MariaDB's reset_logs waited for InnoDB's checkpoint: what it committed is durable
        events.clear();
        files.clear();
        base = 0;
        nextFileNumber = 1;
        openFile();
        readable = end();
        synced = end();
    }

    /**
     * One file's events for SHOW BINLOG EVENTS, as far as they are written (binlog.cc show_binlog_events
     * reads the active file up to its current end), with what its header events record; null when the
     * index has no such file (purged, or never written).
     */
    public FileContents contents(String file) {
        int i = fileIndex(file);
        if (i < 0) {
            return null;
        }
        LogFile f = files.get(i);
        int from = Math.max(f.firstEvent, base);
        int to = i + 1 < files.size() ? files.get(i + 1).firstEvent : end();
        List<BinlogEvent> out = new ArrayList<>(Math.max(0, to - from));
        for (int e = from; e < to; e++) {
            out.add(at(e));
        }
        return new FileContents(f.name, f == current() ? currentPos : f.size, out, f.gtids, f.checkpoint);
    }

    /**
     * A file's events, its size, the GTID state its header records (the flavour's own form, or null) and
     * the file its header's Binlog_checkpoint names.
     */
    public record FileContents(String name, long size, List<BinlogEvent> events, Object gtids, String checkpoint) {
    }

    /** One file's name and the GTID state its header event records (the flavour's own form, or null). */
    public record FileHeader(String name, Object gtids) {
    }

    /** The files in the index, oldest first, with the GTID state each one's header records. */
    public List<FileHeader> fileHeaders() {
        List<FileHeader> out = new ArrayList<>(files.size());
        for (LogFile f : files) {
            out.add(new FileHeader(f.name, f.gtids));
        }
        return out;
    }

    /** The transactions the files still hold, in binlog order (their last events carry them). */
    public List<Transaction> transactions() {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            BinlogEvent e = events.get(i);
            if (e.endsTransaction()) {
                out.add(e.transaction());
            }
        }
        return out;
    }

    /** Events held in memory (purged files' events are not). */
    public int size() {
        return events.size();
    }
}
