package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import java.util.ArrayList;
import java.util.List;

/**
 * The client sessions blocked in a replication wait function: MASTER_POS_WAIT (rpl_rli.cc
 * Relay_log_info::wait_for_pos), MariaDB's MASTER_GTID_WAIT (rpl_gtid.cc gtid_waiting::wait_for_pos); and
 * those whose statement waits for the binary log's lock ({@link BinlogLockWait}), set aside the same way.
 * A function that must wait stops its statement ({@link Blocked}); the statement is set aside, looked at
 * again whenever the replica's SQL thread moves, and run again with the function's value once it has one
 * (each call of a statement takes its value in turn: {@link Session#nextWait}). A wait's states:
 * <pre>
 *   called --reached, or refused--------------------------------> a value at once
 *   called --not yet--> waiting (the process list shows its state)
 *   waiting --the SQL thread moved: reached, or stopped----------> its value  --> the statement runs again
 *   waiting --its timeout----------------------------------------> -1         --> the statement runs again
 *   waiting --KILL [QUERY]---------------------------------------> NULL or 1317 --> the statement runs again
 *   waiting --the process ends-----------------------------------> (gone with its connection)
 * </pre>
 */
public final class ReplicationWaits {

    /** What a wait function gives its statement: a value (null: SQL NULL), or an error. */
    public record Outcome(Object value, SqlError error) {
        static Outcome of(Object value) {
            return new Outcome(value, null);
        }
    }

    /** A wait function that has to wait, as its server's source code waits. */
    public interface Target {
        /** Its outcome if the wait is over now, else null; {@code groups}: the SQL thread's groups since the last look. */
        Outcome poll(int groups);

        /** Its timeout passed. */
        Outcome timedOut();

        /** KILL QUERY (or KILL CONNECTION) woke it. */
        Outcome killed();

        /** Whether KILL ends the wait at all (a mutex wait goes on: {@link BinlogLockWait}). */
        default boolean interruptible() {
            return true;
        }

        /**
         * Whether, under KILL CONNECTION, the statement still answers before the connection ends (a wait function:
         * MASTER_POS_WAIT's client gets its row, measured on MariaDB 10.11), rather than its client losing the
         * connection first (a row lock wait: 2013, measured on 10.11.19).
         */
        default boolean answersBeforeConnectionEnds() {
            return true;
        }

        /** How long it waits at most, in µs; negative: for ever. */
        long timeoutMicros();

        /** Its process-list state, among {@code others} waiting too. */
        String state(List<Target> others);
    }

    /** The evaluator's signal that a wait function must wait: its statement is set aside. */
    static final class Blocked extends RuntimeException {
        final transient Target target;

        Blocked(Target target) {
            super(null, null, false, false);
            this.target = target;
        }
    }

    /** Whoever runs the statement of a session whose wait is over, again. */
    public interface Rerun {
        void run(long waitId);
    }

    private record Waiting(long id, long thread, Target target, Session session, Rerun rerun) {
    }

    private final Mysqld server;
    private final List<Waiting> waiting = new ArrayList<>();
    private long lastId;

    ReplicationWaits(Mysqld server) {
        this.server = server;
    }

    /**
     * The statement of {@code thread} waits for what {@code blocked} names; {@code rerun} runs it again once
     * the wait is over. Returns the wait's id (its timeout names it) and how long it waits at most.
     */
    public long add(long thread, StatementResult.Blocked blocked, Session session, Rerun rerun) {
        Waiting w = new Waiting(++lastId, thread, blocked.target(), session, rerun);
        waiting.add(w);
        showStates();
        return w.id();
    }

    /** The SQL thread applied {@code groups} groups, stopped or was reset: every wait looks again. */
    public void replicationMoved(int groups) {
        if (waiting.isEmpty()) {
            return; // the common case, at every transaction a replica applies
        }
        for (Waiting w : new ArrayList<>(waiting)) {
            Outcome o = w.target().poll(groups);
            if (o != null) {
                over(w, o);
            }
        }
    }

    /** A group commit leader let the binary log's lock go: a statement waiting for it looks again. */
    public void binlogLockReleased() {
        replicationMoved(0);
    }

    /** The timeout of wait {@code id}, if it still waits. */
    public void timedOut(long id) {
        for (Waiting w : waiting) {
            if (w.id() == id) {
                over(w, w.target().timedOut());
                return;
            }
        }
    }

    /** KILL of {@code thread}: its wait ends (THD::awake). Returns the wait that woke, or null. */
    public Target killed(long thread) {
        for (Waiting w : waiting) {
            if (w.thread() == thread && w.target().interruptible()) {
                over(w, w.target().killed());
                return w.target();
            }
        }
        return null;
    }

    /** The process ended: its waits end with their connections. */
    public void clear() {
        waiting.clear();
    }

    private void over(Waiting w, Outcome o) {
        waiting.remove(w);
        w.session().waited(o);
        showStates();
        w.rerun().run(w.id());
    }

    /** Each waiting thread's state, which may depend on who else waits (MariaDB's primary waiter). */
    private void showStates() {
        List<Target> targets = waiting.stream().map(Waiting::target).toList();
        for (Waiting w : waiting) {
            Threads.Thread t = server.threads().find(w.thread());
            if (t != null) {
                t.state(w.target().state(targets));
            }
        }
    }
}
