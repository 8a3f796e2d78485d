package io.semisyncsim.server.plugin;

/** A plugin that watches the replica's I/O thread (MySQL's Binlog_relay_IO_observer). */
public interface RelayIoObserver {

    /** thread_start: the I/O thread starts (or, in MariaDB, reconnects: slave_reconnect runs slave_start). */
    void threadStart(String sourceUser, String sourceHost, int sourcePort, String file, long pos);

    /** Whether the I/O thread must ask the source about semisync before requesting the dump. */
    boolean wantsSemisync();

    /**
     * before_request_transmit, with the probe's answer: whether the source has the variable, and its
     * value; returns whether to ask for a semisync dump.
     */
    boolean requestTransmit(boolean sourceHasSemisync, boolean sourceEnabled);

    /** Whether events are read as semisync now (then ACK-requested ones are acknowledged). */
    boolean isSemisync();

    /** The replica sent an ACK (MariaDB counts them in Rpl_semi_sync_slave_send_ack). */
    default void ackSent() {
    }

    /**
     * How long, in µs, the stopping I/O thread may spend KILLing its own dump thread on the source
     * (MariaDB: rpl_semi_sync_slave_kill_conn_timeout), or -1 when it does not (MySQL).
     */
    default long killDumpOnStop() {
        return -1;
    }

    /** thread_stop. */
    void threadStop();
}
