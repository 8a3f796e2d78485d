package io.semisyncsim.semisync;

import io.semisyncsim.binlog.BinlogPosition;
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
 * </pre>
 * Waiting commits are {@link Waiter}s: {@link #commitTrx} starts one, and ACKs, timeouts and
 * switch-offs release them through {@link Events#released}.
 */
public final class SemisyncSource {

    /** What the plugin shell turns into log lines and wake-ups. */
    public interface Events {
        void enabled();

        void disabled();

        void switchedOff();

        void switchedOn(BinlogPosition at);

        void timedOut(BinlogPosition trx, BinlogPosition reply);

        /** A waiting commit may go on; {@code semisync}: it counted as a semisync (yes) transaction. */
        void released(long waiter, boolean semisync);
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
    private final Map<Long, Waiter> waiters = new TreeMap<>();
    private AckContainer acks = new AckContainer(0);
    private long nextWaiter = 1;

    private long noTimes;
    private long yesTx;
    private long noTx;
    private long timefuncFailures;
    private long waitPosBacktraverse;
    private long txWaits;
    private long txWaitTime;
    private long netWaits;
    private long waitTimeouts;

    public SemisyncSource(Events events) {
        this.events = events;
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
        // Status ON even with zero replicas under the default wait_no_replica=ON (reference s3, "status").
        state = waitNoReplica || clients >= count;
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

    /** SET wait_no_replica: to OFF switches off if no replica is connected; to ON forces status ON. */
    public void setWaitNoReplica(boolean on, long now) {
        if (!enabled) {
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
            reportReplyBinlog(reported, now);
        }
    }

    // --- the commit path

    /** after_flush ({@code writeTranxInBinlog}): a flush group ends at {@code pos}. */
    public void writeTranxInBinlog(BinlogPosition pos, Runnable outOfOrder) {
        if (!enabled) {
            return;
        }
        if (commitPos == null || pos.compareTo(commitPos) > 0) {
            commitPos = pos;
        }
        if (state) {
            if (!active.isEmpty() && pos.compareTo(active.lastKey()) <= 0) {
                outOfOrder.run(); // "Semi-sync failed to insert tranx_node": warning, then OFF
                return;
            }
            active.put(pos, new Node());
        }
    }

    /**
     * {@code commitTrx}: a commit (AFTER_SYNC: a group's last transaction; AFTER_COMMIT: each one)
     * waits here for an ACK covering {@code pos}, until {@code now + timeoutMicros} at most.
     */
    public Wait commitTrx(BinlogPosition pos, long now, long timeoutMicros) {
        if (!enabled) {
            return new Wait.Proceed(false, false);
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
        return new Wait.Hold(w.id(), now + timeoutMicros);
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

    // --- ACKs and replicas

    /** An ACK from a replica ({@code handleAck}): counted towards the quorum of distinct servers. */
    public void handleAck(long serverId, BinlogPosition pos, long now) {
        if (waitForReplicaCount == 1) {
            reportReplyBinlog(pos, now);
        } else {
            BinlogPosition quorum = acks.insert(serverId, pos);
            if (quorum != null) {
                reportReplyBinlog(quorum, now);
            }
        }
    }

    /** {@code reportReplyBinlog}: a position acknowledged by enough replicas. */
    void reportReplyBinlog(BinlogPosition pos, long now) {
        if (!enabled) {
            return;
        }
        if (!state) {
            trySwitchOn(pos);
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
    private void trySwitchOn(BinlogPosition pos) {
        if (commitPos == null || pos.compareTo(commitPos) >= 0) {
            state = true;
            events.switchedOn(pos);
        }
    }

    /** A semisync dump thread started ({@code add_slave}): counted even while disabled. */
    public void addReplica() {
        clients++;
    }

    /** A semisync dump thread ended ({@code remove_slave}). */
    public void removeReplica(boolean waitNoReplica, long now) {
        clients--;
        if (enabled && state && clients == waitForReplicaCount - 1 && !waitNoReplica) {
            switchOff(now);
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
                return active.containsKey(pos); // only a flush group's end
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

    /** {@code switch_off}: every switch-off counts in no_times and logs; all waiters go on as async. */
    public void switchOff(long now) {
        state = false;
        noTimes++;
        waitInited = false;
        replyInited = false;
        events.switchedOff();
        for (Waiter w : new ArrayList<>(waiters.values())) {
            wakeUp(w, now);
        }
    }

    /** A non-timeout wake-up: the wait counts in tx_waits/tx_wait_time; yes if still ON (it was acked). */
    private void wakeUp(Waiter w, long now) {
        waiters.remove(w.id());
        leave(w);
        long waited = now - w.start();
        if (waited < 0) {
            timefuncFailures++;
        } else {
            txWaits++;
            txWaitTime += waited;
        }
        boolean semisync = state;
        if (semisync) {
            yesTx++;
        } else {
            noTx++;
        }
        events.released(w.id(), semisync);
        cleanUp(w.pos());
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
            if (it.next().getValue().waiters > 0) {
                return;
            }
            it.remove();
        }
    }

    /** RESET MASTER ({@code resetMaster}): positions and counters start over; state and clients stay. */
    public void resetMaster() {
        acks.clear();
        commitPos = null;
        replyInited = false;
        waitInited = false;
        active.clear();
        zeroCounters();
    }

    /** FLUSH STATUS resets the plain counters (SHOW_LONG variables); see docs/MYSQL-CHOICES.md. */
    public void flushStatus() {
        zeroCounters();
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

    public BinlogPosition replyPosition() {
        return replyPos;
    }
}
