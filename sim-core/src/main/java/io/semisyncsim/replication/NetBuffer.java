package io.semisyncsim.replication;

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
    private List<Protocol.Event> packets = new ArrayList<>();
    private long bytes;

    NetBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Appends an event packet; true when the buffer must now be written out (full, or ACK asked). */
    boolean write(Protocol.Event packet) {
        packets.add(packet);
        bytes += packet.event().size();
        return packet.ackRequested() || bytes >= capacity;
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    /** Empties the buffer into one socket write. */
    Protocol.Events drain() {
        Protocol.Events write = new Protocol.Events(packets);
        packets = new ArrayList<>();
        bytes = 0;
        return write;
    }
}
