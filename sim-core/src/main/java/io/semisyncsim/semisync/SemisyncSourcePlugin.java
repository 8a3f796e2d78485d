package io.semisyncsim.semisync;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.ErrorLog.Level;
import io.semisyncsim.server.SysVarDef;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.server.plugin.CommitObserver;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The source plugin ({@code rpl_semi_sync_master} / {@code rpl_semi_sync_source}) as the server sees
 * it: a thin shell that turns variable changes, commit-path and dump-thread observations into calls on
 * {@link SemisyncSource}, and its events into MySQL's error-log lines and released commits.
 */
public final class SemisyncSourcePlugin implements Plugin, SemisyncSource.Events, CommitObserver,
        BinlogTransmitObserver {
    private final PluginContext ctx;
    private final SemisyncSource source;
    private final String enabledVar;
    private final String timeoutVar;
    private final String waitNoReplicaVar;
    private final String countVar;
    private final String waitPointVar;
    private final String logSource;
    private final String logReplica;

    public SemisyncSourcePlugin(PluginContext ctx) {
        this.ctx = ctx;
        this.source = new SemisyncSource(this);
        this.enabledVar = ctx.var("rpl_semi_sync_{source}_enabled");
        this.timeoutVar = ctx.var("rpl_semi_sync_{source}_timeout");
        this.waitNoReplicaVar = ctx.var("rpl_semi_sync_{source}_wait_no_{replica}");
        this.countVar = ctx.var("rpl_semi_sync_{source}_wait_for_{replica}_count");
        this.waitPointVar = ctx.var("rpl_semi_sync_{source}_wait_point");
        this.logSource = ctx.flavor().logTerms().source();
        this.logReplica = ctx.flavor().logTerms().replica();
        log(Level.NOTE, 11130, "Semi-sync replication initialized for transactions.");
        if (ctx.variables().getBool(enabledVar)) { // enabled at start-up (option file)
            enable();
        }
    }

    public SemisyncSource source() {
        return source;
    }

    private long now() {
        return ctx.clock().getAsLong();
    }

    private void enable() {
        source.enable(ctx.variables().getBool(waitNoReplicaVar), waitForReplicaCount());
    }

    /** 1 where the flavour has no quorum variable (MariaDB). */
    private long waitForReplicaCount() {
        return ctx.variables().find(countVar) == null ? 1 : ctx.variables().getLong(countVar);
    }

    @Override
    public PluginDescriptor descriptor() {
        return ctx.descriptor();
    }

    // --- variables

    @Override
    public void variableChanged(SysVarDef variable, String oldValue, String newValue) {
        if (variable.name().equals(enabledVar)) {
            if ("ON".equals(newValue)) {
                enable();
            } else {
                source.disable(now());
            }
        } else if (variable.name().equals(waitNoReplicaVar) && !newValue.equals(oldValue)) {
            source.setWaitNoReplica("ON".equals(newValue), now());
        } else if (variable.name().equals(countVar)) {
            source.setWaitForReplicaCount(Long.parseLong(newValue), now());
        }
    }

    // --- the commit path

    @Override
    public void afterFlush(BinlogPosition groupEnd) {
        source.writeTranxInBinlog(groupEnd, () -> {
            log(Level.WARNING, 11159, "Semi-sync failed to insert tranx_node for binlog file: " + groupEnd.file()
                    + ", position: " + groupEnd.pos() + ".");
            source.switchOff(now());
        });
    }

    @Override
    public Decision atCommitPoint(Point point, BinlogPosition pos, long now) {
        // wait_point has no update hook: it is read at each commit.
        if (!point.name().equals(ctx.variables().get(waitPointVar))) {
            return null;
        }
        SemisyncSource.Wait w = source.commitTrx(pos, now, ctx.variables().getLong(timeoutVar) * 1000L);
        if (w instanceof SemisyncSource.Wait.Hold h) {
            return new Decision.Hold(h.waiter(), h.deadline());
        }
        return new Decision.Proceed(((SemisyncSource.Wait.Proceed) w).semisync());
    }

    @Override
    public void deadlinePassed(long waiter, long now) {
        source.timeout(waiter, now);
    }

    // --- dump threads and ACKs

    @Override
    public boolean transmitStart(long serverId, BinlogPosition from, boolean replicaAsked, long now) {
        String at = "pos(" + from.file() + ", " + from.pos() + ").";
        if (!replicaAsked) {
            log(Level.NOTE, 11170, "Start asynchronous binlog_dump to " + logReplica + " (server_id: " + serverId + "), " + at);
            return false;
        }
        source.addReplica();
        log(Level.NOTE, 11170, "Start semi-sync binlog_dump to " + logReplica + " (server_id: " + serverId + "), " + at);
        // The replica has everything before where it asked to start: an implicit ACK.
        source.handleAck(serverId, from, now);
        return true;
    }

    @Override
    public boolean beforeSendEvent(BinlogPosition end) {
        return source.requestAck(end);
    }

    @Override
    public void ackRequestSent() {
        source.ackRequested();
    }

    @Override
    public void transmitStop(long serverId, long now) {
        log(Level.NOTE, 11171, "Stop semi-sync binlog_dump to " + logReplica + " (server_id: " + serverId + ").");
        source.removeReplica(ctx.variables().getBool(waitNoReplicaVar), now);
    }

    @Override
    public void ackReceived(long serverId, BinlogPosition pos, long now) {
        source.handleAck(serverId, pos, now);
    }

    // --- status

    /** The status variables the source plugin exports, after {@code Rpl_semi_sync_master_|source_}. */
    public static final java.util.List<String> STATUS_SUFFIXES = java.util.List.of("clients", "net_avg_wait_time",
            "net_wait_time", "net_waits", "no_times", "no_tx", "status", "timefunc_failures", "tx_avg_wait_time",
            "tx_wait_time", "tx_waits", "wait_pos_backtraverse", "wait_sessions", "yes_tx");

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
            source.disable(now());
        }
    }

    // --- SemisyncSource.Events

    @Override
    public void enabled() {
        log(Level.NOTE, 11142, "Semi-sync replication enabled on the " + logSource + ".");
        log(Level.NOTE, 11166, "Starting ack receiver thread.");
    }

    @Override
    public void disabled() {
        log(Level.NOTE, 11144, "Semi-sync replication disabled on the " + logSource + ".");
        log(Level.NOTE, 11168, "Stopping ack receiver thread.");
    }

    @Override
    public void switchedOff() {
        log(Level.NOTE, 11155, "Semi-sync replication switched OFF.");
    }

    @Override
    public void switchedOn(BinlogPosition at) {
        log(Level.NOTE, 11156, "Semi-sync replication switched ON at " + at + ".");
    }

    @Override
    public void timedOut(BinlogPosition trx, BinlogPosition reply) {
        // reply_file_name_/pos are printed even when not "inited": empty and 0 before any ACK.
        String replyFile = reply == null ? "" : reply.file();
        long replyPos = reply == null ? 0 : reply.pos();
        log(Level.WARNING, 11153, "Timeout waiting for reply of binlog (file: " + trx.file() + ", pos: " + trx.pos()
                + "), semi-sync up to file " + replyFile + ", position " + replyPos + ".");
    }

    @Override
    public void released(long waiter, boolean semisync) {
        ctx.releaser().released(waiter, semisync);
    }

    /** MySQL 8.0 wraps a plugin's message as {@code Plugin NAME reported: 'TEXT'}; 5.7 prints it bare. */
    private void log(Level level, int code, String text) {
        ctx.errorLog().write(level, code, "Repl", ctx.flavor().wrapsPluginMessages()
                ? "Plugin " + ctx.descriptor().name() + " reported: '" + text + "'" : text);
    }
}
