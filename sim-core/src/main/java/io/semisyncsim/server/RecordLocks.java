package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * InnoDB's record locks on a node (lock0lock.cc), as client transactions take them: an exclusive lock on
 * every row a statement changes, under its primary key (the before image's and the after image's), held by
 * the connection's thread until its transaction ends: at the engine commit (trx_commit releases them, so
 * under AFTER_SYNC a commit waiting for its ACK still holds its rows), at ROLLBACK, or with the connection.
 * A statement that would change a row another thread holds waits (lock_wait), set aside as a wait function
 * is ({@link ReplicationWaits}), and runs again, from the start, once the row is free:
 * <pre>
 *   statement --every row free-------------------------------------> takes the rows, goes on
 *   statement --a row held, no cycle-----> waiting ("Updating")
 *   waiting   --the holder's transaction ended--> the statement runs again (it may wait again)
 *   waiting   --innodb_lock_wait_timeout-------> 1205; the statement is undone, its transaction stays open
 *   waiting   --KILL QUERY---------------------> 1317
 *   statement --a row held by a thread that waits, through others, for this one--> a deadlock: its
 *               victim, the lightest transaction of the cycle (rows changed and rows locked; this one when
 *               it ties), is rolled back whole and its statement ends with 1213; the others go on
 *               (lock0lock.cc Deadlock::report; measured on MariaDB 10.11.19: of two one-row
 *               transactions the one that closed the cycle, else the one that changed no row)
 * </pre>
 * Not modelled: gap and next-key locks, the locks a locking read takes on the rows it scans but does not
 * change, shared locks, and table locks (docs/MYSQL-CHOICES.md).
 */
public final class RecordLocks {

    /** A row: its table and primary key, ordered as the key's collation compares. */
    private record Wanted(String db, String table, Object[] key) implements Comparable<Wanted> {
        @Override
        public int compareTo(Wanted o) {
            int c = db.compareTo(o.db);
            c = c != 0 ? c : table.compareTo(o.table);
            return c != 0 ? c : DmlStatements.compareKeys(key, o.key);
        }
    }

    private final Mysqld server;
    /** Each locked row and the thread whose transaction holds it; and each thread's rows, to let them go. */
    private final TreeMap<Wanted, Long> held = new TreeMap<>();
    private final TreeMap<Long, List<Wanted>> heldBy = new TreeMap<>();
    /** The threads waiting for a row now, with their waits: the wait-for graph deadlock detection walks. */
    private final TreeMap<Long, Wait> waiting = new TreeMap<>();
    /** A replica's SQL thread waiting for a row a local transaction holds, with what wakes it. */
    private final TreeMap<Long, ApplierWait> appliers = new TreeMap<>();
    private long waits;
    private long waitedMicros;
    private long longestWaitMicros;

    RecordLocks(Mysqld server) {
        this.server = server;
    }

    /**
     * Thread {@code thread} is about to make {@code changes} in {@code session}'s transaction: it takes the rows
     * they change and write, as {@link #acquire(long, Session, String, String, List, String)} does.
     */
    void acquire(long thread, Session session, List<RowChange> changes, String state) throws SqlError {
        if (session.replicaApplier()) {
            return; // a replica's SQL thread runs the statement again at once: it holds nothing (not modelled)
        }
        java.util.TreeSet<Wanted> rows = new java.util.TreeSet<>(); // each row once, in key order
        for (RowChange c : changes) {
            rowsOf(c, rows);
        }
        take(thread, session, new ArrayList<>(rows), state, false);
    }

    /** The rows {@code c} changes and writes, under their primary keys (none for a table without one). */
    private void rowsOf(RowChange c, java.util.Collection<Wanted> into) {
        if (!c.changesRow()) {
            return;
        }
        String db = c.db() == null ? Catalog.DEFAULT_DB : c.db();
        Table t = server.store().catalog().readable(db, c.table());
        if (t != null) {
            add(into, db, c.table(), t.beforeKey(c));
            if (c.kind() != EventType.DELETE_ROWS) {
                add(into, db, c.table(), t.afterKey(c));
            }
        }
    }

    /**
     * A replica's SQL thread {@code thread} is about to apply {@code changes}: the index of the first change whose
     * row another thread's transaction holds, the SQL thread then waiting for it (Innodb_row_lock_waits), woken
     * through {@code free} once it is let go; or -1, nothing held, and the changes are applied at once. The SQL
     * thread applies a transaction whole at its end, so it holds no row while others wait (not modelled: a
     * deadlock between it and a local transaction).
     */
    public int applierWaits(long thread, List<RowChange> changes, Runnable free) {
        List<Wanted> rows = new ArrayList<>(2);
        for (int i = 0; i < changes.size(); i++) {
            rows.clear();
            rowsOf(changes.get(i), rows);
            for (Wanted w : rows) {
                if (holder(w, thread) != null) {
                    waits++;
                    appliers.put(thread, new ApplierWait(w, free, server.now()));
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether any transaction holds a row here. */
    public boolean anyHeld() {
        return !held.isEmpty();
    }

    /** The SQL thread's wait for a row ended without the row: innodb_lock_wait_timeout, or the thread stopped. */
    public void applierWaitEnded(long thread) {
        ApplierWait w = appliers.remove(thread);
        if (w != null) {
            waited(w.since);
        }
    }

    /** A replica's SQL thread waiting for a row: the row, what wakes it, and since when. */
    private record ApplierWait(Wanted row, Runnable free, long since) {
    }

    /**
     * Thread {@code thread} reads the rows of {@code table} with these primary keys to change them (a locking
     * read: the rows an UPDATE or DELETE matches, changed or not): it takes them, or waits
     * ({@link ReplicationWaits.Blocked}) for the first another thread holds, or is the victim of a deadlock
     * (1213, its transaction rolled back). A wait that ended with an error ends the statement.
     */
    void acquire(long thread, Session session, String db, String table, List<Object[]> keys, String state)
            throws SqlError {
        acquire(thread, session, db, table, keys, state, false);
    }

    /** As {@link #acquire(long, Session, String, String, List, String)}; {@code nowait}: a held row is 1205 at once. */
    void acquire(long thread, Session session, String db, String table, List<Object[]> keys, String state,
                 boolean nowait) throws SqlError {
        if (session.replicaApplier()) {
            return;
        }
        java.util.TreeSet<Wanted> rows = new java.util.TreeSet<>(); // each row once, in key order
        for (Object[] key : keys) {
            add(rows, db, table, key);
        }
        take(thread, session, new ArrayList<>(rows), state, nowait);
    }

    private void take(long thread, Session session, List<Wanted> rows, String state, boolean nowait)
            throws SqlError {
        for (ReplicationWaits.Outcome earlier; (earlier = session.nextWait()) != null; ) {
            if (earlier.error() != null) {
                throw earlier.error(); // the timeout, or KILL QUERY: the statement is undone
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        for (int k = 0; k < rows.size(); k++) {
            Wanted w = rows.get(k);
            Long other = holder(w, thread);
            if (other == null) {
                continue;
            }
            if (nowait) {
                // NOWAIT: lock_wait is not entered, so no wait is counted (measured on MariaDB 10.11.19)
                throw server.flavor().error(1205).listedTimes(server.flavor().sql().lockWaitTimeoutListed());
            }
            List<Wait> cycle = cycle(thread, other);
            if (cycle == null) {
                Wait wait = new Wait(thread, session, w, state, timeoutMicros(session));
                waiting.put(thread, wait);
                throw new ReplicationWaits.Blocked(wait);
            }
            Wait victim = victim(thread, session, cycle);
            if (victim == null) {
                // the requester is the victim: it never waits, and no wait is counted (measured on 10.11.19)
                session.take(); // this transaction is the victim, rolled back whole
                release(thread);
                throw server.flavor().error(1213);
            }
            waits++; // another is the victim: the requester waited for it, a wait counted (measured on 10.11.19)
            victim.deadlocked = true; // its statement ends with 1213 as it wakes
            victim.session.take();
            release(victim.thread);
            k = -1; // the rows the victim held are free: look at every row again
        }
        for (Wanted w : rows) {
            if (held.putIfAbsent(w, thread) == null) {
                heldBy.computeIfAbsent(thread, t -> new ArrayList<>()).add(w);
            }
        }
    }

    /** The transaction of {@code thread} ended (engine commit, rollback, its connection): its rows are free. */
    public void release(long thread) {
        List<Wanted> rows = heldBy.remove(thread);
        if (rows != null) {
            rows.forEach(held::remove);
            server.waits().replicationMoved(0); // a statement waiting for one of them looks again
            wakeAppliers();
        }
    }

    /** A replica's SQL thread waiting for a row now free goes on (lock_grant). */
    private void wakeAppliers() {
        if (appliers.isEmpty()) {
            return;
        }
        List<Long> woken = new ArrayList<>();
        appliers.forEach((thread, w) -> {
            if (holder(w.row, thread) == null) {
                woken.add(thread);
            }
        });
        for (Long thread : woken) {
            ApplierWait w = appliers.remove(thread);
            waited(w.since);
            w.free.run();
        }
    }

    /** A wait that began at {@code since} is over: its time counts (Innodb_row_lock_time and _max). */
    private void waited(long since) {
        long took = server.now() - since;
        waitedMicros += took;
        longestWaitMicros = Math.max(longestWaitMicros, took);
    }

    /** The process ended: every transaction with it. */
    public void clear() {
        held.clear();
        heldBy.clear();
        waiting.clear();
        appliers.clear();
    }

    /**
     * SHOW STATUS's row lock counters, global and since the start (FLUSH STATUS leaves them: srv_stats): a wait
     * counts when it starts, its time (ms) when it ends; the average is the time over every wait counted
     * (ha_innodb.cc srv_export_innodb_status).
     */
    void addStatusTo(java.util.Map<String, String> status) {
        status.put("Innodb_row_lock_current_waits", Integer.toString(waiting.size() + appliers.size()));
        status.put("Innodb_row_lock_time", Long.toString(waitedMicros / 1000));
        status.put("Innodb_row_lock_time_avg", Long.toString(waits == 0 ? 0 : waitedMicros / 1000 / waits));
        status.put("Innodb_row_lock_time_max", Long.toString(longestWaitMicros / 1000));
        status.put("Innodb_row_lock_waits", Long.toString(waits));
    }

    private static void add(java.util.Collection<Wanted> rows, String db, String table, Object[] key) {
        if (key != null) { // a table without a primary key: its rows are not named here (not modelled)
            rows.add(new Wanted(db, table, key));
        }
    }

    /** The thread other than {@code thread} whose transaction holds the row, or null. */
    private Long holder(Wanted w, long thread) {
        Long h = held.get(w);
        return h == null || h == thread ? null : h;
    }

    /**
     * The waits of the threads through which {@code holder} waits for a row {@code thread} holds, {@code
     * holder}'s first; null when it does not (no deadlock).
     */
    private List<Wait> cycle(long thread, long holder) {
        List<Wait> cycle = new ArrayList<>();
        long at = holder;
        for (int hops = 0; hops <= waiting.size(); hops++) {
            Wait w = waiting.get(at);
            if (w == null) {
                return null;
            }
            cycle.add(w);
            Long next = holder(w.row, at);
            if (next == null) {
                return null;
            }
            if (next == thread) {
                return cycle;
            }
            at = next;
        }
        return null;
    }

    /**
     * The deadlock's victim among the others' waits, or null for {@code thread} itself: the lightest
     * transaction, weighed by the rows it changed (its undo records) and the rows it locked, which stand for
     * InnoDB's lock structs (Deadlock::report; a tie goes against the thread that closed the cycle).
     */
    private Wait victim(long thread, Session session, List<Wait> cycle) {
        Wait victim = null;
        long lightest = weight(thread, session);
        for (Wait w : cycle) {
            long weight = weight(w.thread, w.session);
            if (weight < lightest) {
                lightest = weight;
                victim = w;
            }
        }
        return victim;
    }

    private long weight(long thread, Session session) {
        long changed = session.pending().stream().filter(RowChange::changesRow).count();
        return changed + heldBy.getOrDefault(thread, List.of()).size();
    }

    /** innodb_lock_wait_timeout, the session's, in seconds. */
    public long timeoutMicros(Session session) {
        String value = session.variable(server.variables().find(LOCK_WAIT_TIMEOUT), server.variables());
        return Long.parseLong(value) * 1_000_000L;
    }

    static final String LOCK_WAIT_TIMEOUT = "innodb_lock_wait_timeout";

    /** The state of a statement waiting for a row: "Update" for an INSERT's, "Updating" for the others'. */
    public static String waitState(boolean insert) {
        return insert ? "Update" : "Updating";
    }

    /** One statement's wait for a row (lock_wait: the thread sleeps until the lock is granted or the timeout). */
    private final class Wait implements ReplicationWaits.Target {
        private final long thread;
        private final Session session;
        private final Wanted row;
        private final String state;
        private final long timeoutMicros;
        private final long since;
        /** A deadlock chose this transaction as its victim: it was rolled back, and the statement ends. */
        private boolean deadlocked;

        Wait(long thread, Session session, Wanted row, String state, long timeoutMicros) {
            this.thread = thread;
            this.session = session;
            this.row = row;
            this.state = state;
            this.timeoutMicros = timeoutMicros;
            this.since = server.now();
            waits++;
        }

        @Override
        public ReplicationWaits.Outcome poll(int groups) {
            if (deadlocked) {
                return over(server.flavor().error(1213));
            }
            return holder(row, thread) == null ? over(null) : null;
        }

        @Override
        public ReplicationWaits.Outcome timedOut() {
            // MariaDB lists it twice in SHOW WARNINGS (measured on 10.11.19)
            return over(server.flavor().error(1205).listedTimes(server.flavor().sql().lockWaitTimeoutListed()));
        }

        @Override
        public ReplicationWaits.Outcome killed() {
            return over(server.flavor().error(1317));
        }

        @Override
        public long timeoutMicros() {
            return timeoutMicros;
        }

        @Override
        public boolean answersBeforeConnectionEnds() {
            return false; // KILL CONNECTION: the client gets 2013, not the wait's 1317 (measured on 10.11.19)
        }

        @Override
        public String state(List<ReplicationWaits.Target> others) {
            return state;
        }

        private ReplicationWaits.Outcome over(SqlError error) {
            waiting.remove(thread);
            waited(since);
            return new ReplicationWaits.Outcome(null, error);
        }
    }
}
