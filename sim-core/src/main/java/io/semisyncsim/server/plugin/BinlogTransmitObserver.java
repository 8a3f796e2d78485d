package io.semisyncsim.server.plugin;

import io.semisyncsim.binlog.BinlogPosition;

/** A plugin that watches binlog dump threads (MySQL's Binlog_transmit_observer) and receives ACKs. */
public interface BinlogTransmitObserver {

    /** A dump starts for a replica ({@code replicaAsked}: it set the semisync user variable). Semisync? */
    boolean transmitStart(long serverId, BinlogPosition from, boolean replicaAsked, long now);

    /** Before sending an event of {@code type} ending at {@code end} on a semisync dump: ask the replica to ACK it? */
    boolean beforeSendEvent(io.semisyncsim.binlog.EventType type, BinlogPosition end);

    /** After sending an event that asked for an ACK. */
    void ackRequestSent();

    /** The flush of an event that asked for an ACK failed (the connection was reset). */
    default void netFlushFailed() {
    }

    /**
     * A dump ended ({@code semisync}: transmitStart made it one); {@code shuttingDown}: the server is
     * shutting down.
     */
    void transmitStop(long serverId, boolean semisync, boolean shuttingDown, long now);

    /** An ACK read from a semisync dump connection (the ACK receiver thread's work). */
    void ackReceived(long serverId, BinlogPosition pos, long now);
}
