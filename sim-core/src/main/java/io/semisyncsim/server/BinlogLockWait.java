package io.semisyncsim.server;

/**
 * A statement that needs the binary log's lock (LOCK_log: SHOW MASTER STATUS, SHOW BINARY LOGS, SHOW BINLOG
 * EVENTS, FLUSH BINARY LOGS, RESET MASTER) while a group commit leader holds it. MariaDB's leader keeps it from
 * writing its group until it holds the after_sync lock, so behind a commit waiting for an ACK (AFTER_SYNC)
 * a second commit's leader holds it for the whole wait, and these statements wait with it (measured on
 * 10.11.18: 2.9 s behind a 3 s timeout, in state "starting"). A mutex wait: no timeout, and KILL does not
 * end it (mysql_mutex_lock is not interruptible; KILL CONNECTION shuts the socket, THD::awake).
 */
final class BinlogLockWait extends UninterruptibleWait {
    private final Mysqld server;

    BinlogLockWait(Mysqld server) {
        this.server = server;
    }

    /** Throws {@link ReplicationWaits.Blocked} while a leader holds the lock: the statement runs once it is free. */
    static void acquire(Mysqld server) {
        if (server.binlogLockHeld()) {
            throw new ReplicationWaits.Blocked(new BinlogLockWait(server));
        }
    }

    @Override
    public ReplicationWaits.Outcome poll(int groups) {
        return server.binlogLockHeld() ? null : ReplicationWaits.Outcome.of(null);
    }

    @Override
    public ReplicationWaits.Outcome timedOut() {
        throw new IllegalStateException("a wait for LOCK_log has no timeout");
    }

    @Override
    public long timeoutMicros() {
        return -1;
    }
}
