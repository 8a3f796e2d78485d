package io.semisyncsim.replication;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.net.Packet;
import java.util.Collections;
import java.util.List;

/** The replication protocol on a connection between a replica's I/O thread and a source. */
public final class Protocol {
    private Protocol() {
    }

    /**
     * COM_REGISTER_SLAVE + COM_BINLOG_DUMP: stream from {@code from} (or from the start with
     * {@code from} null), with heartbeats every {@code heartbeatPeriod} µs (0: none).
     */
    public record DumpRequest(long serverId, String replica, BinlogPosition from, long heartbeatPeriod,
                              boolean semisync) implements Packet.Payload {
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

    /** The replica's probe {@code SELECT @@global.rpl_semi_sync_source_enabled} (then ..._master_...). */
    public record SemisyncProbe() implements Packet.Payload {
    }

    /** The probe's answer: whether either variable exists on the source (its value does not matter). */
    public record SemisyncProbeReply(boolean variableExists) implements Packet.Payload {
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
