package io.semisyncsim.server;

/**
 * MariaDB's RESET MASTER waits for InnoDB to say that what it committed is durable before it deletes the
 * binary logs (log.cc MYSQL_BIN_LOG::reset_logs: do_checkpoint_request, then it waits until
 * binlog_xid_count_list is idle), which after a recent commit is InnoDB's next background redo flush
 * ({@link Mysqld#checkpointAnsweredAt}; measured on 10.11.18: 0.70 to 0.87 s, and at once after a quiet
 * second). A log without Binlog_checkpoint events (MySQL's) does not wait. The statement is set aside until
 * then, as a wait function's is; the wait is a condition wait KILL does not end.
 */
final class CheckpointWait extends UninterruptibleWait {
    private final long micros;

    private CheckpointWait(long micros) {
        this.micros = micros;
    }

    /** What the wait ends with, which the statement's next run finds (its request was answered). */
    private static final Object ANSWERED = new Object();

    /** Throws {@link ReplicationWaits.Blocked} while InnoDB has not answered yet; the statement runs again then. */
    static void await(Mysqld server, Session session) {
        if (!server.binlog().writesCheckpoints() || session.waitedFor(ANSWERED)) {
            return;
        }
        long now = server.now();
        long answered = server.checkpointAnsweredAt();
        if (answered > now) {
            throw new ReplicationWaits.Blocked(new CheckpointWait(answered - now));
        }
    }

    @Override
    public ReplicationWaits.Outcome poll(int groups) {
        return null; // only its time ends it
    }

    @Override
    public ReplicationWaits.Outcome timedOut() {
        return ReplicationWaits.Outcome.of(ANSWERED); // InnoDB's flush came: the statement runs on
    }

    @Override
    public long timeoutMicros() {
        return micros;
    }
}
