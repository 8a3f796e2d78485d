package io.semisyncsim.channel;

import io.semisyncsim.binlog.BinlogEvent;
import io.semisyncsim.binlog.BinlogPosition;
import java.util.List;

/**
 * How a source serves a replica that asked for a dump by GTID (MySQL's COM_BINLOG_DUMP_GTID with its
 * executed set, MariaDB's COM_BINLOG_DUMP with {@code @slave_connect_state}): the checks that refuse
 * it (error 1236 with the flavour's message), the file it starts at (from the beginning), and, event
 * by event, what it sends: transactions the replica has are skipped, and the end of a skipped run is
 * told with a {@link io.semisyncsim.binlog.EventType#GTID_SKIPPED} event. The source's GTID rules
 * ({@code server.Gtids}) make one per dump; the dump thread only asks it.
 */
public interface GtidDump {

    /**
     * The message of error 1236 when the dump cannot start, or, checked after each {@link #process}, cannot
     * go on (MariaDB's START_ON_EMPTY_DOMAIN); null when it can.
     */
    String error();

    /** The file the dump starts at, position 4. */
    BinlogPosition start();

    /** What the semisync plugin is told the dump starts from (MySQL: the requested, empty file). */
    BinlogPosition transmitFrom();

    /** The events to send for this readable event, in order: none (skipped), it, and/or a skip mark. */
    List<BinlogEvent> process(BinlogEvent e);

    /** A skip mark to send now that the readable events ran out, or null. */
    BinlogEvent atEnd();

    /** What every flavour's dump decides once, at its start: the refusal, or the file it starts at. */
    abstract class Decided implements GtidDump {
        protected String error;
        protected BinlogPosition start;

        @Override
        public String error() {
            return error;
        }

        @Override
        public BinlogPosition start() {
            return start;
        }
    }
}
