package io.semisyncsim.semisync;

import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.ErrorLog.Level;
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
    private boolean status;

    public SemisyncReplicaPlugin(PluginContext ctx) {
        this.ctx = ctx;
        this.enabledVar = ctx.var("rpl_semi_sync_{replica}_enabled");
    }

    private boolean enabled() {
        return ctx.variables().getBool(enabledVar);
    }

    /** thread_start: status follows the enabled variable, and the start is logged. */
    @Override
    public void threadStart(String sourceUser, String sourceHost, int sourcePort, String file, long pos) {
        status = enabled();
        if (status) {
            var terms = ctx.flavor().logTerms();
            String who = terms.replica().substring(0, 1).toUpperCase() + terms.replica().substring(1);
            log(Level.NOTE, 11179, who + " I/O thread: Start semi-sync replication to " + terms.source() + " '"
                    + sourceUser + "@" + sourceHost + ":" + sourcePort + "' in log '" + (file.isEmpty() ? "FIRST" : file)
                    + "' at position " + pos + ".");
        }
    }

    /** Kept for tests that drive the hook without a thread. */
    public void ioThreadStarted() {
        status = enabled();
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
     * The probe of {@code @@global.rpl_semi_sync_source_enabled}, then {@code ..._master_enabled}: only
     * whether the variable exists matters; on 1193 for both, fall back to asynchronous replication.
     */
    @Override
    public boolean requestTransmit(boolean sourceHasSemisync) {
        if (!enabled()) {
            return false;
        }
        if (!sourceHasSemisync) {
            String src = ctx.flavor().logTerms().source();
            log(Level.WARNING, 11184, src.substring(0, 1).toUpperCase() + src.substring(1)
                    + " server does not support semi-sync, fallback to asynchronous replication");
            status = false;
            return false;
        }
        status = true;
        return true;
    }

    @Override
    public boolean isSemisync() {
        return status;
    }

    @Override
    public void threadStop() {
        status = false;
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
        SortedMap<String, String> s = new TreeMap<>();
        s.put("Rpl_semi_sync_" + ctx.descriptor().terms().replica() + "_status", status ? "ON" : "OFF");
        return s;
    }

    @Override
    public String uninstallBlocker() {
        String who = ctx.descriptor().terms().replica();
        return status ? "Stop any active semisynchronous I/O threads on this " + who + " first." : null;
    }

    private void log(Level level, int code, String text) {
        ctx.errorLog().write(level, code, "Repl", ctx.flavor().wrapsPluginMessages()
                ? "Plugin " + ctx.descriptor().name() + " reported: '" + text + "'" : text);
    }
}
