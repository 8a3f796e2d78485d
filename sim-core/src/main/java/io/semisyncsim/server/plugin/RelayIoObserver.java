package io.semisyncsim.server.plugin;

/** A plugin that watches the replica's I/O thread (MySQL's Binlog_relay_IO_observer). */
public interface RelayIoObserver {

    /** thread_start: the I/O thread starts. */
    void threadStart(String sourceUser, String sourceHost, int sourcePort, String file, long pos);

    /** Whether the I/O thread must ask the source about semisync before requesting the dump. */
    boolean wantsSemisync();

    /** before_request_transmit, with the probe's answer; returns whether to ask for a semisync dump. */
    boolean requestTransmit(boolean sourceHasSemisync);

    /** Whether events are read as semisync now (then ACK-requested ones are acknowledged). */
    boolean isSemisync();

    /** thread_stop. */
    void threadStop();
}
