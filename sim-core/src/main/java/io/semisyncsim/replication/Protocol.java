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
    public record DumpRequest(long serverId, String replica, BinlogPosition from, long heartbeatPeriod)
            implements Packet.Payload {
    }

    /** One binlog event from the dump thread. */
    public record Event(BinlogEvent event) implements Packet.Payload {
    }

    /** Nothing new for a heartbeat period: the source is alive, at {@code position}. */
    public record Heartbeat(BinlogPosition position) implements Packet.Payload {
    }

    /** The dump cannot go on (1236: the requested binlog is not there). */
    public record DumpError(int code, String message) implements Packet.Payload {
    }
}
