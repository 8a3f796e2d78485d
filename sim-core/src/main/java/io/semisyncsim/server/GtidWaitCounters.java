package io.semisyncsim.server;

/**
 * MariaDB's Master_gtid_wait_count, _time and _timeouts, of one connection or of the whole server
 * (rpl_gtid.cc gtid_waiting::wait_for_pos; STATUS_VAR counters, so a connection shows its own and GLOBAL the
 * sum: FLUSH STATUS zeroes the connection's and leaves the sum, measured on 10.11.19).
 */
final class GtidWaitCounters {
    private long count;
    private long timeMicros;
    private long timeouts;

    /** A MASTER_GTID_WAIT with a position it could parse began (an empty one too; NULL never gets here). */
    void started() {
        count++;
    }

    /** A wait that was not empty ended, reached or timed out (a KILL adds nothing), after {@code micros}. */
    void ended(long micros, boolean timedOut) {
        timeMicros += micros;
        if (timedOut) {
            timeouts++;
        }
    }

    void reset() {
        count = 0;
        timeMicros = 0;
        timeouts = 0;
    }

    long count() {
        return count;
    }

    long timeMicros() {
        return timeMicros;
    }

    long timeouts() {
        return timeouts;
    }
}
