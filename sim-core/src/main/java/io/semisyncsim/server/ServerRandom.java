package io.semisyncsim.server;

import java.util.Locale;

/**
 * What one run of a server draws unrepeatable values from: the seeds each session's RAND() starts from, UUID()
 * and UUID_SHORT(). A real server takes them from its start time, its MAC address and its memory addresses; here
 * each comes from the node's start on its virtual clock and its server_id, so that a run repeats exactly, and
 * two nodes, or one node before and after a restart, still differ.
 */
final class ServerRandom {
    /** 100-nanosecond intervals from the Gregorian calendar's start (1582-10-15) to 1970 (RFC 4122). */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;

    private final RandStruct sqlRand;
    private final long serverId;
    private final long uuidShortBase;
    private long uuidShorts;
    private long lastUuidTime;

    /** {@code startMicros}: the server's start on its virtual clock. */
    ServerRandom(long serverId, long startMicros) {
        long startSeconds = VirtualTimestamps.unixSeconds(startMicros);
        this.serverId = serverId;
        this.sqlRand = RandStruct.of(startSeconds, startSeconds / 2); // mysqld.cc: my_rnd_init(&sql_rand, ...)
        this.uuidShortBase = ((serverId & 255) << 56) + (startSeconds << 24); // mysqld.cc server_uuid_value
    }

    /**
     * A new session's RAND() generator (sql_class.cc THD::init: sql_rand's next number times 0xffffffff, plus the
     * session's address for one seed and the query id for the other; here the connection id, and a second draw).
     */
    RandStruct sessionRand(long connectionId) {
        long tmp = (long) (sqlRand.next() * 0xFFFFFFFFL);
        return RandStruct.of(tmp + connectionId, (long) (sqlRand.next() * 0xFFFFFFFFL) + connectionId);
    }

    /** UUID_SHORT() (item_func.cc Item_func_uuid_short): server_id, start time and a counter, one each call. */
    long uuidShort() {
        return uuidShortBase + uuidShorts++;
    }

    /**
     * UUID(), a version 1 UUID (mysys/my_uuid.c my_uuid): the time in 100 ns since 1582, one more than the last
     * when the clock has not moved; a clock sequence and a locally administered node made of the server_id.
     */
    String uuid(long nowMicros) {
        long time = VirtualTimestamps.unixSeconds(nowMicros) * 10_000_000L + Math.floorMod(nowMicros, 1_000_000L) * 10
                + GREGORIAN_OFFSET;
        if (time <= lastUuidTime) {
            time = lastUuidTime + 1;
        }
        lastUuidTime = time;
        long clockSeq = 0x8000 | (serverId & 0x3FFF);
        long node = 0x020000000000L | (serverId & 0xFFFFFFFFFFL);
        return String.format(Locale.ROOT, "%08x-%04x-%04x-%04x-%012x", time & 0xFFFFFFFFL, (time >>> 32) & 0xFFFF,
                0x1000 | ((time >>> 48) & 0x0FFF), clockSeq, node);
    }
}
