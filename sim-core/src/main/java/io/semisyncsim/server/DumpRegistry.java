package io.semisyncsim.server;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The source's binlog dump threads as a plain registry: which connection each serves, its thread id,
 * the replica's server_id and server_uuid, whether it is semisync, and whether its peer is gone. It
 * finds the "zombie" a reconnecting replica leaves behind as each flavour's
 * {@code kill_zombie_dump_threads} does: MariaDB by server_id, every match (sql_repl.cc); MySQL by
 * server_uuid, else server_id for a replica that sent none, the first match only (rpl_source.cc
 * Find_zombie_dump_thread).
 */
public final class DumpRegistry {

    /** One dump thread. */
    public static final class Dump {
        private final long connection;
        private final long thread;
        private final long serverId;
        private final String uuid;
        private final boolean semisync;
        private boolean peerGone;

        public Dump(long connection, long thread, long serverId, String uuid, boolean semisync) {
            this.connection = connection;
            this.thread = thread;
            this.serverId = serverId;
            this.uuid = uuid;
            this.semisync = semisync;
        }

        public long connection() {
            return connection;
        }

        public long thread() {
            return thread;
        }

        public long serverId() {
            return serverId;
        }

        public String uuid() {
            return uuid;
        }

        public boolean semisync() {
            return semisync;
        }

        /** Whether the replica's end of the connection is gone (a write to it would fail). */
        public boolean peerGone() {
            return peerGone;
        }
    }

    private final TreeMap<Long, Dump> byConnection = new TreeMap<>();

    public void add(Dump d) {
        byConnection.put(d.connection(), d);
    }

    /** The dump on {@code connection}, removed; null when there is none. */
    public Dump remove(long connection) {
        return byConnection.remove(connection);
    }

    public Dump get(long connection) {
        return byConnection.get(connection);
    }

    /** The dump running as thread {@code thread}, or null. */
    public Dump byThread(long thread) {
        for (Dump d : byConnection.values()) {
            if (d.thread() == thread) {
                return d;
            }
        }
        return null;
    }

    /** The replica at the other end of a dump's connection went away. */
    public void peerGone(long connection) {
        Dump d = byConnection.get(connection);
        if (d != null) {
            d.peerGone = true;
        }
    }

    /**
     * The dump threads a new dump request from ({@code serverId}, {@code uuid}) makes zombies: by
     * server_id, all of them, or by uuid (server_id when the request has none), the first.
     */
    public List<Dump> zombiesOf(long serverId, String uuid, boolean byServerId) {
        List<Dump> out = new ArrayList<>();
        for (Dump d : byConnection.values()) {
            boolean same = byServerId || uuid == null || uuid.isEmpty()
                    ? d.serverId() == serverId && (byServerId || d.uuid() == null || d.uuid().isEmpty())
                    : uuid.equals(d.uuid());
            if (same) {
                out.add(d);
                if (!byServerId) {
                    break;
                }
            }
        }
        return out;
    }

    public List<Dump> all() {
        return new ArrayList<>(byConnection.values());
    }

    public boolean isEmpty() {
        return byConnection.isEmpty();
    }

    /** The dumps the semisync plugin registered (add_slave at their start): what clients must count. */
    public int semisync() {
        int n = 0;
        for (Dump d : byConnection.values()) {
            if (d.semisync()) {
                n++;
            }
        }
        return n;
    }
}
