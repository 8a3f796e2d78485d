package io.semisyncsim.server;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.GroupCommit;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.server.plugin.CommitObserver;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commit path of one mysqld as a plain class: binlog group commit, and the commits the plugins
 * hold on it, any number at a time (MariaDB's AFTER_COMMIT sessions wait side by side; MySQL's AFTER_SYNC
 * leader waits holding the commit lock). Plugins are looked up at every hook, so an uninstalled one is
 * no longer asked, and every installed observer is. Time, timers and the clients' answers are the
 * caller's, through {@link Effects}: this class only decides.
 */
public final class CommitCoordinator implements GroupCommit.Hooks {

    /** What the coordinator asks of the actor that drives it. */
    public interface Effects {
        /** Call {@link #done} with the work's stage after its micros. */
        void schedule(GroupCommit.Work work);

        /**
         * A plugin holds {@code waiter}'s commit at {@code point} for an ACK of {@code pos}: call
         * {@link #deadlinePassed} at {@code deadline} (virtual µs; Long.MAX_VALUE: never).
         */
        void held(long waiter, CommitObserver.Point point, BinlogPosition pos, long deadline);

        /** The wait ended before its deadline ({@code semisync}: acknowledged): the timer goes. */
        void released(long waiter, boolean semisync);

        /** binlog_end_pos moved: dump threads may send more. */
        void published();

        /** The engine committed the transaction: other sessions see it from now on. */
        void visible(Transaction trx);

        /** The transaction's client gets OK; {@code semisync}: a replica acknowledged it first. */
        void answer(Committer committer, Transaction trx, BinlogPosition end, boolean semisync);
    }

    /** Who committed a transaction: the session's thread id and what the caller answers it with. */
    public record Committer(long thread, Object reply) {
    }

    /** A commit a plugin holds: the transaction whose thread waits, and whether at after_sync. */
    private record Wait(long waiter, GroupCommit.Pending trx, boolean atSync, BinlogPosition pos,
                        CommitObserver observer, String stateBefore) {
    }

    private final Mysqld server;
    private final Effects effects;
    private final GroupCommit groupCommit;
    private final Map<Long, Wait> waits = new TreeMap<>();
    /** The after_sync decisions not yet given to their transactions: acknowledged or not, by position. */
    private final TreeMap<BinlogPosition, Boolean> syncDecisions = new TreeMap<>();
    /** Whether each transaction past the commit stage was acknowledged; looked up only, never iterated. */
    // By identity: a Pending is a record whose hash would walk the transaction's row changes at every
    // lookup, and the same instance goes through every stage.
    private final Map<GroupCommit.Pending, Boolean> semisync = new IdentityHashMap<>();

    public CommitCoordinator(Mysqld server, GroupCommit.Settings settings, Effects effects) {
        this.server = server;
        this.effects = effects;
        var rules = server.flavor().semisyncRules();
        this.groupCommit = new GroupCommit(server.binlog(), settings,
                GroupCommit.AfterSyncWait.valueOf(rules.afterSyncWait()),
                GroupCommit.AfterCommitWait.valueOf(rules.afterCommitWait()),
                GroupCommit.LogLock.valueOf(rules.logLock()), this);
    }

    /** Whether LOCK_log was held after the last step: a statement that waits for it can only wake as it goes. */
    private boolean logLockWasHeld;

    /** Whether a group commit leader holds the binary log's lock now. */
    public boolean logLockHeld() {
        return groupCommit.logLockHeld();
    }

    public void setSettings(GroupCommit.Settings settings) {
        groupCommit.setSettings(settings);
    }

    /**
     * A session's COMMIT (or autocommit statement) enters group commit, and gets its GTID: in commit
     * order, as MySQL numbers a flush group's transactions (assign_automatic_gtids_to_flush_group) and
     * MariaDB its (the flush queue is first come, first served, so entering and flushing keep one order).
     * Returns the transaction as it will be logged.
     */
    public Transaction submit(Transaction trx, Committer committer) {
        Threads.Thread t = server.threads().find(committer.thread());
        if (t != null) {
            t.state(server.flavor().threadStyle().commitQueuedState());
        }
        Transaction stamped = server.gtids().stamp(trx);
        schedule(groupCommit.submit(new GroupCommit.Pending(stamped, committer)));
        return stamped;
    }

    /**
     * A replica's SQL thread commits a transaction it applied and logs (log_slave_updates): through group
     * commit, as the applier's commit goes through ordered_commit (MariaDB's trx_group_commit_leader), so
     * a commit observer may hold it as it holds a client's ({@link Mysqld#commitsAppliedThroughGroupCommit}).
     * It keeps its source's GTID; {@code how}: how it is logged.
     */
    public void submitReplicated(Transaction trx, Committer applier, GroupCommit.Replicated how) {
        Threads.Thread t = server.threads().find(applier.thread());
        if (t != null) {
            t.state(server.flavor().threadStyle().commitQueuedState());
        }
        schedule(groupCommit.submit(new GroupCommit.Pending(trx, applier, how)));
    }

    /**
     * MariaDB's group commit counters (log.cc binlog_status_vars_detail): transactions written, groups, and
     * why each group's leader let it go; a row lock a queued transaction waits for is not modelled (0).
     */
    public java.util.Map<String, String> binlogStatus() {
        return binlogStatus(groupCommit.transactionsWritten(), groupCommit.flushGroups(), groupCommit.triggerCount(),
                groupCommit.triggerTimeout());
    }

    /** The counters, in the order the server declares and shows them (an array, not sorted by name). */
    public static final List<String> BINLOG_STATUS = List.of("Binlog_commits", "Binlog_group_commits",
            "Binlog_group_commit_trigger_count", "Binlog_group_commit_trigger_lock_wait",
            "Binlog_group_commit_trigger_timeout");

    /** The counters with these values; lock_wait is always 0. */
    public static java.util.Map<String, String> binlogStatus(long commits, long groups, long count, long timeout) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        long[] values = {commits, groups, count, 0, timeout};
        for (int i = 0; i < values.length; i++) {
            out.put(BINLOG_STATUS.get(i), Long.toString(values[i]));
        }
        return out;
    }

    /** Where {@code name} stands among {@link #BINLOG_STATUS}, case aside; -1 when it is not one of them. */
    public static int binlogStatusIndex(String name) {
        for (int i = 0; i < BINLOG_STATUS.size(); i++) {
            if (BINLOG_STATUS.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A stage's time is up; {@code token}: its work's. */
    public void done(GroupCommit.Stage stage, long token) {
        schedule(groupCommit.done(stage, token));
    }

    private void schedule(List<GroupCommit.Work> work) {
        for (GroupCommit.Work w : work) {
            effects.schedule(w);
        }
        boolean held = groupCommit.logLockHeld();
        if (logLockWasHeld && !held) {
            server.waits().binlogLockReleased(); // a statement set aside for LOCK_log looks again
        }
        logLockWasHeld = held;
    }

    // --- the hooks: every commit observer installed now decides

    @Override
    public void afterFlush(List<BinlogPosition> transactionEnds) {
        for (CommitObserver o : server.plugins(CommitObserver.class)) {
            runAs(thread(null), () -> o.afterFlush(transactionEnds));
        }
    }

    @Override
    public void published(BinlogPosition readableEnd) {
        effects.published();
    }

    @Override
    public boolean afterSync(GroupCommit.Pending leader, BinlogPosition pos) {
        Boolean acked = decide(CommitObserver.Point.AFTER_SYNC, leader, pos);
        if (acked == null) {
            return false;
        }
        syncDecisions.put(pos, acked);
        return true;
    }

    @Override
    public boolean afterCommit(GroupCommit.Pending trx, BinlogPosition end) {
        Boolean acked = decide(CommitObserver.Point.AFTER_COMMIT, trx, end);
        if (acked == null) {
            return false;
        }
        if (acked) {
            semisync.put(trx, true);
        }
        return true;
    }

    /**
     * Asks every observer whether {@code trx}'s thread waits at {@code point}: null when one holds it
     * (its deadline set), else whether it counted as acknowledged.
     */
    private Boolean decide(CommitObserver.Point point, GroupCommit.Pending trx, BinlogPosition pos) {
        boolean acked = false;
        List<CommitObserver> observers = server.plugins(CommitObserver.class);
        for (int i = 0; i < observers.size(); i++) { // per transaction and point: no iterator
            CommitObserver o = observers.get(i);
            long thread = thread(trx);
            CommitObserver.Decision d = server.callAs(thread, () -> o.atCommitPoint(point, pos, server.now()));
            if (d instanceof CommitObserver.Decision.Hold hold) {
                Threads.Thread t = server.threads().find(thread);
                String before = t == null ? null : t.state();
                if (t != null) {
                    t.state(o.waitState());
                }
                waits.put(hold.waiter(), new Wait(hold.waiter(), trx, point == CommitObserver.Point.AFTER_SYNC, pos, o,
                        before));
                effects.held(hold.waiter(), point, pos, hold.deadline()); // MAX_VALUE: a timeout beyond the clock
                return null;
            }
            if (d instanceof CommitObserver.Decision.Proceed p) {
                acked |= p.semisync();
            }
        }
        return acked;
    }

    /** A plugin let a held commit go ({@code semisync}: it was acknowledged). */
    public void released(long waiter, boolean acked) {
        Wait w = waits.remove(waiter);
        if (w == null) {
            return; // a waiter of a commit that died with a crash or a shutdown
        }
        effects.released(waiter, acked); // an ACK (or a timeout's switch-off) came: the timed wait ends
        Threads.Thread t = server.threads().find(thread(w.trx()));
        if (t != null && w.stateBefore() != null) {
            t.state(w.stateBefore());
        }
        if (w.atSync()) {
            syncDecisions.put(w.pos(), acked);
            schedule(groupCommit.releaseAfterSync());
        } else {
            if (acked) {
                semisync.put(w.trx(), true);
            }
            groupCommit.releaseAfterCommit(w.trx());
        }
    }

    /** A held commit's deadline passed: its observer decides (MySQL's timeout switches semisync OFF). */
    public void deadlinePassed(long waiter) {
        Wait w = waits.get(waiter);
        if (w != null) {
            runAs(thread(w.trx()), () -> w.observer().deadlinePassed(waiter, server.now()));
        }
    }

    /** KILL [QUERY] of thread {@code thread}: an observer holding its wait decides what that does. */
    public void killed(long thread) {
        for (Wait w : new ArrayList<>(waits.values())) {
            if (thread(w.trx()) == thread) {
                runAs(thread, () -> w.observer().killed(w.waiter(), server.now()));
            }
        }
    }

    /** Thread {@code thread} is woken without being killed (STOP SLAVE of a SQL thread that waits). */
    public void woken(long thread) {
        for (Wait w : new ArrayList<>(waits.values())) {
            if (thread(w.trx()) == thread) {
                runAs(thread, () -> w.observer().woken(w.waiter(), server.now()));
            }
        }
    }

    /** A clean shutdown wakes every waiting session of thread {@code thread} (close_connections phase 1). */
    public void shutdownWake(long thread) {
        for (Wait w : new ArrayList<>(waits.values())) {
            if (thread(w.trx()) == thread) {
                runAs(thread, () -> w.observer().shutdownWake(w.waiter(), server.now()));
            }
        }
    }

    /** Threads whose sessions wait for an ACK now (SHOW PROCESSLIST shows the wait state on them). */
    public int waiting() {
        return waits.size();
    }

    @Override
    public void engineCommitted(GroupCommit.Pending trx, BinlogPosition end) {
        server.store().apply(trx.transaction()); // visible to other sessions from now on
        server.recordLocks().release(thread(trx)); // trx_commit lets its rows go: after the ACK under AFTER_SYNC
        if (trx.replicated() != null) {
            server.gtids().replicated(trx.transaction(), true);
        } else {
            server.gtids().committed(trx.transaction()); // gtid_executed grows at the engine commit
        }
        effects.visible(trx.transaction());
        Map.Entry<BinlogPosition, Boolean> decision = syncDecisions.ceilingEntry(end);
        if (decision != null && decision.getValue()) {
            semisync.put(trx, true);
        }
        // The decisions up to this end are spent: removed from the front, no view or iterator per commit.
        for (BinlogPosition first; !syncDecisions.isEmpty() && (first = syncDecisions.firstKey()).compareTo(end) <= 0; ) {
            syncDecisions.remove(first);
        }
    }

    @Override
    public void committed(GroupCommit.Pending trx, BinlogPosition end) {
        Boolean acked = semisync.remove(trx);
        effects.answer((Committer) trx.client(), trx.transaction(), end, acked != null && acked);
    }

    /**
     * A crash: the transactions written to the binlog but not committed in the engine (prepared), with
     * their ends, in binlog order. Nothing else of the commit path survives.
     */
    public List<GroupCommit.Pending> crash(List<BinlogPosition> endsOut) {
        List<GroupCommit.Pending> prepared = groupCommit.prepared(endsOut);
        waits.clear();
        syncDecisions.clear();
        semisync.clear();
        return prepared;
    }

    public boolean idle() {
        return groupCommit.idle();
    }

    private long thread(GroupCommit.Pending trx) {
        return trx == null ? server.currentThread() : ((Committer) trx.client()).thread();
    }

    private void runAs(long thread, Runnable code) {
        server.runAs(thread, code);
    }
}
