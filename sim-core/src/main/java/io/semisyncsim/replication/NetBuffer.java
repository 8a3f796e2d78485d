package io.semisyncsim.replication;

import io.semisyncsim.binlog.BinlogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The dump connection's NET buffer (sql/net_serv.cc): my_net_write appends a packet, and the buffer
 * reaches the socket as one write when it is full or flushed. The dump thread flushes after an event
 * that asks for a semisync ACK (the plugin's net_flush) and before it waits for new events.
 */
final class NetBuffer {
    /** net_buffer_length's default: a buffer this full is written out (net_write_buff). */
    static final int NET_BUFFER_LENGTH = 16_384;

    private final int capacity;
    private List<BinlogEvent> packets = new ArrayList<>();
    private long bytes;
    private boolean lastAsksAck;

    NetBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Appends an event packet; true when the buffer must now be written out (full, or ACK asked). */
    boolean write(BinlogEvent event, boolean asksAck) {
        if (lastAsksAck) {
            throw new IllegalStateException("a packet that asks for an ACK is flushed before the next is written");
        }
        packets.add(event);
        bytes += event.size();
        lastAsksAck = asksAck;
        return asksAck || bytes >= capacity;
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    /** Empties the buffer into one socket write. */
    Protocol.Events drain() {
        Protocol.Events write = new Protocol.Events(packets, lastAsksAck);
        packets = new ArrayList<>();
        bytes = 0;
        lastAsksAck = false;
        return write;
    }
}
