package io.semisyncsim.semisync;

import io.semisyncsim.binlog.BinlogPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL's {@code AckContainer} (semisync_source.h): with {@code wait_for_replica_count = N > 1}, the
 * highest position acknowledged by N distinct server_ids. It keeps N-1 slots of other replicas' latest
 * ACKs; an ACK that finds them full completes a quorum.
 */
final class AckContainer {
    record Ack(long serverId, BinlogPosition pos) {
    }

    private Ack[] slots;
    private Ack greatest;

    AckContainer(int size) {
        slots = new Ack[Math.max(0, size)];
    }

    /** Inserts an ACK; returns the position a quorum now covers, or null (semisync_source.cc insert). */
    BinlogPosition insert(long serverId, BinlogPosition pos) {
        if (greatest != null && pos.compareTo(greatest.pos()) <= 0) {
            return null;
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].serverId() == serverId) {
                slots[i] = new Ack(serverId, pos); // a replica's own newer ACK replaces its older one
                return null;
            }
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = new Ack(serverId, pos);
                return null;
            }
        }
        // Full: N-1 others plus this one are N distinct servers. The quorum reaches the smallest of them.
        int min = -1;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].pos().compareTo(pos) < 0 && (min < 0 || slots[i].pos().compareTo(slots[min].pos()) < 0)) {
                min = i;
            }
        }
        if (min < 0) {
            greatest = new Ack(serverId, pos);
            clearAt(pos);
            return pos;
        }
        greatest = slots[min];
        clearAt(greatest.pos());
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = new Ack(serverId, pos);
                break;
            }
        }
        return greatest.pos();
    }

    private void clearAt(BinlogPosition pos) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].pos().equals(pos)) {
                slots[i] = null;
            }
        }
    }

    /** Resizes to {@code size} slots and re-inserts what it held; returns the last quorum reached, if any. */
    BinlogPosition resize(int size) {
        List<Ack> held = new ArrayList<>();
        for (Ack a : slots) {
            if (a != null) {
                held.add(a);
            }
        }
        slots = new Ack[Math.max(0, size)];
        greatest = null;
        BinlogPosition reported = null;
        for (Ack a : held) {
            BinlogPosition r = insert(a.serverId(), a.pos());
            if (r != null) {
                reported = r;
            }
        }
        return reported;
    }

    void clear() {
        java.util.Arrays.fill(slots, null);
        greatest = null;
    }
}
