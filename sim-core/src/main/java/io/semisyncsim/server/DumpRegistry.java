package io.semisyncsim.server;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The source's binlog dump threads as a plain registry: which connection each serves, its thread id,
 * the replica's server_id and server_uuid, the host it came from, whether it is semisync. It
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
        private final String host;

        public Dump(long connection, long thread, long serverId, String uuid, boolean semisync, String host) {
            this.connection = connection;
            this.thread = thread;
            this.serverId = serverId;
            this.uuid = uuid;
            this.semisync = semisync;
            this.host = host;
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

        /** The host the replica connected from (its node). */
        public String host() {
            return host;
        }
    }

    private final TreeMap<Long, Dump> byConnection = new TreeMap<>();
    /** How many of them are semisync: kept as dumps come and go, read at every instant by an invariant. */
    private int semisync;

    public void add(Dump d) {
        counted(byConnection.put(d.connection(), d), -1);
        counted(d, +1);
    }

    /** The dump on {@code connection}, removed; null when there is none. */
    public Dump remove(long connection) {
        Dump d = byConnection.remove(connection);
        counted(d, -1);
        return d;
    }

    private void counted(Dump d, int delta) {
        if (d != null && d.semisync()) {
            semisync += delta;
        }
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
        return semisync;
    }
}
