package io.semisyncsim.semisync;

import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import io.semisyncsim.server.plugin.RelayIoObserver;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replica plugin ({@code rpl_semi_sync_slave} / {@code rpl_semi_sync_replica}). Its status is set
 * only by the I/O thread's hooks (semisync_replica.cc slaveStart, slaveRequestDump, slaveStop), which
 * is why enabling it at runtime needs the manual's STOP/START SLAVE IO_THREAD.
 */
public final class SemisyncReplicaPlugin implements Plugin, RelayIoObserver {
    private final PluginContext ctx;
    private final String enabledVar;
    private final String killTimeoutVar;
    private boolean status;
    /**
     * MariaDB's Repl_semi_sync_slave::get_slave_enabled(): the enabled variable as the I/O thread found it at
     * its start (slave_start), which SET GLOBAL does not change while it runs.
     */
    private boolean enabledAtStart;
    /** MariaDB's Rpl_semi_sync_slave_send_ack: ACKs sent since the I/O thread started. */
    private long sendAck;

    public SemisyncReplicaPlugin(PluginContext ctx) {
        this.ctx = ctx;
        this.enabledVar = ctx.var("rpl_semi_sync_{replica}_enabled");
        this.killTimeoutVar = ctx.var("rpl_semi_sync_{replica}_kill_conn_timeout");
    }

    private boolean enabled() {
        return ctx.variables().getBool(enabledVar);
    }

    /**
     * thread_start: status follows the enabled variable, and the start is logged (semisync or
     * asynchronous: the plugin logs either; MariaDB's send_ack counter starts over).
     */
    @Override
    public void threadStart(String sourceUser, String sourceHost, int sourcePort, String file, long pos) {
        status = enabled();
        enabledAtStart = status;
        sendAck = 0;
        ctx.errorLog().log(status ? "semisync-io-start" : "async-io-start", "user", sourceUser, "host", sourceHost,
                "port", sourcePort, "file", file, "file_or_first", file.isEmpty() ? "FIRST" : file, "pos", pos);
    }

    /** Kept for tests that drive the hook without a thread. */
    public void ioThreadStarted() {
        status = enabled();
        enabledAtStart = status;
    }

    /** Kept for tests that drive the hook without a thread. */
    public void ioThreadStopped() {
        status = false;
    }

    @Override
    public boolean wantsSemisync() {
        return enabled();
    }

    /**
     * The probe of {@code @@global.rpl_semi_sync_source_enabled}, then {@code ..._master_enabled}: on
     * 1193 for both, fall back to asynchronous replication. MySQL ignores the value; MariaDB notes a
     * source whose semisync is disabled and asks for a semisync dump all the same (it will be used
     * once the source enables it).
     */
    @Override
    public boolean requestTransmit(boolean sourceHasSemisync, boolean sourceEnabled) {
        if (!enabled()) {
            return false;
        }
        if (!sourceHasSemisync) {
            ctx.errorLog().log("source-no-semisync");
            status = false;
            return false;
        }
        if (!sourceEnabled && ctx.flavor().semisyncRules().replicaChecksSourceEnabled()) {
            ctx.errorLog().log("source-semisync-off");
        }
        status = true;
        return true;
    }

    @Override
    public boolean isSemisync() {
        return status;
    }

    @Override
    public void ackSent() {
        sendAck++;
    }

    /**
     * MariaDB: when semisync was enabled as the I/O thread started, the stopping thread KILLs its dump
     * connection on the source, though SET GLOBAL disabled it since (Repl_semi_sync_slave::slave_stop;
     * measured on 10.11.19).
     */
    @Override
    public long killDumpOnStop() {
        if (!ctx.flavor().semisyncRules().replicaKillsDumpOnStop() || !enabledAtStart) {
            return -1;
        }
        return ctx.variables().getLong(killTimeoutVar) * 1_000_000L;
    }

    @Override
    public void threadStop() {
        status = false;
        enabledAtStart = false; // slave_stop: set_slave_enabled(0)
    }

    public boolean isOn() {
        return status;
    }

    @Override
    public PluginDescriptor descriptor() {
        return ctx.descriptor();
    }

    @Override
    public SortedMap<String, String> status() {
        String p = "Rpl_semi_sync_" + ctx.descriptor().terms().replica() + "_";
        SortedMap<String, String> s = new TreeMap<>();
        if (ctx.flavor().semisyncRules().ackCounters()) {
            s.put(p + "send_ack", Long.toString(sendAck));
        }
        s.put(p + "status", status ? "ON" : "OFF");
        return s;
    }

    @Override
    public String uninstallBlocker() {
        return status ? ctx.flavor().uninstallBlockedByReplica() : null;
    }
}
