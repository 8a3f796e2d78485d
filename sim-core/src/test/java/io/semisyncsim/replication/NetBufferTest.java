package io.semisyncsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.EventType;
import org.junit.jupiter.api.Test;

class NetBufferTest {
    private long end = 157;

    private BinlogEvent event(int size) {
        end += size;
        return new BinlogEvent(EventType.WRITE_ROWS, "binlog.000001", end, size, 1, 0, null);
    }

    @Test
    void eventsStayBufferedUntilAFlush() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        assertFalse(buffer.write(event(79), false));
        assertFalse(buffer.write(event(78), false));
        Protocol.Events write = buffer.drain();
        assertEquals(2, write.packets());
        assertFalse(write.lastAsksAck());
        assertTrue(buffer.isEmpty());
    }

    @Test
    void anEventAskingForAnAckIsFlushedAtOnceAndEndsTheWrite() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        buffer.write(event(79), false);
        BinlogEvent xid = event(31);
        assertTrue(buffer.write(xid, true));
        Protocol.Events write = buffer.drain();
        assertEquals(2, write.packets());
        assertTrue(write.lastAsksAck());
        assertEquals(xid.end(), write.position());
    }

    @Test
    void nothingIsWrittenAfterAnAckRequestBeforeTheFlush() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        buffer.write(event(31), true);
        assertThrows(IllegalStateException.class, () -> buffer.write(event(79), false));
    }

    @Test
    void aFullBufferIsWrittenOut() {
        NetBuffer buffer = new NetBuffer(1024);
        for (int i = 0; i < 10; i++) {
            assertFalse(buffer.write(event(100), false));
        }
        assertTrue(buffer.write(event(100), false), "1,100 bytes buffered: past the 1,024-byte buffer");
    }

    @Test
    void aDrainedBufferStartsTheNextWriteEmpty() {
        NetBuffer buffer = new NetBuffer(NetBuffer.NET_BUFFER_LENGTH);
        buffer.write(event(79), true);
        buffer.drain();
        buffer.write(event(78), false);
        Protocol.Events next = buffer.drain();
        assertEquals(1, next.packets());
        assertFalse(next.lastAsksAck());
    }
}
