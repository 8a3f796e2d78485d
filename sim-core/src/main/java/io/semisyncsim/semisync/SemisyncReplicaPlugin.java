package io.semisyncsim.semisync;

import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replica plugin ({@code rpl_semi_sync_slave} / {@code rpl_semi_sync_replica}). Its status is set
 * only by the I/O thread's start and stop hooks (semisync_replica.cc slaveStart/slaveStop), which is
 * why enabling it at runtime needs the manual's STOP/START SLAVE IO_THREAD.
 */
public final class SemisyncReplicaPlugin implements Plugin {
    private final PluginContext ctx;
    private boolean status;

    public SemisyncReplicaPlugin(PluginContext ctx) {
        this.ctx = ctx;
    }

    /** The I/O thread started (thread_start hook): status follows the enabled variable. */
    public void ioThreadStarted() {
        status = ctx.variables().getBool(ctx.var("rpl_semi_sync_{replica}_enabled"));
    }

    /** The I/O thread stopped (thread_stop hook). */
    public void ioThreadStopped() {
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
}
