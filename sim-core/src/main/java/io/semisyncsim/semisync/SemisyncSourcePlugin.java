package io.semisyncsim.semisync;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.EventType;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.server.plugin.CommitObserver;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import io.semisyncsim.sysvar.SysVarDef;
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
    private long settingsRead = -1;
    private String waitPoint;
    /** The timeout in µs, saturated: the variable goes up to 2^64-1 ms, far past the virtual clock's range. */
    private long timeoutMicros;
    private boolean waitNoReplica;
    /** The process-list state of a session waiting here, made once: it is set and counted at every wait. */
    private final String waitState;

    public SemisyncSourcePlugin(PluginContext ctx) {
        this.ctx = ctx;
        this.waitState = "Waiting for semi-sync ACK from " + ctx.descriptor().terms().replica();
        this.source = new SemisyncSource(this, ctx.flavor().semisyncRules());
        this.enabledVar = ctx.var("rpl_semi_sync_{source}_enabled");
        this.timeoutVar = ctx.var("rpl_semi_sync_{source}_timeout");
        this.waitNoReplicaVar = ctx.var("rpl_semi_sync_{source}_wait_no_{replica}");
        this.countVar = ctx.var("rpl_semi_sync_{source}_wait_for_{replica}_count");
        this.waitPointVar = ctx.var("rpl_semi_sync_{source}_wait_point");
        ctx.errorLog().log("semisync-initialized");
        if (ctx.variables().getBool(enabledVar)) { // enabled at start-up (option file)
            enable(true);
        }
    }

    public SemisyncSource source() {
        return source;
    }

    private long now() {
        return ctx.clock().getAsLong();
    }

    private boolean enablingAtStart;

    private void enable(boolean atStart) {
        enablingAtStart = atStart;
        source.enable(ctx.variables().getBool(waitNoReplicaVar), waitForReplicaCount());
        enablingAtStart = false;
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
                enable(false);
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

    private boolean waitNoReplica() {
        settings();
        return waitNoReplica;
    }

    /**
     * The settings every commit reads (wait point, timeout, wait_no_replica), read again only when a
     * variable changed: three lookups and a parse per commit otherwise. The semantics stay "read at each
     * commit" (wait_point has no update hook in MySQL): a SET takes effect at the next one.
     */
    private void settings() {
        long changes = ctx.variables().changes();
        if (changes == settingsRead) {
            return;
        }
        waitPoint = ctx.variables().get(waitPointVar);
        java.math.BigInteger us = new java.math.BigInteger(ctx.variables().get(timeoutVar))
                .multiply(java.math.BigInteger.valueOf(1000));
        timeoutMicros = us.bitLength() < 63 ? us.longValue() : Long.MAX_VALUE; // up to 2^64-1 ms: saturated
        waitNoReplica = ctx.variables().getBool(waitNoReplicaVar);
        settingsRead = changes;
    }

    @Override
    public void afterFlush(java.util.List<BinlogPosition> transactionEnds) {
        source.writeTranxInBinlog(transactionEnds, waitNoReplica(), pos -> {
            ctx.errorLog().log("semisync-insert-failed", "file", pos.file(), "pos", pos.pos());
            source.switchOff(now());
        });
    }

    @Override
    public Decision atCommitPoint(Point point, BinlogPosition pos, long now) {
        // wait_point has no update hook: it is read at each commit.
        settings();
        if (!point.name().equals(waitPoint)) {
            return null;
        }
        SemisyncSource.Wait w = source.commitTrx(pos, now, timeoutMicros, waitNoReplica);
        if (w instanceof SemisyncSource.Wait.Hold h) {
            return new Decision.Hold(h.waiter(), h.deadline());
        }
        return new Decision.Proceed(((SemisyncSource.Wait.Proceed) w).semisync());
    }

    @Override
    public void deadlinePassed(long waiter, long now) {
        source.timeout(waiter, now);
    }

    @Override
    public void killed(long waiter, long now) {
        source.killed(waiter, now);
    }

    @Override
    public void woken(long waiter, long now) {
        source.woken(waiter, now);
    }

    @Override
    public void shutdownWake(long waiter, long now) {
        source.shutdownWake(waiter, now);
    }

    @Override
    public String waitState() {
        return waitState;
    }

    /** getMasterEnabled(): the hooks act only while rpl_semi_sync_master_enabled is set. */
    @Override
    public boolean actsOnCommits() {
        return source.isEnabled();
    }

    // --- dump threads and ACKs

    @Override
    public boolean transmitStart(long serverId, BinlogPosition from, boolean replicaAsked, long now) {
        if (!replicaAsked) {
            ctx.errorLog().log("async-dump-start", "server_id", serverId, "file", from.file(), "pos", from.pos());
            return false;
        }
        source.addReplica();
        // The replica has everything before where it asked to start: an implicit ACK, which may switch the
        // status ON, logged before the dump's start (repl_semi_binlog_dump_start; MariaDB's dump_start: measured)
        source.handleAck(serverId, from, now);
        ctx.errorLog().log("semisync-dump-start", "server_id", serverId, "file", from.file(), "pos", from.pos());
        return true;
    }

    @Override
    public boolean beforeSendEvent(EventType type, BinlogPosition end) {
        if (type == EventType.FORMAT_DESCRIPTION && !ctx.flavor().semisyncRules().formatDescriptionAsksAck()) {
            return false; // MariaDB's send_format_descriptor_event writes it without update_sync_header
        }
        return source.requestAck(end);
    }

    @Override
    public void ackRequestSent() {
        source.ackRequested();
    }

    /**
     * semisync_master.cc Repl_semi_sync_master::flush_net (5.7/8.0 ReplSemiSyncMaster::readSlaveReply):
     * net_flush failed, so it logs and returns without counting a net wait.
     */
    @Override
    public void netFlushFailed() {
        ctx.errorLog().log("semisync-net-flush-failed");
    }

    @Override
    public void transmitStop(long serverId, boolean semisync, boolean shuttingDown, long now) {
        // semisync_source_plugin.cc repl_semi_binlog_dump_end: "semi-sync" or "asynchronous" (MariaDB's
        // semisync_master.cc writes only the first).
        ctx.errorLog().log(semisync ? "semisync-dump-stop" : "async-dump-stop", "server_id", serverId);
        if (!semisync) {
            return;
        }
        source.removeReplica(waitNoReplica(), shuttingDown, now);
    }

    @Override
    public void ackReceived(long serverId, BinlogPosition pos, long now) {
        source.ackPacket(serverId, pos, now);
    }

    // --- status

    /** The status variables the source plugin exports, after {@code Rpl_semi_sync_master_|source_}. */
    public static final java.util.List<String> STATUS_SUFFIXES = java.util.List.of("clients", "net_avg_wait_time",
            "net_wait_time", "net_waits", "no_times", "no_tx", "status", "timefunc_failures", "tx_avg_wait_time",
            "tx_wait_time", "tx_waits", "wait_pos_backtraverse", "wait_sessions", "yes_tx");

    /** The source's status names on {@code flavor}: MariaDB adds its ACK counters (get_ack, request_ack). */
    public static java.util.List<String> statusSuffixes(io.semisyncsim.flavor.Flavor flavor) {
        if (!flavor.semisyncRules().ackCounters()) {
            return STATUS_SUFFIXES;
        }
        java.util.List<String> all = new java.util.ArrayList<>(STATUS_SUFFIXES);
        all.addAll(java.util.List.of("get_ack", "request_ack"));
        return all;
    }

    @Override
    public SortedMap<String, String> status() {
        String p = "Rpl_semi_sync_" + ctx.descriptor().terms().source() + "_";
        SortedMap<String, String> s = new TreeMap<>();
        s.put(p + "clients", Long.toString(source.clients()));
        if (ctx.flavor().semisyncRules().ackCounters()) {
            s.put(p + "get_ack", Long.toString(source.getAck()));
            s.put(p + "request_ack", Long.toString(source.requestAck()));
        }
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
        return source.clients() > 0 ? ctx.flavor().uninstallBlockedBySource() : null;
    }

    @Override
    public void resetMaster() {
        source.resetMaster(now());
    }

    @Override
    public void flushStatus() {
        source.flushStatus();
    }

    /** Shutdown stops the ACK receiver (ack_receiver.stop(): its own last line); semisync is not switched. */
    @Override
    public void shutdown() {
        if (source.isEnabled()) {
            ctx.threads().asAckReceiver(() -> ctx.errorLog().log("ack-receiver-stop"));
            ctx.threads().stopAckReceiver();
        }
    }

    @Override
    public void deinit() {
        if (source.isEnabled()) {
            source.disable(now());
        }
    }

    // --- SemisyncSource.Events: each is a line of the flavour's error log, written by the thread running now

    @Override
    public void enabled() {
        ctx.errorLog().log(enablingAtStart ? "semisync-enabled-at-start" : "semisync-enabled");
        // The ACK receiver logs its start before it has a thread of its own (ack_receiver.cc start()).
        ctx.threads().asNoThread(() -> ctx.errorLog().log("ack-receiver-start"));
        ctx.threads().startAckReceiver();
    }

    @Override
    public void enabledAfterReset() {
        ctx.errorLog().log("semisync-enable-after-reset");
        ctx.errorLog().log("semisync-enabled");
    }

    @Override
    public void disabled() {
        ctx.errorLog().log("semisync-disabled");
        ctx.threads().asAckReceiver(() -> ctx.errorLog().log("ack-receiver-stop"));
        ctx.threads().stopAckReceiver();
    }

    @Override
    public void switchedOff() {
        ctx.errorLog().log("semisync-switched-off");
    }

    @Override
    public void switchedOn(long serverId, BinlogPosition at) {
        ctx.errorLog().log("semisync-switched-on", "server_id", serverId, "file", at.file(), "pos", at.pos());
    }

    @Override
    public void timedOut(BinlogPosition trx, BinlogPosition reply) {
        // reply_file_name_/pos are printed even when not "inited": empty and 0 before any ACK.
        ctx.errorLog().log("semisync-timeout", "file", trx.file(), "pos", trx.pos(), "reply_file",
                reply == null ? "" : reply.file(), "reply_pos", reply == null ? 0 : reply.pos());
    }

    @Override
    public void forcedShutdown() {
        ctx.errorLog().log("semisync-forced-shutdown");
    }

    @Override
    public void released(long waiter, boolean semisync) {
        ctx.releaser().released(waiter, semisync);
    }
}
