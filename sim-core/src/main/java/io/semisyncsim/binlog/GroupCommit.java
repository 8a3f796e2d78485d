package io.semisyncsim.binlog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Binlog group commit ({@code MYSQL_BIN_LOG::ordered_commit}) as a plain state machine. Each stage
 * has a queue and a leader; while a stage is busy, arrivals queue and go through together next time,
 * which is how concurrent clients form groups.
 * <pre>
 *   submit -> FLUSH  (write the group's events; after_flush hook; sync_binlog != 1: publish)
 *          -> SYNC   (binlog_group_commit_sync_delay, fsync per sync_binlog; sync_binlog = 1: publish)
 *          -> COMMIT (after_sync hook once per group, which may hold the stage; engine commit;
 *                     after_commit hook per transaction, in order, each may hold it; then the clients' OK)
 * </pre>
 * Time is the caller's: a returned {@link Work} asks it to call {@link #done} after that many µs.
 */
public final class GroupCommit {

    public enum Stage { FLUSH, SYNC, COMMIT }

    /** The caller must call {@code done(stage)} after {@code micros} of virtual time. */
    public record Work(Stage stage, long micros) {
    }

    /** A transaction waiting to commit, with what the caller needs to answer its client. */
    public record Pending(Transaction transaction, Object client) {
    }

    /** What the server and its plugins do at the hook points. */
    public interface Hooks {
        /** After the flush stage, once per flush group, with the group's end (semisync: commit_pos). */
        void afterFlush(BinlogPosition groupEnd);

        /** binlog_end_pos moved: dump threads may send up to it. */
        void published(BinlogPosition readableEnd);

        /**
         * Once per commit group, with its last transaction's end (semisync AFTER_SYNC waits here).
         * Returns false to hold the commit stage until {@link #releaseAfterSync()}.
         */
        boolean afterSync(BinlogPosition lastEnd);

        /**
         * Once per transaction after the engine commit (semisync AFTER_COMMIT waits here). Returns false
         * to hold it (and those behind it) until {@link #releaseAfterCommit()}.
         */
        boolean afterCommit(Pending trx, BinlogPosition end);

        /** The engine committed the transaction: other sessions can see it now. */
        void engineCommitted(Pending trx, BinlogPosition end);

        /** The transaction's client gets OK. */
        void committed(Pending trx, BinlogPosition end);
    }

    /** What the stages cost and the sync settings they honour. */
    public record Settings(long writePerTransaction, long fsync, long engineCommitPerTransaction, long syncBinlog,
                           long syncDelay) {
    }

    private record Group(List<Pending> members, List<BinlogPosition> ends) {
        BinlogPosition lastEnd() {
            return ends.get(ends.size() - 1);
        }
    }

    private final BinaryLog binlog;
    private final Hooks hooks;
    private Settings settings;
    private final ArrayDeque<Pending> flushQueue = new ArrayDeque<>();
    private final ArrayDeque<Group> syncQueue = new ArrayDeque<>();
    private final ArrayDeque<Group> commitQueue = new ArrayDeque<>();
    private List<Pending> flushing;
    private Group syncing;
    private Group committing;
    private Stage held;
    private boolean fsyncing;
    /** Whether the committing group's engine commit ran (its members are visible, durable). */
    private boolean engineDone;
    private int nextAfterCommit;
    private long groupsSinceFsync;
    private long flushGroups;
    private long commitGroups;

    public GroupCommit(BinaryLog binlog, Settings settings, Hooks hooks) {
        this.binlog = binlog;
        this.settings = settings;
        this.hooks = hooks;
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
        List<Work> work = new ArrayList<>();
        switch (stage) {
            case FLUSH -> finishFlush(work);
            case SYNC -> finishSync(work);
            case COMMIT -> finishEngineCommit(work);
        }
        return work;
    }

    private void startFlush(List<Work> work) {
        if (flushing != null || flushQueue.isEmpty()) {
            return;
        }
        flushing = new ArrayList<>(flushQueue);
        flushQueue.clear();
        work.add(new Work(Stage.FLUSH, settings.writePerTransaction() * flushing.size()));
    }

    private void finishFlush(List<Work> work) {
        List<BinlogPosition> ends = new ArrayList<>();
        for (Pending p : flushing) {
            List<BinlogEvent> events = binlog.write(p.transaction());
            ends.add(events.get(events.size() - 1).end());
        }
        Group group = new Group(flushing, ends);
        flushing = null;
        flushGroups++;
        hooks.afterFlush(group.lastEnd());
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
        commitGroups++;
        // The leader holds LOCK_commit while the after_sync hook runs: later groups wait behind it.
        if (hooks.afterSync(committing.lastEnd())) {
            engineCommit(work);
        } else {
            held = Stage.SYNC;
        }
    }

    /** The after_sync hook that held the commit stage lets it go (an ACK, a timeout, a switch-off). */
    public List<Work> releaseAfterSync() {
        if (held != Stage.SYNC) {
            throw new IllegalStateException("the commit stage is not held at after_sync");
        }
        held = null;
        List<Work> work = new ArrayList<>();
        engineCommit(work);
        return work;
    }

    private void engineCommit(List<Work> work) {
        work.add(new Work(Stage.COMMIT, settings.engineCommitPerTransaction() * committing.members().size()));
    }

    private void finishEngineCommit(List<Work> work) {
        engineDone = true;
        for (int i = 0; i < committing.members().size(); i++) {
            hooks.engineCommitted(committing.members().get(i), committing.ends().get(i));
        }
        nextAfterCommit = 0;
        continueAfterCommit(work);
    }

    /** The after_commit hook runs for each transaction in order; the leader does them one by one. */
    private void continueAfterCommit(List<Work> work) {
        while (nextAfterCommit < committing.members().size()) {
            Pending p = committing.members().get(nextAfterCommit);
            BinlogPosition end = committing.ends().get(nextAfterCommit);
            if (!hooks.afterCommit(p, end)) {
                held = Stage.COMMIT;
                return;
            }
            hooks.committed(p, end);
            nextAfterCommit++;
        }
        committing = null;
        startCommit(work);
    }

    /** The after_commit hook that held a transaction lets it go. */
    public List<Work> releaseAfterCommit() {
        if (held != Stage.COMMIT) {
            throw new IllegalStateException("the commit stage is not held at after_commit");
        }
        held = null;
        hooks.committed(committing.members().get(nextAfterCommit), committing.ends().get(nextAfterCommit));
        nextAfterCommit++;
        List<Work> work = new ArrayList<>();
        continueAfterCommit(work);
        return work;
    }

    private static Group merge(ArrayDeque<Group> queue) {
        List<Pending> members = new ArrayList<>();
        List<BinlogPosition> ends = new ArrayList<>();
        for (Group g : queue) {
            members.addAll(g.members());
            ends.addAll(g.ends());
        }
        queue.clear();
        return new Group(members, ends);
    }

    public long flushGroups() {
        return flushGroups;
    }

    public long commitGroups() {
        return commitGroups;
    }

    /**
     * What a crash leaves of the transactions in flight: those written to the binlog and not yet
     * committed in the engine (prepared), with their ends; crash recovery commits those still in the
     * binlog.
     */
    public List<Pending> prepared(List<BinlogPosition> endsOut) {
        List<Pending> out = new ArrayList<>();
        for (Group g : java.util.Arrays.asList(syncing, engineDone ? null : committing)) {
            if (g != null) {
                out.addAll(g.members());
                endsOut.addAll(g.ends());
            }
        }
        for (Group g : syncQueue) {
            out.addAll(g.members());
            endsOut.addAll(g.ends());
        }
        for (Group g : commitQueue) {
            out.addAll(g.members());
            endsOut.addAll(g.ends());
        }
        return out;
    }

    /** Transactions submitted and not yet committed. */
    public boolean idle() {
        return flushing == null && syncing == null && committing == null && held == null && flushQueue.isEmpty()
                && syncQueue.isEmpty() && commitQueue.isEmpty();
    }
}
