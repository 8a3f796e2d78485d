package io.semisyncsim.channel;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogEventCodec;
import io.semisyncsim.binlog.EventStore;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.ShowBinlogEvents;

/**
 * A replica's replication channel: what CHANGE MASTER TO configured, what the I/O thread has read into
 * the relay log and what the SQL thread has executed; the state SHOW SLAVE STATUS reports. Plain data
 * with the rules of how the threads move it; the thread actors call it.
 *
 * <p>I/O thread states ({@code Slave_IO_Running}):
 * <pre>
 *   NO --START SLAVE--> CONNECTING --connected and dump requested--> YES
 *   YES --read timeout / connection lost--> CONNECTING (reconnects)
 *   CONNECTING --connect refused or timed out--> CONNECTING (retries after MASTER_CONNECT_RETRY)
 *   any --STOP SLAVE--> NO;   any --fatal dump error (1236)--> NO
 * </pre>
 */
public final class ReplicaChannel {

    /**
     * Slave_IO_Running: stopped, connecting, connected and preparing the dump (MYSQL_SLAVE_RUN_CONNECT:
     * MariaDB shows Preparing, MySQL Yes), reading events.
     */
    public enum IoRunning { NO, CONNECTING, PREPARING, YES }

    /** MariaDB's MASTER_USE_GTID: positional, or from gtid_slave_pos or gtid_current_pos (Using_Gtid). */
    public enum UsingGtid {
        NO("No"), SLAVE_POS("Slave_Pos"), CURRENT_POS("Current_Pos");

        private final String shown;

        UsingGtid(String shown) {
            this.shown = shown;
        }

        /** As SHOW SLAVE STATUS and the CHANGE MASTER log line print it. */
        public String shown() {
            return shown;
        }
    }

    // CHANGE MASTER TO
    private String sourceHost;
    private int sourcePort = 3306;
    private String sourceUser = "repl";
    /** MASTER_PASSWORD: the topology's CHANGE MASTER TO gives the harness's {@code repl}. */
    private String sourcePassword = "repl";
    private long connectRetrySeconds = 60;
    /**
     * MASTER_HEARTBEAT_PERIOD as the server keeps it (Master_info::heartbeat_period, a float of seconds): 0 on a
     * server never configured, and from CHANGE MASTER or RESET SLAVE on; master.info keeps it over a restart.
     */
    private float heartbeatPeriod;
    /** Slave_received_heartbeats: counted as the I/O thread reads them, until CHANGE MASTER or a restart. */
    private long receivedHeartbeats;
    /** MASTER_DELAY / SOURCE_DELAY: the SQL thread applies a transaction this many seconds after the source did. */
    private long sqlDelaySeconds;
    /** While the SQL thread waits out the delay: the second it waits for (sql_delay_end), else -1. */
    private long sqlDelayEnd = -1;
    /** After MariaDB's RESET SLAVE, until a thread starts: the Relay_Log_Pos and Relay_Log_Space it shows. */
    private long[] shownBeforeReset;
    private boolean autoPosition;
    /** MariaDB: a channel that never had CHANGE MASTER with a position starts from gtid_slave_pos. */
    private UsingGtid usingGtid = UsingGtid.SLAVE_POS;
    private BinlogPosition requestedStart; // MASTER_LOG_FILE/POS, or null: from the start
    /** MySQL's Retrieved_Gtid_Set: the GTIDs the I/O thread wrote to the relay log since it was purged. */
    private final io.semisyncsim.gtid.GtidSet retrieved = new io.semisyncsim.gtid.GtidSet();
    /** MariaDB's Gtid_IO_Pos: where the I/O thread asked to start, moved by each GTID it queues. */
    private io.semisyncsim.gtid.GtidList gtidIoPos = new io.semisyncsim.gtid.GtidList();
    /** The position the I/O thread asked for by GTID this connection (null: by file and position). */
    private String gtidRequested;
    /** gtid_executed of the server, for Executed_Gtid_Set. */
    private java.util.function.Supplier<String> executedGtids = () -> "";

    // I/O thread
    private IoRunning ioRunning = IoRunning.NO;
    private String ioState = "";
    private String sourceLogFile = "";
    private long readSourceLogPos = 4;
    private long sourceServerId;
    private String sourceUuid = "";
    /** The relay log file the I/O thread writes: a new one at every (re)start and reconnect. */
    private int relayFileNumber;
    /**
     * Where the SQL thread's last complete group ends (Relay_Log_File and Relay_Log_Pos: group_relay_log_name
     * and _pos): it moves at a transaction's end and with events outside transactions that came from the
     * source, not with the relay log's own events (its Format_description and closing Rotate).
     */
    private int sqlRelayFileNumber;
    /** Where the SQL thread has read to (event_relay_log_name and _pos), its group's end or past it. */
    private int eventFileNumber;
    private long eventPos;
    /**
     * The size of the source's Format_description the I/O thread last wrote to the relay log, which a
     * relay-log rotation copies into the new file; 0 when there is none to copy: the I/O thread is not
     * running, or a Rotate came and the next file's has not yet (slave.cc process_io_rotate resets
     * description_event_for_queue to format 3, which MYSQL_BIN_LOG::open does not write).
     */
    private int sourceFormatSize;
    private int lastIoErrno;
    private String lastIoError = "";
    private long ioErrorTime = -1;
    private int lastSqlErrno;
    private String lastSqlError = "";
    private long sqlErrorTime = -1;

    // relay log and SQL thread
    /** A relay-log entry: the event, the relay file it is in, and where it ends there. */
    private record Relayed(BinlogEvent event, int file, long relayEnd) {
    }

    /**
     * What the SQL thread has not applied yet, oldest first: compact, and on disk past a budget, so a
     * stopped or slow SQL thread does not fill the heap (EventStore, as the binlog's).
     */
    private final EventStore<Relayed> relayLog = new EventStore<>(new RelayedCodec());

    /** A relay-log entry as bytes: the event (BinlogEventCodec), then its relay file and end. */
    private static final class RelayedCodec implements EventStore.Codec<Relayed> {
        private final BinlogEventCodec events = new BinlogEventCodec();

        @Override
        public void write(Relayed r, EventStore.Out out) {
            events.write(r.event(), out);
            out.writeLong(r.file());
            out.writeLong(r.relayEnd());
        }

        @Override
        public Relayed read(EventStore.In in) {
            return new Relayed(events.read(in), (int) in.readLong(), in.readLong());
        }
    }
    /**
     * What the SQL thread has applied from relay files not purged yet, oldest first, in runs per file:
     * a relay file keeps its events until it is purged, where SHOW RELAYLOG EVENTS reads them.
     */
    private final EventStore<Relayed> readRelay = new EventStore<>(new RelayedCodec());
    /** Whether {@link #readRelay} keeps them ({@link #keepApplied}). */
    private boolean keepApplied = true;
    /** The read entries in {@link #readRelay} per relay file, oldest first: {file, count}. */
    private final java.util.ArrayDeque<int[]> readRuns = new java.util.ArrayDeque<>();
    /** Relay files not purged yet, by number: their sizes (Relay_Log_Space is their sum), each in a holder. */
    private final java.util.TreeMap<Integer, long[]> relayFiles = new java.util.TreeMap<>();
    /** The size holder of relay file {@code relayFileNumber} in {@link #relayFiles}, or null to look it up. */
    private long[] writingFileSize;
    /** Where the I/O thread writes next in its relay file. */
    private long relayWritePos;
    /** Relay-log events (at the tail of relayLog) written since the last relay-log fsync. */
    private int unsynced;
    private long relayLogPos;
    private boolean sqlRunning;
    private String relaySourceLogFile = "";
    private long execSourceLogPos;
    private long oldestUnappliedTimestamp = -1;
    private final long relayFirstPos;
    /** Transactions the SQL thread applied (MariaDB's Slave_Transactional_Groups). */
    private long transactionalGroups;
    /** DDL statements the SQL thread applied (MariaDB's Slave_DDL_Groups). */
    private long ddlGroups;

    /** The size of the Rotate that closes a relay file, naming relay file N. */
    private final java.util.function.IntUnaryOperator relayRotateSize;
    /** The relay log's own Rotates not yet read by the SQL thread (almost always none). */
    private int pendingRelayRotates;
    /** The size past which the I/O thread's write rotates the relay log (max_relay_log_size, else max_binlog_size). */
    private final java.util.function.LongSupplier maxFileSize;
    /** relay_log_purge: whether the SQL thread deletes the relay files it has read. */
    private final java.util.function.BooleanSupplier relayLogPurge;
    /** Whether the SQL thread is inside a transaction (a group), where only its event position moves. */
    private boolean inGroup;
    /** sql_slave_skip_counter as the SQL thread has it (Skip_Counter): events still to skip. */
    private long skipCounter;
    /**
     * Entries at the head of {@link #relayLog} the SQL thread applied in the group it is inside, kept until
     * the group ends: a group that fails is read again from its start when the thread is started again, as
     * the real one starts from the group's relay position (Relay_Log_Pos). {@code taken*}: the event
     * position and group state from before the first of them.
     */
    private int groupTaken;
    private int takenFromFile;
    private long takenFromPos;
    private boolean takenInGroup;

    /** relay_log_space_limit: when the I/O thread must stop writing the relay log. */
    private final RelaySpace relaySpace;

    /**
     * {@code relayFirstPos}: where a relay log file's first event goes, after its own header;
     * {@code relayRotateSize}: the size of the Rotate that closes a relay file, naming relay file N;
     * {@code maxFileSize}: the size past which a relay file is closed; {@code relayLogPurge}: relay_log_purge;
     * {@code spaceLimit}: relay_log_space_limit, enforced as {@code spaceRules} say.
     */
    public ReplicaChannel(long relayFirstPos, java.util.function.IntUnaryOperator relayRotateSize,
                          java.util.function.LongSupplier maxFileSize, java.util.function.BooleanSupplier relayLogPurge,
                          java.util.function.LongSupplier spaceLimit, RelaySpace.Rules spaceRules) {
        this.relayFirstPos = relayFirstPos;
        this.relayRotateSize = relayRotateSize;
        this.maxFileSize = maxFileSize;
        this.relayLogPurge = relayLogPurge;
        this.relaySpace = new RelaySpace(spaceRules, spaceLimit, new RelaySpace.RelayLog() {
            @Override
            public long space() {
                return relayLogSpace();
            }

            @Override
            public boolean rotate() {
                return rotateRelayLog();
            }

            @Override
            public int writingFile() {
                return relayFileNumber;
            }
        });
        this.relayLogPos = 4;
    }

    // --- configuration

    /** What CHANGE MASTER's log line shows of the channel: host, port, file and position. */
    public record Coordinates(String host, int port, String file, long pos) {
    }

    public Coordinates coordinates() {
        BinlogPosition start = dumpStart();
        return new Coordinates(sourceHost == null ? "" : sourceHost, sourcePort, start == null ? "" : start.file(),
                start == null ? 4 : start.pos());
    }

    public boolean isConfigured() {
        return sourceHost != null;
    }

    public void configure(String host, Integer port, String user, Long connectRetry, Float heartbeatSeconds,
                          Boolean autoPos, BinlogPosition start) {
        configure(host, port, user, connectRetry, heartbeatSeconds, autoPos, null, start);
    }

    /**
     * CHANGE MASTER TO: the options given (null: unchanged). A position given makes MariaDB's channel
     * positional (Using_Gtid No), unless MASTER_USE_GTID says otherwise.
     */
    public void configure(String host, Integer port, String user, Long connectRetry, Float heartbeatSeconds,
                          Boolean autoPos, UsingGtid useGtid, BinlogPosition start) {
        if (useGtid != null) {
            usingGtid = useGtid;
        } else if (start != null) {
            usingGtid = UsingGtid.NO;
        }
        if (host != null) {
            if (!host.equals(sourceHost)) {
                forgetCoordinates(); // a new source: its binlog coordinates start over
            }
            sourceHost = host;
        } else if (start == null && !relaySourceLogFile.isEmpty()) {
            // The same source and no position: the I/O thread resumes where the SQL thread applied to, as
            // what was read but not applied goes with the relay logs (change_master: master_log_pos is
            // set from rli->group_master_log_pos).
            sourceLogFile = relaySourceLogFile;
            readSourceLogPos = Math.max(4, execSourceLogPos);
        }
        io.semisyncsim.gtid.GtidList ioPos = gtidIoPos;
        purgeRelayLogs();
        gtidIoPos = ioPos; // the relay logs go, mi->gtid_current_pos stays (Gtid_IO_Pos; measured on 10.11.18)
        if (port != null) {
            sourcePort = port;
        }
        if (user != null) {
            sourceUser = user;
        }
        if (connectRetry != null) {
            connectRetrySeconds = connectRetry;
        }
        if (heartbeatSeconds != null) {
            heartbeatPeriod = heartbeatSeconds;
        }
        receivedHeartbeats = 0; // "counter lives until master is CHANGEd" (sql_repl.cc change_master)
        if (autoPos != null) {
            autoPosition = autoPos;
        }
        if (start != null) {
            requestedStart = start;
            sourceLogFile = start.file();
            readSourceLogPos = start.pos();
            relaySourceLogFile = start.file();
            execSourceLogPos = start.pos();
        }
    }

    /**
     * CHANGE MASTER (without RELAY_LOG_FILE) and RESET SLAVE delete every relay log and start over with
     * relay-bin.000001, holding only its header (change_master → purge_relay_logs → reset_logs).
     */
    private void purgeRelayLogs() {
        relayLog.clear();
        groupTaken = 0;
        forgetRead();
        pendingRelayRotates = 0;
        relayFiles.clear();
        writingFileSize = null;
        unsynced = 0;
        relayFileNumber = 1;
        sqlRelayFileNumber = 1;
        eventFileNumber = 1;
        eventPos = 4;
        inGroup = false;
        relayFiles.put(relayFileNumber, new long[] {relayFirstPos});
        relayWritePos = relayFirstPos;
        relayLogPos = 4;
        retrieved.clear(); // the relay logs went, and what they held with them
        gtidIoPos = new io.semisyncsim.gtid.GtidList();
    }

    /**
     * MariaDB's start_slave_threads on a GTID channel with both threads stopped: the relay logs go (a new
     * relay-bin.000001) and the source coordinates go back to what the SQL thread executed, kept for a
     * later switch to positions; the I/O thread asks by GTID anyway. Nothing on a positional channel.
     */
    public void threadsStartingByGtid() {
        if (usingGtid == UsingGtid.NO || !isConfigured()) {
            return;
        }
        if (!relaySourceLogFile.isEmpty()) {
            sourceLogFile = relaySourceLogFile;
            readSourceLogPos = Math.max(4, execSourceLogPos);
        }
        purgeRelayLogs();
    }

    /** Where the next dump starts: after what was read, else what CHANGE MASTER named, else the start. */
    public BinlogPosition dumpStart() {
        if (!sourceLogFile.isEmpty()) {
            return new BinlogPosition(sourceLogFile, readSourceLogPos);
        }
        return requestedStart;
    }

    /**
     * RESET SLAVE: the relay logs go and replication would start again from the source's first file;
     * with ALL the connection settings go too and the channel is no longer configured (reset_slave).
     * {@code toGtid} (MariaDB 10.11): a positional channel goes on from gtid_slave_pos instead, and its relay
     * log stays uninitialised until a replica thread starts (Relay_Log_File empty; Relay_Log_Pos and
     * Relay_Log_Space as they were; measured). Returns whether Using_Gtid changed (MariaDB's Note 4190, with
     * ALL too: measured on 10.11.19).
     */
    public boolean reset(boolean all, boolean toGtid, float defaultHeartbeat) {
        boolean toSlavePos = toGtid && usingGtid == UsingGtid.NO;
        if (toGtid && !all) {
            shownBeforeReset = new long[] {relayLogPos, relayLogSpace()};
        }
        if (toSlavePos) {
            usingGtid = UsingGtid.SLAVE_POS;
        }
        sqlDelaySeconds = 0; // reset_slave: clear_sql_delay (measured on MariaDB 10.11: SQL_Delay 0)
        // clear_in_memory_info -> init_master_log_pos: slave_net_timeout / 2 again, with ALL or without; the
        // heartbeats received stay counted (measured on MariaDB 10.11.19).
        heartbeatPeriod = defaultHeartbeat;
        if (all) {
            sourceHost = null;
            sourcePort = 3306;
            sourceUser = "repl";
            sourcePassword = "repl";
            connectRetrySeconds = 60;
            autoPosition = false;
            usingGtid = UsingGtid.SLAVE_POS;
        }
        forgetCoordinates();
        purgeRelayLogs();
        lastIoErrno = 0;
        lastIoError = "";
        ioErrorTime = -1;
        return toSlavePos;
    }

    /** Whether the relay log is initialised (not after MariaDB's RESET SLAVE, until a thread starts). */
    public boolean relayLogInited() {
        return shownBeforeReset == null;
    }

    /** Relay_Log_Pos as SHOW SLAVE STATUS shows it: after MariaDB's RESET SLAVE, what it was. */
    public long shownRelayLogPos() {
        return shownBeforeReset == null ? relayLogPos : shownBeforeReset[0];
    }

    /** Relay_Log_Space as SHOW SLAVE STATUS shows it: after MariaDB's RESET SLAVE, what it was. */
    public long shownRelayLogSpace() {
        return shownBeforeReset == null ? relayLogSpace() : shownBeforeReset[1];
    }

    /** The source's coordinates and the relay log mean nothing for another source. */
    private void forgetCoordinates() {
        requestedStart = null;
        sourceLogFile = "";
        readSourceLogPos = 4;
        relaySourceLogFile = "";
        execSourceLogPos = 0;
        relayLog.clear();
        groupTaken = 0;
        forgetRead();
        pendingRelayRotates = 0;
        relayFiles.clear();
        writingFileSize = null;
        relayLogPos = 4;
        oldestUnappliedTimestamp = -1;
    }

    // --- I/O thread

    /**
     * The server starts and opens a new relay log file (Relay_log_info::init); the last one was closed by
     * the shutdown or the crash, without a Rotate.
     */
    public void relayLogOpenedAtStart() {
        openRelayFile();
    }

    /** A new process: what it counts in memory starts again (MariaDB's Slave_*_Groups; measured on 10.11.19). */
    public void processStarted() {
        transactionalGroups = 0;
        ddlGroups = 0;
        receivedHeartbeats = 0;
    }

    private void openRelayFile() {
        relayFileNumber++;
        relayFiles.put(relayFileNumber, new long[] {relayFirstPos});
        writingFileSize = null;
        relayWritePos = relayFirstPos;
    }

    /** The source's server_id and server_uuid, as the I/O thread learned them at connect. */
    public void sourceKnown(long serverId, String uuid) {
        this.sourceServerId = serverId;
        this.sourceUuid = uuid;
    }

    public String sourceUuid() {
        return sourceUuid;
    }

    /** The relay log file the I/O thread writes. */
    int relayFileWritten() {
        return relayFileNumber;
    }

    /** The relay log file number the SQL thread reads now (1 before any). */
    public int relayFileNumber() {
        return Math.max(1, sqlRelayFileNumber);
    }

    public void ioStarting(String state) {
        ioRunning = IoRunning.CONNECTING;
        ioState = state;
        shownBeforeReset = null; // init_relay_log_info
        relaySpace.ioStarting();
    }

    /** Connected; the I/O thread runs its set-up statements before it asks for the dump. */
    public void ioPreparing(String state) {
        ioRunning = IoRunning.PREPARING;
        ioState = state;
    }

    public void ioConnected(String state, long sourceServerId) {
        ioRunning = IoRunning.YES;
        ioState = state;
    }

    public void ioReconnecting(String state) {
        ioRunning = IoRunning.CONNECTING;
        ioState = state;
    }

    public void ioError(int errno, String message, long now) {
        lastIoErrno = errno;
        lastIoError = message;
        ioErrorTime = now;
    }

    public void ioStopped() {
        ioRunning = IoRunning.NO;
        ioState = "";
        sourceFormatSize = 0; // handle_slave_io drops description_event_for_queue as it ends
    }

    /**
     * START SLAVE UNTIL's condition (Relay_log_info::until_condition): the source's coordinates ({@code relay}
     * false) or the relay log's; shown by SHOW SLAVE STATUS until the next START SLAVE of the SQL thread.
     */
    public record Until(boolean relay, String file, long pos) {
        /** Until_Condition's word. */
        public String condition() {
            return relay ? "Relay" : "Master";
        }
    }

    private Until until;

    /** START SLAVE of the SQL thread sets it, or clears it (null). */
    public void until(Until condition) {
        until = condition;
    }

    public Until until() {
        return until;
    }

    /**
     * Whether the SQL thread, about to read its next event, has reached its UNTIL position (rpl_rli.cc
     * is_until_satisfied): between transactions the source's position is where the next event starts, the
     * relay log's where the SQL thread's group ends; a later file is past it, files compared by number.
     */
    public boolean untilReached() {
        if (until == null || nextToApply() == null) {
            return false; // checked as an event is read: a thread that read everything waits on
        }
        long file = until.relay() ? relayFileNumber()
                : io.semisyncsim.binlog.LogFileName.number(relaySourceLogFile());
        long untilFile = io.semisyncsim.binlog.LogFileName.number(until.file());
        long pos = until.relay() ? relayLogPos : execSourceLogPos();
        return file > untilFile || file == untilFile && pos >= until.pos();
    }

    /** The SQL thread stopped on an error (Last_SQL_Errno, Last_SQL_Error). */
    public void sqlError(int errno, String message, long now) {
        lastSqlErrno = errno;
        lastSqlError = message;
        sqlErrorTime = now;
    }

    /** START SLAVE starts the SQL thread with its last error cleared. */
    public void clearSqlError() {
        lastSqlErrno = 0;
        lastSqlError = "";
        sqlErrorTime = -1;
    }

    /**
     * The I/O thread connected and asked for a dump by GTID ({@code requested}, its text) or by position
     * (null): Gtid_IO_Pos starts there.
     */
    public void gtidRequested(String requested, io.semisyncsim.gtid.GtidList position) {
        gtidRequested = requested;
        if (position != null) {
            gtidIoPos = position.copy();
        }
    }

    /** The GTID position this connection asked from, or null when it asked by file and position. */
    public String gtidRequested() {
        return gtidRequested;
    }

    /**
     * An event the I/O thread does not write: a transaction of this server's own (replicate_same_server_id
     * is OFF); the source position still moves past it.
     */
    public void ignored(BinlogEvent e) {
        if (!e.type().artificial()) {
            sourceLogFile = e.file();
            readSourceLogPos = e.endPos();
        }
    }

    /** START SLAVE clears the last errors (as MySQL does when the thread starts). */
    public void clearIoError() {
        lastIoErrno = 0;
        lastIoError = "";
        ioErrorTime = -1;
    }

    /**
     * The I/O thread wrote an event to the relay log (and flushed it). The source position it read up
     * to moves with real events; the dump's fake Rotate names where the stream starts; a Rotate moves
     * to the next file; the artificial Format_description moves nothing (its log_pos is 0).
     */
    public void queued(BinlogEvent e, long sourceTimestamp) {
        if (e.type() == EventType.ROTATE || e.type() == EventType.FAKE_ROTATE) {
            // process_io_rotate: every Rotate, the dump's fake one at its start included, resets the source's
            // format to one not copied (format 3) and rotates the relay log; the Rotate opens the new file.
            sourceFormatSize = 0;
            rotateRelayLog();
        }
        switch (e.type()) {
            case FAKE_ROTATE -> {
                sourceLogFile = e.file();
                readSourceLogPos = e.endPos();
            }
            case ROTATE -> {
                sourceLogFile = nextFile(e.file());
                readSourceLogPos = 4;
            }
            case ARTIFICIAL_FORMAT_DESCRIPTION -> sourceFormatSize = e.size();
            case STOP -> {
                // The source shut down cleanly: read, not written to the relay log (queue_event: STOP_EVENT).
                sourceLogFile = e.file();
                readSourceLogPos = e.endPos();
                return;
            }
            default -> {
                sourceLogFile = e.file();
                readSourceLogPos = e.endPos();
                if (e.type() == EventType.FORMAT_DESCRIPTION) {
                    sourceFormatSize = e.size();
                }
            }
        }
        if (e.endsTransaction() && e.transaction().gtid() != null) {
            io.semisyncsim.gtid.Gtid g = e.transaction().gtid();
            if (g instanceof io.semisyncsim.gtid.Gtid.Uuid u) {
                retrieved.add(u);
            } else if (g instanceof io.semisyncsim.gtid.Gtid.Domain d && usingGtid != UsingGtid.NO) {
                gtidIoPos.put(d);
            }
        }
        write(e);
        relaySpace.queued(e);
        if (relayWritePos > maxFileSize.getAsLong()) {
            rotateRelayLog(); // MYSQL_BIN_LOG::appendv: past max_size, even inside a transaction
        }
        if (oldestUnappliedTimestamp < 0 && sourceTimestamp >= 0) {
            oldestUnappliedTimestamp = sourceTimestamp;
        }
    }

    /** An event goes to the end of the relay file being written. */
    private void write(BinlogEvent e) {
        relayWritePos += e.size();
        if (writingFileSize == null) {
            writingFileSize = relayFiles.computeIfAbsent(relayFileNumber, f -> new long[1]);
        }
        writingFileSize[0] += e.size(); // per event: no boxed key, no tree walk
        relayLog.add(new Relayed(e, relayFileNumber, relayWritePos));
        unsynced++;
    }

    /**
     * rotate_relay_log (a source's Rotate, max_relay_log_size, FLUSH RELAY LOGS): the file being written is
     * closed with a Rotate naming the next one (new_file_impl writes it with the RELAY_LOG flag), which
     * opens with the relay log's own header and, while the I/O thread holds the source's format, a copy of
     * its Format_description (MYSQL_BIN_LOG::open writes description_event_for_queue). The SQL thread reads
     * both and moves into the new file. A channel never configured has no relay log to rotate
     * (rotate_relay_log: !mi->inited). Returns whether the relay log grew.
     */
    public boolean rotateRelayLog() {
        if (!isConfigured()) {
            return false;
        }
        write(new BinlogEvent(EventType.RELAY_ROTATE, sourceLogFile, readSourceLogPos,
                relayRotateSize.applyAsInt(relayFileNumber + 1), 0, -1, null));
        pendingRelayRotates++;
        openRelayFile();
        if (sourceFormatSize > 0) {
            write(new BinlogEvent(EventType.ARTIFICIAL_FORMAT_DESCRIPTION, sourceLogFile, readSourceLogPos,
                    sourceFormatSize, 0, -1, null));
        }
        return true;
    }

    /** The I/O thread fsynced the relay log (every sync_relay_log events). */
    public void relaySynced() {
        unsynced = 0;
    }

    /**
     * A crash: relay-log events after the last fsync are gone, and the I/O thread will ask again from
     * the last event kept, or from what the SQL thread executed (as relay_log_recovery does). Returns
     * how many were lost.
     */
    public int powerLoss() {
        settleGroup();
        int lost = Math.min(unsynced, relayLog.size());
        for (int i = 0; i < lost; i++) {
            Relayed dropped = relayLog.last();
            relayLog.removeLast();
            if (dropped.event().type() == EventType.RELAY_ROTATE) {
                pendingRelayRotates--;
            }
            relayFiles.computeIfAbsent(dropped.file(), f -> new long[1])[0] -= dropped.event().size();
        }
        unsynced = 0;
        if (lost > 0) {
            BinlogEvent last = relayLog.isEmpty() ? null : relayLog.last().event();
            if (last != null && last.type() != EventType.ROTATE) {
                sourceLogFile = last.file();
                readSourceLogPos = last.endPos();
            } else if (!relaySourceLogFile.isEmpty()) {
                sourceLogFile = relaySourceLogFile;
                readSourceLogPos = execSourceLogPos;
            }
        }
        return lost;
    }

    // --- SQL thread

    public void sqlStarted() {
        sqlRunning = true;
        shownBeforeReset = null; // init_relay_log_info
        relaySpace.sqlStarted(relayLogPurge.getAsBoolean());
        leaveClosedFile();
    }

    /** The SQL thread starts; {@code atLeast4}: on a GTID channel with no position yet it starts at 4 (MariaDB). */
    public void sqlStarted(boolean atLeast4) {
        sqlStarted();
        if (atLeast4 && usingGtid != UsingGtid.NO && execSourceLogPos < 4) {
            execSourceLogPos = 4;
        }
    }

    /**
     * A relay file a shutdown or crash closed without a Rotate, read to its end (as the SQL thread starts,
     * or as it applies the file's last event): the SQL thread meets its end and goes on to the next
     * (next_event), purging the files before its group's, and that one too when the group ends where the
     * file does (purge_first_log). A file closed by a Rotate was left at the Rotate.
     */
    private void leaveClosedFile() {
        if (eventFileNumber < relayFileNumber
                && (relayLog.size() <= groupTaken || relayLog.get(groupTaken).file() > eventFileNumber)) {
            purgeRead(sqlRelayFileNumber == eventFileNumber && relayLogPos == eventPos);
            eventFileNumber++;
            eventPos = relayFirstPos;
        }
    }

    /** Skip_Counter: the events the SQL thread will skip, or still skips. */
    public long skipCounter() {
        return skipCounter;
    }

    public void setSkipCounter(long n) {
        skipCounter = n;
    }

    /**
     * The SQL thread skips the head event for sql_slave_skip_counter ({@code counted}: it counts as one of
     * them): its positions move as if it were applied, but a group it ends is not counted as applied
     * (measured on MariaDB 10.11.18: Slave_Transactional_Groups unchanged by a skipped group). Returns whether
     * the group position moved.
     */
    public boolean skipped(BinlogEvent e, boolean counted) {
        if (counted) {
            skipCounter--;
        }
        return advance(e, false);
    }

    /** The relay file the SQL thread's group position is in (Relay_Log_File of its Relay_Log_Pos). */
    public int groupRelayFileNumber() {
        return sqlRelayFileNumber;
    }

    public void sqlStopped() {
        sqlRunning = false;
        committingState = null;
        settleGroup(); // stopped between events: it goes on from the next (a failed group was rewound first)
    }

    /** The next relay-log event the SQL thread has not applied, or null. */
    public BinlogEvent nextToApply() {
        return relayLog.size() <= groupTaken ? null : relayLog.get(groupTaken).event();
    }

    /**
     * The SQL thread failed to apply the group it is inside: the group's events it took are read again
     * from its start next time (the relay position of a stopped SQL thread is its group's).
     */
    public void rewindGroup() {
        endCounted = false; // the attempt was counted; the next one counts itself
        if (groupTaken > 0) {
            groupTaken = 0;
            eventFileNumber = takenFromFile;
            eventPos = takenFromPos;
            inGroup = takenInGroup;
        }
    }

    /** The group's events taken so far are gone from the relay log's unread part, in order. */
    private void settleGroup() {
        for (int i = 0; i < groupTaken; i++) {
            keepRead(relayLog.get(i));
        }
        relayLog.dropFirst(groupTaken);
        groupTaken = 0;
    }

    /**
     * How many relay-log events, from the head, the SQL thread applies before it next commits: up to
     * the first transaction end, or everything there when no transaction is complete yet.
     */
    public int eventsToNextCommit() {
        int n = 0;
        // Under MASTER_DELAY the header events before a transaction (the source's Format_description,
        // Gtid_list, Binlog_checkpoint: no transaction's) go as a run of their own, so that the delay is
        // looked at before the transaction's first event (sql_delay_event), not skipped with them.
        boolean headers = sqlDelaySeconds != 0 && relayLog.get(groupTaken).event().trx() == 0;
        for (int i = groupTaken; i < relayLog.size(); i++) {
            if (headers && relayLog.get(i).event().trx() != 0) {
                break;
            }
            n++;
            if (relayLog.get(i).event().endsTransaction()) {
                break;
            }
        }
        return n;
    }

    /**
     * Of the next {@code n} relay-log events, those the SQL thread executes: the relay log's own Rotate is
     * only read, and costs nothing to apply. Rotates are rare, so this counts only when one is waiting.
     */
    public int executedAmong(int n) {
        if (pendingRelayRotates == 0) {
            return n;
        }
        int executed = 0;
        for (int i = groupTaken; i < groupTaken + n; i++) {
            if (relayLog.get(i).event().type() != EventType.RELAY_ROTATE) {
                executed++;
            }
        }
        return executed;
    }

    /** MariaDB's Slave_DDL_Groups and Slave_Transactional_Groups (rpl_parallel / Relay_log_info). */
    private void countGroup(io.semisyncsim.binlog.Transaction trx) {
        if (trx.query() != null) {
            ddlGroups++;
        } else {
            transactionalGroups++;
        }
    }

    /**
     * The SQL thread failed to apply a transaction: MariaDB counts the attempt all the same (measured on
     * 10.11.18: Slave_Transactional_Groups one higher at each failure of a group, not for a group skipped).
     */
    public void groupFailed(io.semisyncsim.binlog.Transaction trx) {
        countGroup(trx);
    }

    /** The next transaction's end was counted as it went to be committed already ({@link #groupCounted}). */
    private boolean endCounted;
    /** The SQL thread's state while the server commits a transaction it applied; null otherwise. */
    private java.util.function.Supplier<String> committingState;

    /**
     * The SQL thread hands the server a transaction to commit: the group is counted now, while the executed
     * position moves only when the commit returns to the thread, after any semisync wait (measured on MariaDB
     * 10.11.18, AFTER_COMMIT and AFTER_SYNC alike: Slave_Transactional_Groups 1 and Exec_Master_Log_Pos still
     * before it while the SQL thread waits for an ACK).
     */
    public void groupCounted(io.semisyncsim.binlog.Transaction trx) {
        countGroup(trx);
        endCounted = true;
    }

    /**
     * While the server commits a transaction the SQL thread applied, Slave_SQL_Running_State is the
     * thread's own state ({@code state}: the commit queue, a semisync wait), as MariaDB shows the SQL
     * thread's proc_info; null when the commit is done.
     */
    public void sqlCommitting(java.util.function.Supplier<String> state) {
        committingState = state;
    }

    /** The SQL thread's state while the server commits for it, or null. */
    public String sqlCommittingState() {
        return committingState == null ? null : committingState.get();
    }

    /** The SQL thread's state while it waits for a row or sleeps before trying its transaction again; else null. */
    private String retryingState;
    private boolean waitsForRow;
    /** Slave_retried_transactions: transactions the SQL thread ran again after a temporary error (rli->retried_trans). */
    private long retriedTransactions;

    /**
     * The SQL thread waits for a row a local transaction holds, or sleeps before it runs the transaction again
     * ({@code state}, which Slave_SQL_Running_State shows); null when it goes on. Unlike a commit, STOP SLAVE does
     * not wait for it.
     */
    public void sqlRetrying(String state, boolean rowWait) {
        retryingState = state;
        waitsForRow = rowWait;
    }

    /** Whether the SQL thread waits for a row: STOP SLAVE then waits for that wait to end. */
    public boolean sqlWaitsForRow() {
        return waitsForRow;
    }

    public String sqlRetryingState() {
        return retryingState;
    }

    /** The SQL thread runs a transaction again after a lock wait timeout or a deadlock. */
    public void transactionRetried() {
        retriedTransactions++;
    }

    public long retriedTransactions() {
        return retriedTransactions;
    }

    /**
     * The SQL thread applied the head event. The executed source position and the relay position shown
     * (the group's) move at transaction ends and with the source's events outside transactions (the file's
     * header events); the relay log's own closing Rotate moves neither. At the end of each relay file the
     * SQL thread purges the files before its group's (slave.cc next_event -> purge_first_log, relay_log_purge):
     * that one too only if the group ends where the file does, which a file closed by a Rotate never does,
     * so the file before the one being read stays until the SQL thread reads past the next (Relay_Log_Space,
     * measured on MariaDB 10.11). Returns whether the group position moved (inc_group_relay_log_pos, which
     * wakes MASTER_POS_WAIT's waiters).
     */
    public boolean applied(BinlogEvent e) {
        return advance(e, true);
    }

    /** {@link #applied}, or ({@code counted} false) skipped: a group it ends is not counted as applied. */
    private boolean advance(BinlogEvent e, boolean counted) {
        boolean groupMoved = false;
        Relayed r = relayLog.get(groupTaken);
        if (e.trx() != 0 && !e.endsTransaction()) {
            if (groupTaken == 0) {
                takenFromFile = eventFileNumber;
                takenFromPos = eventPos;
                takenInGroup = inGroup;
            }
            groupTaken++; // inside a group: kept until it ends
        } else {
            groupTaken++;
            settleGroup();
        }
        eventFileNumber = r.file();
        eventPos = r.relayEnd();
        if (e.type() == EventType.RELAY_ROTATE) {
            pendingRelayRotates--;
            if (relaySpace.forcesPurge(inGroup)) {
                // Rpl_applier_reader::move_to_next_log(force): the group moves into the next file, so the
                // file left is purged too and the waiting receiver can go on.
                sqlRelayFileNumber = r.file() + 1;
                relayLogPos = 4;
            }
            purgeRead(false);
            eventFileNumber = r.file() + 1; // on into the next file, past its own header
            eventPos = relayFirstPos;
        } else if (e.endsTransaction() || e.trx() == 0 && !inGroup) {
            sqlRelayFileNumber = r.file();
            relayLogPos = r.relayEnd();
            groupMoved = true;
        }
        if (e.trx() != 0) {
            inGroup = !e.endsTransaction(); // the relay log's own events, inside one, move nothing
        }
        switch (e.type()) {
            case ROTATE -> {
                relaySourceLogFile = nextFile(e.file());
                execSourceLogPos = 4;
            }
            case ARTIFICIAL_FORMAT_DESCRIPTION, STOP, RELAY_ROTATE -> {
            }
            default -> {
                relaySourceLogFile = e.file();
                if (e.endsTransaction()) {
                    if (endCounted) {
                        endCounted = false;
                    } else if (counted) {
                        countGroup(e.transaction());
                    }
                }
                if (e.endsTransaction() || e.trx() == 0) {
                    execSourceLogPos = e.endPos(); // at transaction boundaries, and for events outside one
                }
            }
        }
        oldestUnappliedTimestamp = -1;
        for (int i = groupTaken; i < relayLog.size(); i++) { // the next event with a source timestamp (rotations have none)
            BinlogEvent next = relayLog.get(i).event();
            if (next.timestamp() >= 0) {
                oldestUnappliedTimestamp = next.timestamp();
                break;
            }
        }
        leaveClosedFile();
        return groupMoved;
    }

    /**
     * purge_first_log: the relay files before the group's, and the group's too if {@code included}; with
     * relay_log_purge OFF none (and once it is ON again, the next file end purges all that were kept).
     */
    private void purgeRead(boolean included) {
        if (relayLogPurge.getAsBoolean()) {
            var purged = relayFiles.headMap(sqlRelayFileNumber, included);
            boolean any = !purged.isEmpty();
            purged.clear();
            while (!readRuns.isEmpty() && !relayFiles.containsKey(readRuns.peekFirst()[0])) {
                readRelay.dropFirst(readRuns.pollFirst()[1]); // the file went, and what it held with it
            }
            relaySpace.purged(any, sqlRelayFileNumber);
        }
    }

    /**
     * Whether applied entries are kept for SHOW RELAYLOG EVENTS (a run that never reads them leaves them out:
     * nothing else reads them, and each would be a copy of an event per replica).
     */
    public void keepApplied(boolean keep) {
        keepApplied = keep;
        if (!keep) {
            forgetRead();
        }
    }

    /** An applied entry stays with its relay file. */
    private void keepRead(Relayed r) {
        if (!keepApplied) {
            return;
        }
        readRelay.add(r);
        int[] last = readRuns.peekLast();
        if (last != null && last[0] == r.file()) {
            last[1]++;
        } else {
            readRuns.addLast(new int[] {r.file(), 1});
        }
    }

    private void forgetRead() {
        readRelay.clear();
        readRuns.clear();
    }

    // --- SHOW RELAYLOG EVENTS

    /**
     * Relay log file {@code number} (null: the first in the index) as SHOW RELAYLOG EVENTS reads it after the
     * file's own header: its size, and each event where it lies, the End_log_pos it carries and the server_id
     * it was written with. The source's events keep the source's End_log_pos and server_id; the dump thread's
     * fake Rotate and artificial Format_description carry 0 (log_event.cc: log_pos 0 marks them artificial);
     * the Rotate that closes a relay file is this server's ({@code serverId}). {@code skipByReplica}: MySQL
     * writes the GTIDs a dump skipped as its own Rotate with server_id 0 (rpl_replica.cc
     * write_ignored_events_info_to_relay_log); MariaDB's is the source's Gtid_list. Null when no such file
     * is in the index ({@link #relayLogOpen} tells whether there is one); {@code relayName} names file N.
     */
    public RelayFileEvents relayFileEvents(Integer number, long serverId, boolean skipByReplica,
                                           java.util.function.IntFunction<String> relayName) {
        if (!relayLogOpen()) {
            return null;
        }
        int n = number == null ? relayFiles.firstKey() : number;
        long[] size = relayFiles.get(n);
        if (size == null) {
            return null;
        }
        java.util.List<ShowBinlogEvents.Written> out = new java.util.ArrayList<>();
        boolean inTransaction = false; // the file ends inside a transaction: its end is read from the next
        for (EventStore<Relayed> store : java.util.List.of(readRelay, relayLog)) {
            for (int i = 0; i < store.size(); i++) {
                Relayed r = store.get(i);
                BinlogEvent e = r.event();
                if (r.file() == n) {
                    out.add(written(r, serverId, skipByReplica, relayName));
                    inTransaction = e.trx() != 0 ? !e.endsTransaction() : inTransaction;
                } else if (r.file() > n && inTransaction) {
                    if (e.trx() != 0) {
                        out.add(written(r, serverId, skipByReplica, relayName).hidden());
                        inTransaction = !e.endsTransaction();
                    }
                }
            }
        }
        return new RelayFileEvents(n, size[0], out);
    }

    /**
     * Whether the relay log is open: from CHANGE MASTER (or the start of a configured server) on, not after
     * MariaDB's RESET SLAVE until a thread starts. A closed one shows nothing (show_binlog_events reads only
     * an open log).
     */
    public boolean relayLogOpen() {
        return isConfigured() && relayLogInited() && !relayFiles.isEmpty();
    }

    private ShowBinlogEvents.Written written(Relayed r, long serverId, boolean skipByReplica,
                                                                   java.util.function.IntFunction<String> relayName) {
        BinlogEvent e = r.event();
        long pos = r.relayEnd() - e.size();
        return switch (e.type()) {
            case FAKE_ROTATE, ARTIFICIAL_FORMAT_DESCRIPTION ->
                    new ShowBinlogEvents.Written(e, pos, 0, sourceServerId, null);
            case RELAY_ROTATE -> new ShowBinlogEvents.Written(
                    BinlogEvent.recording(EventType.RELAY_ROTATE, e.file(), e.endPos(), e.size(),
                            relayName.apply(r.file() + 1) + ";pos=4"), pos, r.relayEnd(), serverId, null);
            case GTID_SKIPPED -> skipByReplica
                    ? new ShowBinlogEvents.Written(BinlogEvent.recording(EventType.GTID_SKIPPED,
                            e.file(), e.endPos(), e.size(), e.file() + ";pos=" + e.endPos()), pos, 0, 0, "ROTATE")
                    : new ShowBinlogEvents.Written(e, pos, e.endPos(), sourceServerId, "GTID_LIST");
            default -> new ShowBinlogEvents.Written(e, pos, e.endPos(), sourceServerId, null);
        };
    }

    /** One relay log file's events after its own header: its number, size and events ({@link #relayFileEvents}). */
    public record RelayFileEvents(int number, long size, java.util.List<ShowBinlogEvents.Written> events) {
    }

    // --- relay_log_space_limit

    /** The rules of relay_log_space_limit the I/O thread asks before and after each event it writes. */
    public RelaySpace relaySpace() {
        return relaySpace;
    }

    /**
     * The SQL thread has read everything and waits for more (next_event): where the relay log is over its
     * limit, the I/O thread may write one more event (RelaySpace).
     */
    public void sqlWaitsForEvents() {
        relaySpace.sqlWaitsForEvents(inGroup);
    }

    /** Relay log file {@code number} of a node, as Relay_Log_File names it: {@code node-relay-bin.000001}. */
    public static String relayFileName(String node, int number) {
        return io.semisyncsim.binlog.LogFileName.of(node + "-relay-bin", number);
    }

    /** The number of {@code node}'s relay file {@code name} ({@link #relayFileName}), or null for another name. */
    public static Integer relayFileNumber(String node, String name) {
        String prefix = node + "-relay-bin.";
        if (!name.startsWith(prefix) || !name.substring(prefix.length()).matches("\\d{6}")) {
            return null;
        }
        return Integer.parseInt(name.substring(prefix.length()));
    }

    /** The binlog file after {@code file}: the same base name, the number one up. */
    static String nextFile(String file) {
        return io.semisyncsim.binlog.LogFileName.next(file);
    }

    // --- what SHOW SLAVE STATUS reads

    public IoRunning ioRunning() {
        return ioRunning;
    }

    public boolean sqlRunning() {
        return sqlRunning;
    }

    public String ioState() {
        return ioState;
    }

    public String sourceHost() {
        return sourceHost;
    }

    public int sourcePort() {
        return sourcePort;
    }

    /** CHANGE MASTER TO MASTER_PASSWORD: the password the I/O thread logs in with from now on. */
    public void setSourcePassword(String password) {
        sourcePassword = password;
    }

    public String sourcePassword() {
        return sourcePassword;
    }

    public String sourceUser() {
        return sourceUser;
    }

    public long connectRetrySeconds() {
        return connectRetrySeconds;
    }

    /**
     * The period the I/O thread asks its dump for, in microseconds: the replica sends it as whole nanoseconds
     * computed in float (slave.cc get_master_version_and_clock: heartbeat_period * 1000000000UL); 0 asks for none.
     */
    public long heartbeatPeriodMicros() {
        return (long) (heartbeatPeriod * 1_000_000_000f) / 1000;
    }

    /** Slave_heartbeat_period as mysqld.cc show_heartbeat_period prints the float: "%.3f". */
    public String heartbeatPeriodShown() {
        return new java.math.BigDecimal(heartbeatPeriod).setScale(3, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A heartbeat read from the source (slave.cc queue_event: HEARTBEAT_LOG_EVENT). */
    public void heartbeatReceived() {
        receivedHeartbeats++;
    }

    public long receivedHeartbeats() {
        return receivedHeartbeats;
    }

    public boolean autoPosition() {
        return autoPosition;
    }

    public UsingGtid usingGtid() {
        return usingGtid;
    }

    /** Retrieved_Gtid_Set (MySQL). */
    public io.semisyncsim.gtid.GtidSet retrievedGtids() {
        return retrieved;
    }

    /**
     * Gtid_IO_Pos (MariaDB's mi->gtid_current_pos, shown whatever Using_Gtid is): empty for a channel that never
     * replicated by GTID; one that turned positional (CHANGE MASTER TO MASTER_LOG_POS) keeps where it got to
     * (measured on 10.11.18).
     */
    public String gtidIoPos() {
        return gtidIoPos.toString();
    }

    /** Where Executed_Gtid_Set (the server's gtid_executed) is read. */
    public void setExecutedGtids(java.util.function.Supplier<String> executed) {
        this.executedGtids = executed;
    }

    public String executedGtids() {
        return executedGtids.get();
    }

    public int lastSqlErrno() {
        return lastSqlErrno;
    }

    public String lastSqlError() {
        return lastSqlError;
    }

    public long sqlErrorTime() {
        return sqlErrorTime;
    }

    public String sourceLogFile() {
        return sourceLogFile;
    }

    public long readSourceLogPos() {
        return readSourceLogPos;
    }

    public long relayLogPos() {
        return relayLogPos;
    }

    /** Relay_Log_Space: the size of every relay log file not purged yet. */
    public long relayLogSpace() {
        long total = 0;
        for (long[] size : relayFiles.values()) {
            total += size[0];
        }
        return total;
    }

    public String relaySourceLogFile() {
        return relaySourceLogFile;
    }

    public long execSourceLogPos() {
        return execSourceLogPos;
    }

    public long sourceServerId() {
        return sourceServerId;
    }

    public int lastIoErrno() {
        return lastIoErrno;
    }

    public String lastIoError() {
        return lastIoError;
    }

    public long ioErrorTime() {
        return ioErrorTime;
    }

    public int relayLogBacklog() {
        return relayLog.size() - groupTaken;
    }

    /** CHANGE MASTER TO MASTER_DELAY = {@code seconds}. */
    public void setSqlDelay(long seconds) {
        sqlDelaySeconds = seconds;
    }

    /** SQL_Delay. */
    public long sqlDelay() {
        return sqlDelaySeconds;
    }

    /**
     * sql_delay_event, as the SQL thread is about to apply the next group at {@code now}: when MASTER_DELAY
     * holds it back, the virtual time it sleeps until, else -1. The delay ends {@code sqlDelay} seconds after
     * the transaction's time in whole seconds: MariaDB's event time rounded down (ev->when), MySQL 8's
     * commit time rounded up ({@code commitSecondUp}: ceil of immediate_commit_timestamp); the thread sleeps
     * that many whole seconds from now (slave_sleep), so it wakes up to a second later than the end. The
     * source's own header events (a Format_description, a Rotate) and the relay log's are never held.
     */
    public long sqlDelayUntil(long now, boolean commitSecondUp) {
        if (sqlDelaySeconds == 0 || inGroup) {
            return -1; // before the relay log is read: it decodes the event
        }
        BinlogEvent next = nextToApply();
        if (next == null || next.timestamp() < 0 || next.trx() == 0) {
            return -1;
        }
        long second = commitSecondUp ? Math.floorDiv(next.timestamp() + 999_999L, 1_000_000L)
                : Math.floorDiv(next.timestamp(), 1_000_000L);
        long end = second + sqlDelaySeconds;
        long nap = end - Math.floorDiv(now, 1_000_000L);
        if (nap <= 0) {
            return -1;
        }
        sqlDelayEnd = end;
        return now + nap * 1_000_000L;
    }

    /** Whether the SQL thread sleeps out MASTER_DELAY now. */
    public boolean sqlDelaying() {
        return sqlDelayEnd >= 0;
    }

    /** The SQL thread's delay is over (or it stopped). */
    public void sqlDelayOver() {
        sqlDelayEnd = -1;
    }

    /** SQL_Remaining_Delay: the seconds left of the delay the SQL thread waits out, or null when it waits none. */
    public Long sqlRemainingDelay(long now) {
        return sqlDelayEnd < 0 ? null : Math.max(0, sqlDelayEnd - Math.floorDiv(now, 1_000_000L));
    }

    /** Seconds_Behind_Master: null unless both threads run; 0 when caught up (MySQL's rule). */
    public Long secondsBehind(long now) {
        if (ioRunning != IoRunning.YES || !sqlRunning) {
            return null;
        }
        return oldestUnappliedTimestamp < 0 ? 0L : Math.max(0, (now - oldestUnappliedTimestamp) / 1_000_000);
    }

    public long ddlGroups() {
        return ddlGroups;
    }

    public long transactionalGroups() {
        return transactionalGroups;
    }

    public long relayFirstPos() {
        return relayFirstPos;
    }
}
