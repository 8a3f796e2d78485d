package io.semisyncsim.semisync;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.flavor.SemisyncRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The source side of semisync, MySQL's {@code ReplSemiSyncMaster} (plugin/semisync/semisync_source.cc),
 * as a plain class: no actors, no clock (callers pass {@code now}), no I/O, so every rule is testable.
 *
 * <p>The runtime state {@code state} is {@code Rpl_semi_sync_source_status}:
 * <pre>
 *   OFF --enable(), if wait_no_replica or clients >= wait_for_replica_count--> ON
 *   OFF --an ACK at or past the current commit position (try_switch_on)----> ON
 *   OFF --setWaitNoReplica(true) while enabled (force_switch_on)-----------> ON
 *   ON  --switchOff(): a commit's timeout, the replica count dropping to N-1 with
 *         wait_no_replica=OFF, wait_no_replica=OFF with no clients, disable --> OFF  (no_times++)
 *   OFF --switchOff() again (a disable after a timeout)----------------------> OFF  (no_times++ on MySQL only)
 * </pre>
 * Waiting commits are {@link Waiter}s: {@link #commitTrx} starts one, and ACKs, timeouts, switch-offs
 * and kills release them through {@link Events#released}. Where MariaDB's semisync_master.cc does
 * otherwise than MySQL's semisync_source.cc, the {@link SemisyncRules} say which.
 */
public final class SemisyncSource {

    /** What the plugin shell turns into log lines and wake-ups. */
    public interface Events {
        void enabled();

        void disabled();

        void switchedOff();

        /** {@code serverId}: the replica whose ACK switched it on (MariaDB names it). */
        void switchedOn(long serverId, BinlogPosition at);

        void timedOut(BinlogPosition trx, BinlogPosition reply);

        /** A shutdown removed the last replica while acknowledgements lagged the commits. */
        void forcedShutdown();

        /** A waiting commit may go on; {@code semisync}: it counted as a semisync (yes) transaction. */
        void released(long waiter, boolean semisync);

        /** RESET MASTER enabled the source again (MariaDB's after_reset_master); its ACK receiver kept running. */
        default void enabledAfterReset() {
        }
    }

    /** What commitTrx decided. */
    public sealed interface Wait {
        /** Go on now; {@code counted} false when the plugin was disabled (no yes/no counted). */
        record Proceed(boolean semisync, boolean counted) implements Wait {
        }

        /** Wait for an ACK until {@code deadline} (virtual µs). */
        record Hold(long waiter, long deadline) implements Wait {
        }
    }

    /** A waiting commit, and the active node (flush-group end) it waits on. */
    private record Waiter(long id, BinlogPosition pos, long start, BinlogPosition node) {
    }

    /** An active transaction node: a flush group's end, and how many commits wait on it. */
    private static final class Node {
        int waiters;
    }

    private final Events events;
    private final SemisyncRules rules;
    private boolean enabled;
    private boolean state;
    private int clients;
    private long waitForReplicaCount = 1;
    private BinlogPosition commitPos;
    private BinlogPosition replyPos;
    private boolean replyInited;
    private BinlogPosition waitPos;
    private boolean waitInited;
    private final TreeMap<BinlogPosition, Node> active = new TreeMap<>();
    /** The keys of {@link #active}, for the dump threads' per-event question (looked up, never iterated). */
    private final java.util.HashSet<BinlogPosition> activeEnds = new java.util.HashSet<>();
    private final Map<Long, Waiter> waiters = new TreeMap<>();
    private AckContainer acks = new AckContainer(0);
    private long nextWaiter = 1;

    private long noTimes;
    private long yesTx;
    private long statusFlushes;
    private long resets;
    private long noTx;
    private long timefuncFailures;
    private long waitPosBacktraverse;
    private long txWaits;
    private long txWaitTime;
    private long netWaits;
    private long waitTimeouts;
    /** MariaDB: ACK requests (one per node inserted while ON) and ACK packets received. */
    private long requestAck;
    private long getAck;

    public SemisyncSource(Events events, SemisyncRules rules) {
        this.events = events;
        this.rules = rules;
    }

    /** MySQL's rules. */
    public SemisyncSource(Events events) {
        this(events, SemisyncRules.mysql());
    }

    // --- enable, disable, settings (semisync_source.cc enableMaster / disableMaster / setters)

    /** SET ..._enabled=ON: nothing happens when already on; positions are forgotten. */
    public void enable(boolean waitNoReplica, long count) {
        if (enabled) {
            return;
        }
        enabled = true;
        commitPos = null;
        replyInited = false;
        waitInited = false;
        waitForReplicaCount = count;
        acks = new AckContainer((int) count - 1);
        // Status ON even with zero replicas under the default wait_no_replica=ON (reference s3, "status");
        // MariaDB's enable_master sets it ON whatever the replicas.
        state = rules.enableAlwaysOn() || waitNoReplica || clients >= count;
        events.enabled();
    }

    /** SET ..._enabled=OFF: switch off (releasing every waiter as async), clear the ACK container. */
    public void disable(long now) {
        if (!enabled) {
            return;
        }
        switchOff(now);
        acks.clear();
        enabled = false;
        events.disabled();
    }

    /**
     * SET wait_no_replica: to OFF switches off if no replica is connected; to ON forces status ON
     * (semisync_source.cc set_wait_no_replica). MariaDB's variable has no update hook: nothing happens.
     */
    public void setWaitNoReplica(boolean on, long now) {
        if (!enabled || !rules.waitNoReplicaHook()) {
            return;
        }
        if (!on && clients == 0 && state) {
            switchOff(now);
        } else if (on && !state) {
            state = true; // force_switch_on: no ACK needed
        }
    }

    /** SET wait_for_replica_count: resize the ACK container; a quorum it now holds is reported. */
    public void setWaitForReplicaCount(long count, long now) {
        waitForReplicaCount = count;
        BinlogPosition reported = acks.resize((int) count - 1);
        if (reported != null) {
            reportReplyBinlog(0, reported, now);
        }
    }

    // --- the commit path

    /**
     * after_flush ({@code writeTranxInBinlog}): a flush group was written, its transactions ending at
     * {@code ends}. MySQL makes one active node at the group's end; MariaDB one per transaction, and
     * only while a replica or wait_no_slave could acknowledge it (report_binlog_update).
     */
    public void writeTranxInBinlog(List<BinlogPosition> ends, boolean waitNoReplica,
                                   java.util.function.Consumer<BinlogPosition> outOfOrder) {
        if (!enabled) {
            return;
        }
        BinlogPosition last = ends.get(ends.size() - 1);
        if (commitPos == null || last.compareTo(commitPos) > 0) {
            commitPos = last;
        }
        if (!state || rules.nodePerTransaction() && clients == 0 && !waitNoReplica) {
            return;
        }
        for (BinlogPosition pos : rules.nodePerTransaction() ? ends : List.of(last)) {
            if (!active.isEmpty() && pos.compareTo(active.lastKey()) <= 0) {
                outOfOrder.accept(pos); // "Semi-sync failed to insert tranx_node": warning, then OFF
                return;
            }
            active.put(pos, new Node());
            activeEnds.add(pos);
            requestAck++;
        }
    }

    /**
     * {@code commitTrx}: a commit (AFTER_SYNC: a group's last transaction; AFTER_COMMIT: each one)
     * waits here for an ACK covering {@code pos}, until {@code now + timeoutMicros} at most.
     */
    public Wait commitTrx(BinlogPosition pos, long now, long timeoutMicros, boolean waitNoReplica) {
        if (!enabled) {
            return new Wait.Proceed(false, false);
        }
        if (rules.nodePerTransaction() && clients == 0 && !waitNoReplica) {
            noTx++; // MariaDB commit_trx: nobody to wait for and told not to wait
            cleanUp(pos);
            return new Wait.Proceed(false, true);
        }
        if (!state) {
            noTx++;
            cleanUp(pos);
            return new Wait.Proceed(false, true);
        }
        if (replyInited && replyPos.compareTo(pos) >= 0) {
            yesTx++; // already acknowledged
            cleanUp(pos);
            return new Wait.Proceed(true, true);
        }
        Map.Entry<BinlogPosition, Node> entry = active.ceilingEntry(pos);
        if (entry == null) {
            noTx++; // flushed while OFF: an asynchronous transaction
            return new Wait.Proceed(false, true);
        }
        if (waitInited) {
            if (pos.compareTo(waitPos) <= 0) {
                waitPos = pos;
                waitPosBacktraverse++;
            }
        } else {
            waitPos = pos;
            waitInited = true;
        }
        entry.getValue().waiters++;
        Waiter w = new Waiter(nextWaiter++, pos, now, entry.getKey());
        waiters.put(w.id(), w);
        // A deadline past the clock's range (timeout up to 2^64-1 ms) is no deadline: it waits for ever.
        long deadline = timeoutMicros > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutMicros;
        return new Wait.Hold(w.id(), deadline);
    }

    /**
     * KILL [QUERY] of the waiting session. Either way the kill signals the condition it waits on, a
     * wake-up that counts in tx_waits and tx_wait_time (measured on MariaDB 10.11: +1 and the time
     * waited). MariaDB's loop then checks thd_killed: the wait ends as an asynchronous commit (no_tx),
     * the status unchanged. MySQL's has no check: the session waits again until the same deadline.
     * Returns whether the wait ended.
     */
    public boolean killed(long waiter, long now) {
        Waiter w = waiters.get(waiter);
        if (w == null) {
            return false;
        }
        countWakeUp(w, now);
        if (!rules.killAbortsWait()) {
            return false;
        }
        waiters.remove(waiter);
        leave(w);
        noTx++;
        events.released(w.id(), false);
        cleanUp(w.pos());
        return true;
    }

    /**
     * The waiting thread is signalled without being killed (STOP SLAVE wakes its SQL thread with
     * THD::awake(NOT_KILLED)): the wake-up counts in tx_waits and tx_wait_time, and the loop waits again
     * until the same deadline, passing the minimum-position update once more, which counts a
     * wait_pos_backtraverse for its own position (commit_trx; measured on MariaDB 10.11.18: +1 each, STOP
     * SLAVE answered only after the timeout).
     */
    public void woken(long waiter, long now) {
        Waiter w = waiters.get(waiter);
        if (w == null) {
            return;
        }
        countWakeUp(w, now);
        if (waitInited && w.pos().compareTo(waitPos) <= 0) {
            waitPos = w.pos();
            waitPosBacktraverse++;
        }
    }

    /** A waiter's deadline passed: MySQL's warning, then OFF for everyone (the first timeout decides). */
    public void timeout(long waiter, long now) {
        Waiter w = waiters.remove(waiter);
        if (w == null) {
            return; // released just before its deadline
        }
        leave(w);
        events.timedOut(w.pos(), replyPos);
        waitTimeouts++;
        noTx++;
        switchOff(now);
        events.released(w.id(), false);
        cleanUp(w.pos());
    }

    /**
     * Shutdown wakes a waiting session (close_connections sets it killed). MariaDB's wait aborts (as a
     * KILL: no_tx, no switch-off, nothing logged). MySQL's re-waits, unless no semisync replica is left
     * to answer: then the forced-shutdown warning and OFF (commitTrx's connection_events_loop_aborted).
     */
    public void shutdownWake(long waiter, long now) {
        Waiter w = waiters.get(waiter);
        if (w == null) {
            return;
        }
        if (rules.killAbortsWait()) {
            killed(waiter, now);
            return;
        }
        countWakeUp(w, now);
        if (clients == waitForReplicaCount - 1 && state) {
            events.forcedShutdown();
            switchOff(now);
        }
    }

    // --- ACKs and replicas

    /** An ACK packet read from a replica ({@code reportReplyPacket}): MariaDB counts it in get_ack. */
    public void ackPacket(long serverId, BinlogPosition pos, long now) {
        getAck++;
        handleAck(serverId, pos, now);
    }

    /** An ACK from a replica ({@code handleAck}): counted towards the quorum of distinct servers. */
    public void handleAck(long serverId, BinlogPosition pos, long now) {
        if (waitForReplicaCount == 1) {
            reportReplyBinlog(serverId, pos, now);
        } else {
            BinlogPosition quorum = acks.insert(serverId, pos);
            if (quorum != null) {
                reportReplyBinlog(serverId, quorum, now);
            }
        }
    }

    /** {@code reportReplyBinlog}: a position acknowledged by enough replicas. */
    void reportReplyBinlog(long serverId, BinlogPosition pos, long now) {
        if (!enabled) {
            return;
        }
        if (!state) {
            trySwitchOn(serverId, pos);
        }
        if (!(replyInited && pos.compareTo(replyPos) < 0)) {
            replyPos = pos;
            replyInited = true;
        }
        if (!waiters.isEmpty() && waitInited && replyPos.compareTo(waitPos) >= 0) {
            waitInited = false;
            List<Waiter> covered = new ArrayList<>();
            for (Waiter w : waiters.values()) {
                if (w.pos().compareTo(replyPos) <= 0) {
                    covered.add(w);
                }
            }
            for (Waiter w : covered) {
                wakeUp(w, now);
            }
            // Those not yet covered wait on; the lowest of them is the new wait position.
            for (Waiter w : waiters.values()) {
                if (!waitInited || w.pos().compareTo(waitPos) < 0) {
                    waitPos = w.pos();
                    waitInited = true;
                }
            }
        }
    }

    /** MySQL switches back ON only when an ACK reaches the current commit position (try_switch_on). */
    private void trySwitchOn(long serverId, BinlogPosition pos) {
        if (commitPos == null || pos.compareTo(commitPos) >= 0) {
            state = true;
            events.switchedOn(serverId, pos);
        }
    }

    /** A semisync dump thread started ({@code add_slave}): counted even while disabled. */
    public void addReplica() {
        clients++;
    }

    /**
     * A semisync dump thread ended ({@code remove_slave}). MySQL switches OFF when the count falls to
     * one short of the quorum with wait_no_replica OFF, or at shutdown ({@code shuttingDown}), after
     * the forced-shutdown warning if acknowledgements lag the commits. MariaDB only releases the
     * waiters when the last replica leaves with wait_no_slave OFF: they commit as asynchronous.
     */
    public void removeReplica(boolean waitNoReplica, boolean shuttingDown, long now) {
        clients--;
        if (!enabled || !state) {
            return;
        }
        if (rules.removeReplicaSwitchesOff()) {
            if (clients == waitForReplicaCount - 1 && (!waitNoReplica || shuttingDown)) {
                if (shuttingDown && commitPos != null && (!replyInited || replyPos.compareTo(commitPos) < 0)) {
                    events.forcedShutdown();
                }
                switchOff(now);
            }
        } else if (clients == 0 && !waitNoReplica) {
            for (Waiter w : new ArrayList<>(waiters.values())) {
                countWakeUp(w, now);
                waiters.remove(w.id());
                leave(w);
                noTx++;
                events.released(w.id(), false);
                cleanUp(w.pos());
            }
        }
    }

    /** {@code updateSyncHeader}: whether the dump thread asks the replica to ACK the event ending at {@code pos}. */
    public boolean requestAck(BinlogPosition pos) {
        if (!enabled) {
            return false;
        }
        if (state) {
            if (replyInited && pos.compareTo(replyPos) <= 0) {
                return false;
            }
            if (!waitInited || pos.compareTo(waitPos) >= 0) {
                return activeEnds.contains(pos); // only a flush group's end
            }
            return false;
        }
        // While OFF every event at or past the commit position asks, to catch an ACK that switches ON.
        return commitPos == null || pos.compareTo(commitPos) >= 0;
    }

    /** The dump thread sent an event asking for an ACK (net_flush). */
    public void ackRequested() {
        netWaits++;
    }

    // --- switch off and housekeeping

    /**
     * {@code switch_off}: a switch-off counts in no_times and logs (MySQL every time; MariaDB only from ON);
     * all waiters go on as async.
     */
    public void switchOff(long now) {
        if (state || !rules.switchOffWhenOnOnly()) {
            state = false;
            noTimes++;
            waitInited = false;
            replyInited = false;
            events.switchedOff();
        }
        for (Waiter w : new ArrayList<>(waiters.values())) {
            wakeUp(w, now);
        }
    }

    /** A non-timeout wake-up: the wait counts in tx_waits/tx_wait_time; yes if still ON (it was acked). */
    private void wakeUp(Waiter w, long now) {
        waiters.remove(w.id());
        leave(w);
        countWakeUp(w, now);
        boolean semisync = state;
        if (semisync) {
            yesTx++;
        } else {
            noTx++;
        }
        events.released(w.id(), semisync);
        cleanUp(w.pos());
    }

    /** A wake-up that was not the timeout: tx_waits and tx_wait_time (measured from the first wait). */
    private void countWakeUp(Waiter w, long now) {
        long waited = now - w.start();
        if (waited < 0) {
            timefuncFailures++;
        } else {
            txWaits++;
            txWaitTime += waited;
        }
    }

    private void leave(Waiter w) {
        Node node = active.get(w.node());
        if (node != null) {
            node.waiters--;
        }
    }

    /** Drops active nodes up to {@code pos} that nobody waits on. */
    private void cleanUp(BinlogPosition pos) {
        for (var it = active.headMap(pos, true).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<BinlogPosition, Node> e = it.next();
            if (e.getValue().waiters > 0) {
                return;
            }
            activeEnds.remove(e.getKey());
            it.remove();
        }
    }

    /**
     * RESET MASTER ({@code resetMaster}): positions and counters start over; clients stay. MySQL keeps the
     * state; MariaDB disables an enabled source first (switch_off: waiters go on) and enables it again after,
     * status ON (before_reset_master, after_reset_master).
     */
    public void resetMaster(long now) {
        if (rules.resetMasterReenables() && enabled) {
            switchOff(now);
            events.enabledAfterReset();
            state = true;
        }
        acks.clear();
        commitPos = null;
        replyInited = false;
        waitInited = false;
        active.clear();
        activeEnds.clear();
        zeroCounters();
        resets++;
    }

    /**
     * FLUSH STATUS zeroes the plugin's SHOW_LONG counters (sql_show.cc reset_status_vars); the SHOW_FUNC
     * ones (waits, wait times, net_waits, MariaDB's ack counters) survive. Measured on MariaDB 10.11.
     */
    public void flushStatus() {
        statusFlushes++;
        for (String counter : rules.flushStatusResets()) {
            switch (counter) {
                case "yes_tx" -> yesTx = 0;
                case "no_tx" -> noTx = 0;
                case "no_times" -> noTimes = 0;
                case "timefunc_failures" -> timefuncFailures = 0;
                case "wait_pos_backtraverse" -> waitPosBacktraverse = 0;
                default -> throw new IllegalArgumentException("FLUSH STATUS cannot reset " + counter);
            }
        }
    }

    private void zeroCounters() {
        yesTx = 0;
        noTx = 0;
        noTimes = 0;
        timefuncFailures = 0;
        waitPosBacktraverse = 0;
        txWaits = 0;
        txWaitTime = 0;
        netWaits = 0;
    }

    // --- what the status variables show

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isOn() {
        return state;
    }

    public int clients() {
        return clients;
    }

    public long noTimes() {
        return noTimes;
    }

    /**
     * How many FLUSH STATUS resets this instance has had, a client's or one its server's SQL thread applied
     * from the binary log: a reader of the counters tells a reset from a counter going down by it.
     */
    public long statusFlushes() {
        return statusFlushes;
    }

    /**
     * How many RESET MASTERs this instance has had. A reader tells the reset by it, not by the statement's
     * text: RESET MASTER may wait (for the engine's redo flush) after it is sent, and the counters and
     * positions start over only when it runs.
     */
    public long resets() {
        return resets;
    }

    public long yesTx() {
        return yesTx;
    }

    public long noTx() {
        return noTx;
    }

    public long timefuncFailures() {
        return timefuncFailures;
    }

    public long waitPosBacktraverse() {
        return waitPosBacktraverse;
    }

    public long txWaits() {
        return txWaits;
    }

    public long txWaitTime() {
        return txWaitTime;
    }

    public long netWaits() {
        return netWaits;
    }

    public int waitSessions() {
        return waiters.size();
    }

    public long waitTimeouts() {
        return waitTimeouts;
    }

    public long requestAck() {
        return requestAck;
    }

    public long getAck() {
        return getAck;
    }

    /** Whether this waiter's session still waits. */
    public boolean waiting(long waiter) {
        return waiters.containsKey(waiter);
    }

    public BinlogPosition replyPosition() {
        return replyPos;
    }
}
