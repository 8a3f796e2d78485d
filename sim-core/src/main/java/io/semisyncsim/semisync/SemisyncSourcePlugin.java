package io.semisyncsim.semisync;

import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.ErrorLog.Level;
import io.semisyncsim.server.SysVarDef;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The source plugin ({@code rpl_semi_sync_master} / {@code rpl_semi_sync_source}) as the server sees
 * it: a thin shell that turns variable changes into calls on {@link SemisyncSource} and its events into
 * MySQL's error-log lines.
 */
public final class SemisyncSourcePlugin implements Plugin, SemisyncSource.Events {
    private final PluginContext ctx;
    private final SemisyncSource source;
    private final String enabledVar;
    private final String waitNoReplicaVar;
    private final String countVar;
    private final String logSource;

    public SemisyncSourcePlugin(PluginContext ctx) {
        this.ctx = ctx;
        this.source = new SemisyncSource(this);
        this.enabledVar = ctx.var("rpl_semi_sync_{source}_enabled");
        this.waitNoReplicaVar = ctx.var("rpl_semi_sync_{source}_wait_no_{replica}");
        this.countVar = ctx.var("rpl_semi_sync_{source}_wait_for_{replica}_count");
        this.logSource = ctx.flavor().logTerms().source();
        ctx.errorLog().write(Level.NOTE, 11130, "Repl", reported("Semi-sync replication initialized for transactions."));
        if (ctx.variables().getBool(enabledVar)) { // enabled at start-up (option file)
            enable();
        }
    }

    public SemisyncSource source() {
        return source;
    }

    private void enable() {
        source.enable(ctx.variables().getBool(waitNoReplicaVar), ctx.variables().getLong(countVar));
    }

    @Override
    public PluginDescriptor descriptor() {
        return ctx.descriptor();
    }

    @Override
    public void variableChanged(SysVarDef variable, String oldValue, String newValue) {
        if (variable.name().equals(enabledVar)) {
            if ("ON".equals(newValue)) {
                enable();
            } else {
                source.disable();
            }
        } else if (variable.name().equals(waitNoReplicaVar) && !newValue.equals(oldValue)) {
            source.setWaitNoReplica("ON".equals(newValue));
        }
    }

    @Override
    public SortedMap<String, String> status() {
        String p = "Rpl_semi_sync_" + ctx.descriptor().terms().source() + "_";
        SortedMap<String, String> s = new TreeMap<>();
        s.put(p + "clients", Long.toString(source.clients()));
        s.put(p + "net_avg_wait_time", "0"); // never measured since the ACK thread (5.7): always 0
        s.put(p + "net_wait_time", "0");
        s.put(p + "net_waits", Long.toString(source.netWaits()));
        s.put(p + "no_times", Long.toString(source.noTimes()));
        s.put(p + "no_tx", Long.toString(source.noTx()));
        s.put(p + "status", source.isOn() ? "ON" : "OFF");
        s.put(p + "timefunc_failures", Long.toString(source.timefuncFailures()));
        s.put(p + "tx_avg_wait_time", Long.toString(source.txWaits() == 0 ? 0 : source.txWaitTime() / source.txWaits()));
        s.put(p + "tx_wait_time", Long.toString(source.txWaitTime()));
        s.put(p + "tx_waits", Long.toString(source.txWaits()));
        s.put(p + "wait_pos_backtraverse", Long.toString(source.waitPosBacktraverse()));
        s.put(p + "wait_sessions", Long.toString(source.waitSessions()));
        s.put(p + "yes_tx", Long.toString(source.yesTx()));
        return s;
    }

    @Override
    public String uninstallBlocker() {
        // semi_sync_source_plugin_check_uninstall: refused while semisync replicas are connected.
        return source.clients() > 0 ? "Stop any active semisynchronous slaves of this master first." : null;
    }

    @Override
    public void resetMaster() {
        source.resetMaster();
    }

    @Override
    public void flushStatus() {
        source.flushStatus();
    }

    @Override
    public void deinit() {
        if (source.isEnabled()) {
            source.disable();
        }
    }

    @Override
    public void enabled() {
        ctx.errorLog().write(Level.NOTE, 11142, "Repl", reported("Semi-sync replication enabled on the " + logSource + "."));
        ctx.errorLog().write(Level.NOTE, 11166, "Repl", reported("Starting ack receiver thread."));
    }

    @Override
    public void disabled() {
        ctx.errorLog().write(Level.NOTE, 11144, "Repl", reported("Semi-sync replication disabled on the " + logSource + "."));
        ctx.errorLog().write(Level.NOTE, 11168, "Repl", reported("Stopping ack receiver thread."));
    }

    @Override
    public void switchedOff() {
        ctx.errorLog().write(Level.NOTE, 11155, "Repl", reported("Semi-sync replication switched OFF."));
    }

    /** MySQL 8.0 wraps a plugin's message as {@code Plugin NAME reported: 'TEXT'}; 5.7 prints it bare. */
    private String reported(String text) {
        return ctx.flavor().wrapsPluginMessages()
                ? "Plugin " + ctx.descriptor().name() + " reported: '" + text + "'"
                : text;
    }
}
