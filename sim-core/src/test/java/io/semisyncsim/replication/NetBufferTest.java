package io.semisyncsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import org.junit.jupiter.api.Test;

class NetBufferTest {
    private static long end = 157;

    private static Protocol.Event event(int size, boolean ackRequested) {
        end += size;
        return new Protocol.Event(new BinlogEvent(EventType.WRITE_ROWS, "binlog.000001", end, size, 1, 0, null),
                true, ackRequested);
    }

    @Test
    void eventsStayBufferedUntilAFlush() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        assertFalse(buffer.write(event(79, false)));
        assertFalse(buffer.write(event(78, false)));
        assertEquals(2, buffer.drain().packets());
        assertTrue(buffer.isEmpty());
    }

    @Test
    void anEventAskingForAnAckIsFlushedAtOnce() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        buffer.write(event(79, false));
        assertTrue(buffer.write(event(31, true)));
        Protocol.Events write = buffer.drain();
        assertEquals(2, write.packets());
        assertTrue(write.events().get(1).ackRequested());
    }

    @Test
    void aFullBufferIsWrittenOut() {
        NetBuffer buffer = new NetBuffer(1024);
        for (int i = 0; i < 10; i++) {
            assertFalse(buffer.write(event(100, false)));
        }
        assertTrue(buffer.write(event(100, false)), "1000 bytes buffered: the next packet fills it");
    }

    @Test
    void aDrainedBufferStartsTheNextWriteEmpty() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        buffer.write(event(79, true));
        buffer.drain();
        buffer.write(event(78, false));
        assertEquals(1, buffer.drain().packets());
    }
}
