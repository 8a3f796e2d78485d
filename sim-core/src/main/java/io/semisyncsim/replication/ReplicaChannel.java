package io.semisyncsim.replication;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import java.util.ArrayDeque;

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

    public enum IoRunning { NO, CONNECTING, YES }

    // CHANGE MASTER TO
    private String sourceHost;
    private int sourcePort = 3306;
    private String sourceUser = "repl";
    private long connectRetrySeconds = 60;
    private Long heartbeatPeriodMicros; // null: slave_net_timeout / 2
    private boolean autoPosition;
    private BinlogPosition requestedStart; // MASTER_LOG_FILE/POS, or null: from the start

    // I/O thread
    private IoRunning ioRunning = IoRunning.NO;
    private String ioState = "";
    private String sourceLogFile = "";
    private long readSourceLogPos = 4;
    private long sourceServerId;
    private int lastIoErrno;
    private String lastIoError = "";
    private long ioErrorTime = -1;

    // relay log and SQL thread
    private final ArrayDeque<BinlogEvent> relayLog = new ArrayDeque<>();
    /** Relay-log events (at the tail of relayLog) written since the last relay-log fsync. */
    private int unsynced;
    private long relayLogPos;
    private long relayLogSpace;
    private boolean sqlRunning;
    private String relaySourceLogFile = "";
    private long execSourceLogPos;
    private long oldestUnappliedTimestamp = -1;
    private final long relayFirstPos;

    public ReplicaChannel(long relayFirstPos) {
        this.relayFirstPos = relayFirstPos;
        this.relayLogPos = relayFirstPos;
    }

    // --- configuration

    public boolean isConfigured() {
        return sourceHost != null;
    }

    public void configure(String host, Integer port, String user, Long connectRetry, Long heartbeatMicros,
                          Boolean autoPos, BinlogPosition start) {
        if (host != null) {
            if (!host.equals(sourceHost)) {
                forgetCoordinates(); // a new source: its binlog coordinates start over
            }
            sourceHost = host;
        }
        if (port != null) {
            sourcePort = port;
        }
        if (user != null) {
            sourceUser = user;
        }
        if (connectRetry != null) {
            connectRetrySeconds = connectRetry;
        }
        if (heartbeatMicros != null) {
            heartbeatPeriodMicros = heartbeatMicros;
        }
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

    /** Where the next dump starts: after what was read, else what CHANGE MASTER named, else the start. */
    public BinlogPosition dumpStart() {
        if (!sourceLogFile.isEmpty()) {
            return new BinlogPosition(sourceLogFile, readSourceLogPos);
        }
        return requestedStart;
    }

    /** RESET SLAVE ALL: no source any more; what was read but not applied is discarded. */
    public void resetAll() {
        sourceHost = null;
        forgetCoordinates();
    }

    /** The source's coordinates and the relay log mean nothing for another source. */
    private void forgetCoordinates() {
        requestedStart = null;
        sourceLogFile = "";
        readSourceLogPos = 4;
        relaySourceLogFile = "";
        execSourceLogPos = 0;
        relayLog.clear();
        relayLogSpace = 0;
        relayLogPos = relayFirstPos;
        oldestUnappliedTimestamp = -1;
    }

    // --- I/O thread

    public void ioStarting(String state) {
        ioRunning = IoRunning.CONNECTING;
        ioState = state;
    }

    public void ioConnected(String state, long sourceServerId) {
        ioRunning = IoRunning.YES;
        ioState = state;
        this.sourceServerId = sourceServerId;
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
    }

    /** START SLAVE clears the last errors (as MySQL does when the thread starts). */
    public void clearIoError() {
        lastIoErrno = 0;
        lastIoError = "";
        ioErrorTime = -1;
    }

    /** The I/O thread wrote an event to the relay log (and flushed it). */
    public void queued(BinlogEvent e, long sourceTimestamp) {
        if (e.type() == EventType.ROTATE) {
            readSourceLogPos = e.endPos();
        } else {
            sourceLogFile = e.file();
            readSourceLogPos = e.endPos();
        }
        relayLog.addLast(e);
        unsynced++;
        relayLogPos += e.size();
        relayLogSpace += e.size();
        if (oldestUnappliedTimestamp < 0 && sourceTimestamp >= 0) {
            oldestUnappliedTimestamp = sourceTimestamp;
        }
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
    public int crash() {
        int lost = Math.min(unsynced, relayLog.size());
        for (int i = 0; i < lost; i++) {
            BinlogEvent dropped = relayLog.pollLast();
            relayLogSpace -= dropped.size();
            relayLogPos -= dropped.size();
        }
        unsynced = 0;
        if (lost > 0) {
            BinlogEvent last = relayLog.peekLast();
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
    }

    public void sqlStopped() {
        sqlRunning = false;
    }

    /** The next relay-log event the SQL thread has not applied, or null. */
    public BinlogEvent nextToApply() {
        return relayLog.peekFirst();
    }

    /**
     * How many relay-log events, from the head, the SQL thread applies before it next commits: up to
     * the first transaction end, or everything there when no transaction is complete yet.
     */
    public int eventsToNextCommit() {
        int n = 0;
        for (BinlogEvent e : relayLog) {
            n++;
            if (e.endsTransaction()) {
                break;
            }
        }
        return n;
    }

    /** The SQL thread applied the head event. */
    public void applied(BinlogEvent e) {
        relayLog.pollFirst();
        relayLogSpace -= e.size();
        if (e.type() != EventType.ROTATE) {
            relaySourceLogFile = e.file();
            if (e.endsTransaction()) {
                execSourceLogPos = e.endPos(); // executed position moves at transaction boundaries
            }
        }
        oldestUnappliedTimestamp = -1;
        for (BinlogEvent next : relayLog) { // the next event with a source timestamp (rotations have none)
            if (next.timestamp() >= 0) {
                oldestUnappliedTimestamp = next.timestamp();
                break;
            }
        }
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

    public String sourceUser() {
        return sourceUser;
    }

    public long connectRetrySeconds() {
        return connectRetrySeconds;
    }

    public Long heartbeatPeriodMicros() {
        return heartbeatPeriodMicros;
    }

    public boolean autoPosition() {
        return autoPosition;
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

    public long relayLogSpace() {
        return relayLogSpace;
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
        return relayLog.size();
    }

    /** Seconds_Behind_Master: null unless both threads run; 0 when caught up (MySQL's rule). */
    public Long secondsBehind(long now) {
        if (ioRunning != IoRunning.YES || !sqlRunning) {
            return null;
        }
        return oldestUnappliedTimestamp < 0 ? 0L : Math.max(0, (now - oldestUnappliedTimestamp) / 1_000_000);
    }

    public long relayFirstPos() {
        return relayFirstPos;
    }
}
