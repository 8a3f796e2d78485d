package io.semisyncsim.net;

/**
 * What crosses a connection, or what the network tells a connection's end. Payload types of the
 * replication protocol implement {@link Payload}; the network only moves them.
 */
public sealed interface Packet {
    long connection();

    /**
     * The client closed a connection the server's OS took before the server heard anything from it: the
     * server's thread that waits for the login reads the end ({@code client}: the client's node).
     */
    record ClosedBeforeLogin(long connection, String client) implements Packet {
    }

    /** A payload from the peer. */
    record Data(long connection, String from, Payload payload) implements Packet {
    }

    /** The connection of the client's {@code attempt} is up (TCP handshake done): the client may talk. */
    record Connected(long connection, long attempt) implements Packet {
    }

    /**
     * The client's connect {@code attempt} reached a host whose mysqld is frozen (SIGSTOP): its OS finished the
     * TCP handshake, but the server's greeting does not come until the process runs again.
     */
    record Established(long attempt) implements Packet {
        @Override
        public long connection() {
            return -1;
        }
    }

    /**
     * The client's connect {@code attempt} failed: refused ({@code errno} 111: no mysqld listening there), or
     * {@link #UNKNOWN_HOST}.
     */
    record ConnectFailed(long attempt, int errno) implements Packet {
        /** getaddrinfo's EAI_NONAME: the name is no host of the topology, and no packet was sent. */
        public static final int UNKNOWN_HOST = -2;

        @Override
        public long connection() {
            return -1;
        }
    }

    /**
     * The peer closed ({@code reset} false: its FIN arrived) or reset the connection. A reader sees it
     * now. A writer's next write after a FIN still leaves (TCP sends it; the peer, whose socket is gone,
     * answers with a reset); after a reset, its next write fails.
     */
    record PeerClosed(long connection, boolean reset) implements Packet {
    }

    /** Marker for protocol messages that travel inside {@link Data}. */
    interface Payload {
        /** How many protocol packets this socket write carries (several when a buffer is flushed). */
        default int packets() {
            return 1;
        }
    }

    /** A payload that names a binlog position, shown in the trace. */
    interface Positioned {
        io.semisyncsim.trace.TraceValue position();
    }
}
