package io.semisyncsim.replication;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.channel.GtidRequest;
import io.semisyncsim.net.Packet;
import java.util.Collections;
import java.util.List;

/** The replication protocol on a connection between a replica's I/O thread and a source. */
public final class Protocol {
    private Protocol() {
    }

    /**
     * COM_REGISTER_SLAVE + COM_BINLOG_DUMP: stream from {@code from} (or from the start with
     * {@code from} null), with heartbeats every {@code heartbeatPeriod} µs (0: none); or, with
     * {@code gtids}, what the replica has (MySQL's COM_BINLOG_DUMP_GTID, MariaDB's
     * {@code @slave_connect_state}), where {@code from} is only what the replica's log lines name.
     * {@code annotateRows}: MariaDB's BINLOG_SEND_ANNOTATE_ROWS_EVENT flag, which a replica sets only when
     * it logs what it applies (slave.cc request_dump: log_slave_updates and replicate_annotate_row_events);
     * without it the source leaves Annotate_rows events out of the stream (sql_repl.cc send_event_to_slave).
     */
    public record DumpRequest(long serverId, String replica, String uuid, BinlogPosition from, long heartbeatPeriod,
                              boolean semisync, GtidRequest gtids, boolean annotateRows) implements Packet.Payload {
        public DumpRequest(long serverId, String replica, String uuid, BinlogPosition from, long heartbeatPeriod,
                           boolean semisync) {
            this(serverId, replica, uuid, from, heartbeatPeriod, semisync, null, true);
        }
    }

    /**
     * What one net_flush() of the dump thread pushes to the socket: the binlog event packets written to
     * its NET buffer since the last flush, in binlog order; the replica reads them one by one. On a
     * semisync dump the 2-byte header's flag ({@code 0xEF}, flags) asks for an ACK; only the last packet
     * can ask, because a packet that asks makes the dump thread flush right after it. (The header's magic
     * byte itself is not modelled: docs/MYSQL-CHOICES.md.)
     */
    public record Events(List<BinlogEvent> events, boolean lastAsksAck)
            implements Packet.Payload, Packet.Positioned {
        public Events {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a flush writes at least one event");
            }
            events = Collections.unmodifiableList(events); // the sender's NetBuffer hands its list over
        }

        public BinlogEvent last() {
            return events.get(events.size() - 1);
        }

        /** Where the last event ends. */
        @Override
        public BinlogPosition position() {
            return last().end();
        }

        @Override
        public int packets() {
            return events.size();
        }
    }

    /**
     * A replica's first words on a new connection: the handshake's login, and the session variables
     * its I/O thread sets (@slave_uuid / @replica_uuid) before it asks for the dump.
     */
    public record Hello(long serverId, String replica, String uuid, String user, String password)
            implements Packet.Payload {
    }

    /**
     * The source refused the login (ER_ACCESS_DENIED_ERROR, 1045: no such account for the replica's host,
     * or another password) and closes the connection: the I/O thread retries after MASTER_CONNECT_RETRY.
     */
    public record AccessDenied(int code, String message) implements Packet.Payload {
    }

    /**
     * The source's answers the I/O thread reads before the dump: the handshake's connection id (the
     * thread that will be its dump thread), SELECT @@server_id and @@server_uuid, and the semisync
     * probe (@@global.rpl_semi_sync_source_enabled, then ..._master_...): whether the variable exists
     * (1193 otherwise) and its value.
     */
    public record Greeting(long threadId, long serverId, String uuid, boolean semisyncVariable,
                           boolean semisyncEnabled) implements Packet.Payload {
    }

    /**
     * One of the statements a connecting I/O thread runs on the source before it asks for the dump
     * (get_master_version_and_clock's SELECT UNIX_TIMESTAMP(), @@server_id, the checksum and heartbeat
     * settings; the semisync plugin's probe and SET @rpl_semi_sync_slave; COM_REGISTER_SLAVE): each is a
     * round trip, numbered from 1.
     */
    public record SetupQuery(int n) implements Packet.Payload {
    }

    /** The source's answer to a {@link SetupQuery}. */
    public record SetupReply(int n) implements Packet.Payload {
    }

    /**
     * The dump thread was killed (a shutdown, KILL): it ends the stream with an EOF packet, which the
     * replica reads as "received end packet from server", unlike a connection that just breaks.
     */
    public record EndOfStream() implements Packet.Payload {
    }

    /** {@code KILL thread} on a connection of its own (MariaDB's replica stopping its dump thread). */
    public record Kill(long thread) implements Packet.Payload {
    }

    /** KILL's answer: OK, or the source had no such thread. */
    public record Killed(boolean ok) implements Packet.Payload {
    }

    /** A semisync ACK: {@code [0xEF][8-byte binlog pos][binlog file name]} on the dump connection. */
    public record Ack(BinlogPosition pos) implements Packet.Payload, Packet.Positioned {
        @Override
        public BinlogPosition position() {
            return pos;
        }
    }

    /** Nothing new for a heartbeat period: the source is alive, at {@code position}. */
    public record Heartbeat(BinlogPosition at) implements Packet.Payload, Packet.Positioned {
        @Override
        public BinlogPosition position() {
            return at;
        }
    }

    /** The dump cannot go on (1236: the requested binlog is not there). */
    public record DumpError(int code, String message) implements Packet.Payload {
    }
}
