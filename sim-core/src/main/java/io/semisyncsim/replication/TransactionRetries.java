package io.semisyncsim.replication;

/**
 * exec_relay_log_event's retry of a replicated transaction that failed with a temporary error, a lock wait
 * timeout (slave.cc): what the SQL thread does next, and how long it sleeps first. {@code tries} is
 * rli->trans_retries: 0 when the thread starts and again once a transaction applies.
 */
final class TransactionRetries {
    /** slave.cc MAX_SLAVE_RETRY_PAUSE: the longest sleep before a try, in seconds. */
    static final long MAX_PAUSE_SECONDS = 5;

    /** What a failed try leads to. */
    enum Next {
        /** replica_transaction_retries is 0: no retry at all, the thread stops at the error as at any other. */
        STOP,
        /** The group is rolled back and tried again after {@link #sleepMicros()}. */
        RETRY,
        /** The tries are spent: "retried transaction N time(s) in vain, giving up", and the thread stops. */
        GIVE_UP
    }

    private long tries;

    /** A try failed with replica_transaction_retries {@code allowed} (read at each failure, as slave.cc reads it). */
    Next failed(long allowed) {
        if (allowed == 0) {
            return Next.STOP;
        }
        return tries >= allowed ? Next.GIVE_UP : Next.RETRY;
    }

    /** The sleep before the next try: min(tries, 5) seconds, so the first try again comes at once. */
    long sleepMicros() {
        return Math.min(tries, MAX_PAUSE_SECONDS) * 1_000_000L;
    }

    /** The next try begins (Slave_retried_transactions counts it). */
    void retried() {
        tries++;
    }

    /** The transaction applied: the next one starts with no tries. */
    void applied() {
        tries = 0;
    }

    long tries() {
        return tries;
    }
}
