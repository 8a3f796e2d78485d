package io.semisyncsim.replication;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.net.Packet;

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
     * One binlog event from the dump thread. On a semisync dump it carries the 2-byte header
     * ({@code 0xEF}, flags) whose flag asks the replica to ACK this event.
     */
    public record Event(BinlogEvent event, boolean semisyncHeader, boolean ackRequested)
            implements Packet.Payload, Packet.Positioned {
        @Override
        public String position() {
            return event.end().toString();
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
        public String position() {
            return pos.toString();
        }
    }

    /** Nothing new for a heartbeat period: the source is alive, at {@code position}. */
    public record Heartbeat(BinlogPosition at) implements Packet.Payload, Packet.Positioned {
        @Override
        public String position() {
            return at.toString();
        }
    }

    /** The dump cannot go on (1236: the requested binlog is not there). */
    public record DumpError(int code, String message) implements Packet.Payload {
    }
}
