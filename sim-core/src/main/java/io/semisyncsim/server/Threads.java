package io.semisyncsim.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * A server's threads, MySQL's THDs: every client connection and every replication thread, each with
 * the id that SHOW PROCESSLIST shows, CONNECTION_ID() returns, KILL takes and the error log prints.
 * Ids count up from the flavour's first one at every start (background threads take the ones below).
 * A thread may have an id without a row in the process list (MariaDB's ACK receiver).
 */
public final class Threads {

    /** What a thread is, for the process list and for KILL. */
    public enum Kind { CLIENT, BINLOG_DUMP, REPLICA_IO, REPLICA_SQL, BACKGROUND }

    /** One thread's process-list row: its id and kind, and what it does now. */
    public static final class Thread {
        private final Threads owner;
        private final long id;
        /** In its server's list (a thread ended or from before a restart no longer counts in a state). */
        private boolean live;
        private Kind kind;
        private final String user;
        private final String host;
        private final boolean listed;
        private String db;
        private String command;
        private String state = "";
        private String info;
        private long since;

        Thread(Threads owner, long id, Kind kind, String user, String host, boolean listed, String command,
               long now) {
            this.owner = owner;
            this.id = id;
            this.kind = kind;
            this.user = user;
            this.host = host;
            this.listed = listed;
            this.command = command;
            this.since = now;
        }

        public long id() {
            return id;
        }

        public Kind kind() {
            return kind;
        }

        public String user() {
            return user;
        }

        public String host() {
            return host;
        }

        /** Whether SHOW PROCESSLIST lists it (MariaDB's ACK receiver has a THD that is never listed). */
        public boolean listed() {
            return listed;
        }

        public String db() {
            return db;
        }

        public String command() {
            return command;
        }

        public String state() {
            return state;
        }

        public String info() {
            return info;
        }

        /** When the thread entered its current command (SHOW PROCESSLIST's Time counts from here). */
        public long since() {
            return since;
        }

        /** The thread now does {@code command} in {@code state}, running {@code info} (null: nothing). */
        public void set(String command, String state, String info, long now) {
            if (!command.equals(this.command)) {
                this.since = now;
            }
            this.command = command;
            state(state);
            this.info = info;
        }

        /** A connection turns into another kind of thread (a replica's connection becomes a dump thread). */
        public void become(Kind kind, String command, String state, long now) {
            this.kind = kind;
            set(command, state, null, now);
        }

        /** Only the command changes (a replica's I/O thread once it is connected); the time it counts from stays. */
        public void command(String command) {
            this.command = command;
        }

        /**
         * Time counts from {@code now}, the command unchanged: a replica's SQL thread sets its THD's time as it
         * applies an event, so its Time is the seconds since it last did (measured on MariaDB 10.11.19).
         */
        public void timeFrom(long now) {
            this.since = now;
        }

        /** Only the state changes (a stage inside the same command). */
        public void state(String state) {
            if (live) {
                owner.counted(this.state, -1);
                owner.counted(state, +1);
            }
            this.state = state;
        }

        public void db(String db) {
            this.db = db;
        }
    }

    private final long firstId;
    private final TreeMap<Long, Thread> threads = new TreeMap<>();
    /** How many threads are in each state, kept as states change: looked up only, never iterated. */
    private final HashMap<String, int[]> inState = new HashMap<>();
    private long nextId;

    public Threads(long firstId) {
        this.firstId = firstId;
        this.nextId = firstId;
    }

    /** A new start: no thread survives, and ids count from the first again. */
    public void restart() {
        threads.values().forEach(t -> t.live = false);
        threads.clear();
        inState.clear();
        nextId = firstId;
    }

    /** A new thread with the next id, in the process list. */
    public Thread open(Kind kind, String user, String host, String command, long now) {
        return add(new Thread(this, nextId++, kind, user, host, true, command, now));
    }

    /** A thread a fresh server runs before any client, with its own id (MySQL 8.0's event scheduler). */
    public Thread daemon(long id, String user, String host, String command, String state, long now) {
        Thread t = add(new Thread(this, id, Kind.BACKGROUND, user, host, true, command, now));
        t.state(state);
        return t;
    }

    /** A new thread with the next id that the process list does not show (a daemon thread). */
    public Thread openUnlisted(Kind kind, long now) {
        return add(new Thread(this, nextId++, kind, "system user", "", false, "Daemon", now));
    }

    private Thread add(Thread t) {
        Thread replaced = threads.put(t.id(), t);
        if (replaced != null) {
            replaced.live = false;
            counted(replaced.state, -1);
        }
        t.live = true;
        counted(t.state, +1);
        return t;
    }

    public void close(long id) {
        Thread t = threads.remove(id);
        if (t != null) {
            t.live = false;
            counted(t.state, -1);
        }
    }

    private void counted(String state, int delta) {
        int[] n = inState.computeIfAbsent(state, s -> new int[1]);
        n[0] += delta;
    }

    /** How many threads are in {@code state} now (the invariants compare it with the plugins' counters). */
    public int inState(String state) {
        int[] n = inState.get(state);
        return n == null ? 0 : n[0];
    }

    /** The thread with this id, or null when there is none (it ended, or never was). */
    public Thread find(long id) {
        return threads.get(id);
    }

    /** The threads SHOW PROCESSLIST shows, by id. */
    public List<Thread> listed() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : threads.values()) {
            if (t.listed) {
                out.add(t);
            }
        }
        return out;
    }

    public Collection<Thread> all() {
        return threads.values();
    }
}
