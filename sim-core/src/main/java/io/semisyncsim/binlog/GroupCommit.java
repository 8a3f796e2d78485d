package io.semisyncsim.binlog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Binlog group commit ({@code MYSQL_BIN_LOG::ordered_commit}, MariaDB's
 * {@code trx_group_commit_leader}) as a plain state machine. Each stage has a queue and a leader; while
 * a stage is busy, arrivals queue and go through together next time, which is how concurrent clients
 * form groups.
 * <pre>
 *   submit -> FLUSH  (write the group's events; after_flush with every transaction's end;
 *                     sync_binlog != 1: publish)
 *          -> SYNC   (binlog_group_commit_sync_delay, fsync per sync_binlog; sync_binlog = 1: publish)
 *          -> COMMIT (the leader waits at after_sync, holding the commit lock: once per group at its
 *                     last transaction (MySQL), or for each transaction in turn (MariaDB); then the
 *                     engine commit, and the transactions are visible)
 *          -> AFTER_COMMIT (after_commit for each transaction, then its client's OK; who waits, and
 *                     whether later groups wait behind, is the flavour's {@link AfterCommitWait})
 * </pre>
 * The binary log's lock (LOCK_log) is held by the flush stage, and under MariaDB's shape until the group's
 * leader holds the after_sync lock ({@link LogLock}); the next flush, and the statements that read the log's
 * end, wait for it ({@link #logLockHeld}).
 * Time is the caller's: a returned {@link Work} asks it to call {@link #done} after that many µs. A
 * hook that returns false holds its transaction until the caller releases it.
 */
public final class GroupCommit {

    /** WAIT: MariaDB's leader waiting for more commits to join its group (binlog_commit_wait_count). */
    public enum Stage { FLUSH, SYNC, COMMIT, WAIT }

    /**
     * The caller must call {@code done(stage, token)} after {@code micros} of virtual time; {@code token}
     * tells a WAIT that already ended (its group filled first) from the current one.
     */
    public record Work(Stage stage, long micros, long token) {
        public Work(Stage stage, long micros) {
            this(stage, micros, 0);
        }
    }

    /** How long a group's leader holds the binary log's lock, LOCK_log. */
    public enum LogLock {
        /** For the flush stage only: the sync and commit stages have locks of their own (binlog.cc ordered_commit). */
        FLUSH_STAGE,
        /**
         * Through the write and the sync, until the leader holds LOCK_after_binlog_sync (MariaDB log.cc
         * trx_group_commit_leader takes it before it lets LOCK_log go): a group written while another waits at
         * after_sync keeps LOCK_log, so no third group is written and SHOW MASTER STATUS waits (measured on
         * 10.11.18).
         */
        UNTIL_AFTER_SYNC
    }

    /**
     * A transaction waiting to commit, with what the caller needs to answer its client; {@code replicated}:
     * one a replica's SQL thread applied and logs (log_slave_updates), written as it arrived, else null.
     */
    public record Pending(Transaction transaction, Object client, Replicated replicated) {
        public Pending(Transaction transaction, Object client) {
            this(transaction, client, null);
        }
    }

    /** How a replicated transaction is logged: {@link BinaryLog#writeReplicated}'s arguments. */
    public record Replicated(boolean asRows, boolean annotated, Transaction.Logging applier) {
    }

    /** How the commit leader waits at after_sync (semisync AFTER_SYNC). */
    public enum AfterSyncWait {
        /** Once per commit group, for its last transaction (binlog.cc call_after_sync_hook). */
        PER_GROUP,
        /** For each transaction of the group in turn (MariaDB log.cc trx_group_commit_leader). */
        PER_TRANSACTION
    }

    /** Who runs after_commit (semisync AFTER_COMMIT), and who waits behind a held one. */
    public enum AfterCommitWait {
        /**
         * One after-commit stage at a time: its leader runs each session's hook in turn, holding
         * LOCK_after_commit; later groups queue for the stage while their engine commits go on
         * (MySQL 8.0 process_after_commit_stage_queue).
         */
        STAGE_LEADER,
        /** Each group's leader runs its sessions' hooks in turn, groups side by side (MySQL 5.7). */
        GROUP_LEADER,
        /** Every session runs its own hook, all side by side (MariaDB ha_commit_trans). */
        EACH_SESSION
    }

    /** What the server and its plugins do at the hook points. */
    public interface Hooks {
        /** After the flush stage, once per flush group, with each of its transactions' ends in order. */
        void afterFlush(List<BinlogPosition> transactionEnds);

        /** binlog_end_pos moved: dump threads may send up to it. */
        void published(BinlogPosition readableEnd);

        /**
         * The commit leader {@code leader} waits for the transaction ending at {@code pos}. Returns false
         * to hold the commit stage until {@link #releaseAfterSync()}.
         */
        boolean afterSync(Pending leader, BinlogPosition pos);

        /** After the engine commit, for one transaction. Returns false to hold it until {@link #releaseAfterCommit}. */
        boolean afterCommit(Pending trx, BinlogPosition end);

        /** The engine committed the transaction: other sessions can see it now. */
        void engineCommitted(Pending trx, BinlogPosition end);

        /** The transaction's client gets OK. */
        void committed(Pending trx, BinlogPosition end);
    }

    /**
     * What the stages cost and the sync settings they honour; {@code commitWaitCount} and
     * {@code commitWaitMicros}: MariaDB's binlog_commit_wait_count and binlog_commit_wait_usec (0: no wait).
     */
    public record Settings(long writePerTransaction, long fsync, long engineCommitPerTransaction, long syncBinlog,
                           long syncDelay, long commitWaitCount, long commitWaitMicros) {
        public Settings(long writePerTransaction, long fsync, long engineCommitPerTransaction, long syncBinlog,
                        long syncDelay) {
            this(writePerTransaction, fsync, engineCommitPerTransaction, syncBinlog, syncDelay, 0, 0);
        }
    }

    /** {@code flushGroups}: the flush groups it is made of (a sync or commit leader takes several together). */
    private record Group(List<Pending> members, List<BinlogPosition> ends, int flushGroups) {
        Group(List<Pending> members, List<BinlogPosition> ends) {
            this(members, ends, 1);
        }

        BinlogPosition lastEnd() {
            return ends.get(ends.size() - 1);
        }
    }

    /** Transactions whose after_commit hooks one thread runs in turn; {@code held}: the current one waits. */
    private static final class AfterCommitRun {
        final Group group;
        int next;
        boolean held;

        AfterCommitRun(Group group) {
            this.group = group;
        }
    }

    private final BinaryLog binlog;
    private final Hooks hooks;
    private final AfterSyncWait afterSyncWait;
    private final AfterCommitWait afterCommitWait;
    private final LogLock logLock;
    private Settings settings;
    private final ArrayDeque<Pending> flushQueue = new ArrayDeque<>();
    private final ArrayDeque<Group> syncQueue = new ArrayDeque<>();
    private final ArrayDeque<Group> commitQueue = new ArrayDeque<>();
    private List<Pending> flushing;
    private Group syncing;
    private Group committing;
    /** The after_sync waits of the committing group still to go, and whether the current one holds. */
    private int nextAfterSync;
    private boolean heldAtSync;
    private boolean fsyncing;
    /** Whether the committing group's engine commit ran (its members are visible, durable). */
    private boolean engineDone;
    /** Groups waiting for the after-commit stage (STAGE_LEADER only). */
    private final ArrayDeque<Group> afterCommitQueue = new ArrayDeque<>();
    private final List<AfterCommitRun> afterCommitRuns = new ArrayList<>();
    private long groupsSinceFsync;
    private long flushGroups;
    private long commitGroups;
    /** The longest binlog_commit_wait_usec timed: a year of virtual time, longer than any step of a scenario. */
    private static final long MAX_WAIT = 365L * 24 * 3600 * 1_000_000;
    /** The flush leader waits for more commits (log.cc wait_for_sufficient_commits); the current wait's token. */
    private boolean waitingForCommits;
    private long waitToken;
    /** Transactions written, and why groups were let go: enough commits, or the wait's end (MariaDB's status). */
    private long transactionsWritten;
    private long triggerCount;
    private long triggerTimeout;

    public GroupCommit(BinaryLog binlog, Settings settings, AfterSyncWait afterSyncWait,
                       AfterCommitWait afterCommitWait, Hooks hooks) {
        this(binlog, settings, afterSyncWait, afterCommitWait, LogLock.FLUSH_STAGE, hooks);
    }

    public GroupCommit(BinaryLog binlog, Settings settings, AfterSyncWait afterSyncWait,
                       AfterCommitWait afterCommitWait, LogLock logLock, Hooks hooks) {
        this.binlog = binlog;
        this.settings = settings;
        this.afterSyncWait = afterSyncWait;
        this.afterCommitWait = afterCommitWait;
        this.logLock = logLock;
        this.hooks = hooks;
    }

    /**
     * Whether a leader holds LOCK_log: a group is being written, or (MariaDB) written and not yet past the
     * sync stage into after_sync. What needs the lock waits (the next flush here; SHOW MASTER STATUS, SHOW
     * BINARY LOGS, SHOW BINLOG EVENTS, FLUSH BINARY LOGS in the server).
     */
    public boolean logLockHeld() {
        return flushing != null || logLock == LogLock.UNTIL_AFTER_SYNC
                && (syncing != null || !syncQueue.isEmpty() || !commitQueue.isEmpty());
    }

    public void setSettings(Settings settings) {
        this.settings = settings;
    }

    /** A client's COMMIT arrives. */
    public List<Work> submit(Pending trx) {
        flushQueue.addLast(trx);
        List<Work> work = new ArrayList<>();
        startFlush(work);
        return work;
    }

    /** A stage's time is up. */
    public List<Work> done(Stage stage) {
        return done(stage, 0);
    }

    /** A stage's time is up; {@code token}: the one its {@link Work} carried. */
    public List<Work> done(Stage stage, long token) {
        List<Work> work = new ArrayList<>();
        switch (stage) {
            case FLUSH -> finishFlush(work);
            case SYNC -> finishSync(work);
            case COMMIT -> finishEngineCommit(work);
            case WAIT -> {
                if (waitingForCommits && token == waitToken) {
                    waitingForCommits = false;
                    triggerTimeout++;
                    takeFlushGroup(work);
                }
            }
        }
        return work;
    }

    /**
     * The flush leader takes every transaction queued. With binlog_commit_wait_count, MariaDB's leader first
     * waits until that many are queued or binlog_commit_wait_usec passed (log.cc wait_for_sufficient_commits).
     */
    private void startFlush(List<Work> work) {
        if (logLockHeld() || flushQueue.isEmpty()) {
            return;
        }
        long wanted = settings.commitWaitCount(); // unsigned: past 2^63 it reads negative here
        if (wanted != 0) {
            if (Long.compareUnsigned(flushQueue.size(), wanted) < 0) {
                if (!waitingForCommits) {
                    waitingForCommits = true;
                    long micros = settings.commitWaitMicros();
                    if (micros >= 0 && micros <= MAX_WAIT) { // past it, the wait outlasts any run: no timer
                        work.add(new Work(Stage.WAIT, micros, ++waitToken));
                    }
                }
                return;
            }
            waitingForCommits = false;
            triggerCount++;
        }
        takeFlushGroup(work);
    }

    private void takeFlushGroup(List<Work> work) {
        flushing = new ArrayList<>(flushQueue);
        flushQueue.clear();
        work.add(new Work(Stage.FLUSH, settings.writePerTransaction() * flushing.size()));
    }

    private void finishFlush(List<Work> work) {
        List<BinlogPosition> ends = new ArrayList<>();
        // MariaDB names a group of several by its leader (trx_group_commit_leader: commit_id), in each Gtid event
        long commitId = flushing.size() > 1 ? flushing.get(0).transaction().id() : 0;
        for (Pending p : flushing) {
            Replicated r = p.replicated();
            List<BinlogEvent> events = r == null ? binlog.write(p.transaction(), false, commitId)
                    : binlog.writeReplicated(p.transaction(), r.asRows(), r.annotated(), r.applier());
            BinlogPosition end = events.get(events.size() - 1).end();
            binlog.xidWritten();
            ends.add(end);
        }
        binlog.rotateIfFull();
        Group group = new Group(flushing, ends);
        flushing = null;
        hooks.afterFlush(group.ends());
        if (settings.syncBinlog() != 1) {
            binlog.publishWritten();
            hooks.published(binlog.readableEnd());
        }
        syncQueue.addLast(group);
        startSync(work);
        startFlush(work);
    }

    private void startSync(List<Work> work) {
        if (syncing != null || syncQueue.isEmpty()) {
            return;
        }
        // The sync leader takes every flush group queued behind it: one fsync covers them all.
        syncing = merge(syncQueue);
        boolean fsync = settings.syncBinlog() > 0 && ++groupsSinceFsync >= settings.syncBinlog();
        if (fsync) {
            groupsSinceFsync = 0;
        }
        // sync_binlog=0 leaves syncing to the OS: modelled as losing nothing in a crash (MYSQL-CHOICES).
        fsyncing = fsync || settings.syncBinlog() == 0;
        work.add(new Work(Stage.SYNC, settings.syncDelay() + (fsync ? settings.fsync() : 0)));
    }

    private void finishSync(List<Work> work) {
        Group group = syncing;
        syncing = null;
        if (fsyncing) {
            binlog.markSynced();
            fsyncing = false;
        }
        if (settings.syncBinlog() == 1) {
            binlog.publishUpTo(group.lastEnd());
            hooks.published(binlog.readableEnd());
        }
        commitQueue.addLast(group);
        startCommit(work);
        startSync(work);
    }

    private void startCommit(List<Work> work) {
        if (committing != null || commitQueue.isEmpty()) {
            return;
        }
        committing = merge(commitQueue);
        engineDone = false;
        nextAfterSync = 0;
        commitGroups++;
        startFlush(work); // MariaDB's leader now holds the after_sync lock and lets LOCK_log go
        continueAfterSync(work);
    }

    /** The leader holds the commit lock while it waits at after_sync: later groups queue behind it. */
    private void continueAfterSync(List<Work> work) {
        List<BinlogPosition> waits = afterSyncWait == AfterSyncWait.PER_GROUP ? List.of(committing.lastEnd())
                : committing.ends();
        Pending leader = committing.members().get(0);
        while (nextAfterSync < waits.size()) {
            if (!hooks.afterSync(leader, waits.get(nextAfterSync))) {
                heldAtSync = true;
                return;
            }
            nextAfterSync++;
        }
        // MariaDB counts a group and its transactions once past after_sync (log.cc trx_group_commit_leader:
        // ++num_group_commits under LOCK_commit_ordered, num_commits in the commit_ordered loop; measured 0
        // while the first waits); MySQL has no such counters. A DDL or account statement is written outside
        // group commit (MYSQL_BIN_LOG::write of its Query event): counted in neither (measured on 10.11.18).
        int transactions = 0;
        for (Pending p : committing.members()) {
            transactions += p.transaction().query() == null ? 1 : 0;
        }
        flushGroups += transactions > 0 ? committing.flushGroups() : 0;
        transactionsWritten += transactions;
        work.add(new Work(Stage.COMMIT, settings.engineCommitPerTransaction() * committing.members().size()));
    }

    /** The after_sync wait that held the commit stage ends (an ACK, a timeout, a switch-off, a kill). */
    public List<Work> releaseAfterSync() {
        if (!heldAtSync) {
            throw new IllegalStateException("the commit stage is not held at after_sync");
        }
        heldAtSync = false;
        nextAfterSync++;
        List<Work> work = new ArrayList<>();
        continueAfterSync(work);
        return work;
    }

    /** Whether the commit stage waits at after_sync, for the leader {@code leader}. */
    public boolean heldAtSync(Pending leader) {
        return heldAtSync && committing.members().get(0) == leader;
    }

    private void finishEngineCommit(List<Work> work) {
        engineDone = true;
        Group group = committing;
        boolean checkpointRead = false;
        for (int i = 0; i < group.members().size(); i++) {
            // InnoDB flushes its redo log at a table DDL's commit (a dictionary change is made durable at once:
            // a real 10.11.18 answered RESET MASTER right after CREATE TABLE, 0.7 s later after an INSERT)
            Transaction.Query q = group.members().get(i).transaction().query();
            checkpointRead |= binlog.xidDone(group.ends().get(i).file(),
                    q != null && q.effect() != null && q.effect().loggedWithXid());
            hooks.engineCommitted(group.members().get(i), group.ends().get(i));
        }
        if (checkpointRead) {
            hooks.published(binlog.readableEnd());
        }
        committing = null;
        switch (afterCommitWait) {
            case STAGE_LEADER -> {
                afterCommitQueue.addLast(group);
                if (afterCommitRuns.isEmpty()) {
                    startRun(new AfterCommitRun(merge(afterCommitQueue)));
                }
            }
            case GROUP_LEADER -> startRun(new AfterCommitRun(group));
            case EACH_SESSION -> {
                for (int i = 0; i < group.members().size(); i++) {
                    startRun(new AfterCommitRun(new Group(List.of(group.members().get(i)),
                            List.of(group.ends().get(i)))));
                }
            }
        }
        startCommit(work); // the commit lock is free for the next group
    }

    private void startRun(AfterCommitRun run) {
        afterCommitRuns.add(run);
        continueRun(run);
    }

    private void continueRun(AfterCommitRun run) {
        while (run.next < run.group.members().size()) {
            Pending p = run.group.members().get(run.next);
            BinlogPosition end = run.group.ends().get(run.next);
            if (!hooks.afterCommit(p, end)) {
                run.held = true;
                return;
            }
            hooks.committed(p, end);
            run.next++;
        }
        afterCommitRuns.remove(run);
        if (afterCommitWait == AfterCommitWait.STAGE_LEADER && !afterCommitQueue.isEmpty()) {
            startRun(new AfterCommitRun(merge(afterCommitQueue)));
        }
    }

    /** The after_commit wait of {@code trx} ends: its client gets OK and its thread goes on. */
    public void releaseAfterCommit(Pending trx) {
        for (AfterCommitRun run : afterCommitRuns) {
            if (run.held && run.group.members().get(run.next).equals(trx)) {
                run.held = false;
                hooks.committed(trx, run.group.ends().get(run.next));
                run.next++;
                continueRun(run);
                return;
            }
        }
        throw new IllegalStateException("the transaction is not held at after_commit");
    }

    private static Group merge(ArrayDeque<Group> queue) {
        List<Pending> members = new ArrayList<>();
        List<BinlogPosition> ends = new ArrayList<>();
        int flushGroups = 0;
        for (Group g : queue) {
            members.addAll(g.members());
            ends.addAll(g.ends());
            flushGroups += g.flushGroups();
        }
        queue.clear();
        return new Group(members, ends, flushGroups);
    }

    /** Binlog_commits: the transactions written and past after_sync. */
    public long transactionsWritten() {
        return transactionsWritten;
    }

    /** Binlog_group_commit_trigger_count: groups let go when binlog_commit_wait_count were queued. */
    public long triggerCount() {
        return triggerCount;
    }

    /** Binlog_group_commit_trigger_timeout: groups let go when binlog_commit_wait_usec passed. */
    public long triggerTimeout() {
        return triggerTimeout;
    }

    /** Binlog_group_commits: the flush groups written and past after_sync. */
    public long flushGroups() {
        return flushGroups;
    }

    public long commitGroups() {
        return commitGroups;
    }

    /**
     * What a crash leaves of the transactions in flight: those written to the binlog and not yet
     * committed in the engine (prepared), with their ends; crash recovery decides what becomes of them.
     */
    public List<Pending> prepared(List<BinlogPosition> endsOut) {
        List<Pending> out = new ArrayList<>();
        List<Group> groups = new ArrayList<>(); // in binlog order
        if (committing != null && !engineDone) {
            groups.add(committing);
        }
        groups.addAll(commitQueue);
        if (syncing != null) {
            groups.add(syncing);
        }
        groups.addAll(syncQueue);
        for (Group g : groups) {
            out.addAll(g.members());
            endsOut.addAll(g.ends());
        }
        return out;
    }

    /** Transactions submitted and not yet committed. */
    public boolean idle() {
        return flushing == null && syncing == null && committing == null && flushQueue.isEmpty()
                && syncQueue.isEmpty() && commitQueue.isEmpty() && afterCommitRuns.isEmpty()
                && afterCommitQueue.isEmpty();
    }
}
