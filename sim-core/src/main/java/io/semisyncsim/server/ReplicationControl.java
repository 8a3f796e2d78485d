package io.semisyncsim.server;

/**
 * What START/STOP SLAVE ask of the node's actor: the replication threads are actors, the statement
 * executor is not. Each call starts or stops one thread; the executor has checked everything first.
 */
public interface ReplicationControl {
    void startIoThread();

    void stopIoThread();

    void startSqlThread();

    void stopSqlThread();

    /**
     * KILL of the SQL thread: it stops as STOP SLAVE stops it, but a commit it waits on has seen the kill
     * already (no second wake-up), and the KILL does not wait for the thread to end.
     */
    default void killSqlThread() {
        stopSqlThread();
    }

    /** Whether a thread of each kind runs now. */
    boolean ioThreadRunning();

    boolean sqlThreadRunning();

    /**
     * binlog_end_pos moved outside group commit (a replica logging what it applied, a rotation): wake the
     * dump threads.
     */
    default void binlogWritten() {
    }

    /** The relay log grew outside the I/O thread (FLUSH RELAY LOGS): wake the SQL thread. */
    default void relayLogWritten() {
    }

    /** None: a node outside a cluster (unit tests). */
    ReplicationControl NONE = new ReplicationControl() {
        @Override
        public void startIoThread() {
        }

        @Override
        public void stopIoThread() {
        }

        @Override
        public void startSqlThread() {
        }

        @Override
        public void stopSqlThread() {
        }

        @Override
        public boolean ioThreadRunning() {
            return false;
        }

        @Override
        public boolean sqlThreadRunning() {
            return false;
        }
    };
}
