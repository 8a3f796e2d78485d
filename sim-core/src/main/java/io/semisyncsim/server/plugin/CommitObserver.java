package io.semisyncsim.server.plugin;

import io.semisyncsim.binlog.BinlogPosition;

/**
 * A plugin that watches the commit path (MySQL's Binlog_storage_observer and Trans_observer): told of
 * each flush group, and asked at the two points where it may hold a commit back.
 */
public interface CommitObserver {

    /** The two places a commit can wait: after the binlog sync (once per group), or after the engine commit. */
    enum Point { AFTER_SYNC, AFTER_COMMIT }

    /** What the observer decides for a commit at a point. */
    sealed interface Decision {
        /** Go on; {@code semisync}: the transaction counts as acknowledged. */
        record Proceed(boolean semisync) implements Decision {
        }

        /** Hold until released through {@link WaitReleaser}, or until {@code deadline} (virtual µs). */
        record Hold(long waiter, long deadline) implements Decision {
        }
    }

    /** after_flush: a flush group was written; its transactions end at {@code transactionEnds}, in order. */
    void afterFlush(java.util.List<BinlogPosition> transactionEnds);

    /** At {@code point}, for a commit ending at {@code pos}: null when this observer does not wait there. */
    Decision atCommitPoint(Point point, BinlogPosition pos, long now);

    /** A held commit's deadline passed. */
    void deadlinePassed(long waiter, long now);

    /** The session that waits was killed (KILL or KILL QUERY): the observer decides whether it stops waiting. */
    void killed(long waiter, long now);

    /**
     * The waiting thread is woken without being killed (THD::awake(NOT_KILLED): STOP SLAVE's signal to
     * a SQL thread, which must finish its transaction): the observer decides whether it waits again.
     */
    default void woken(long waiter, long now) {
    }

    /** The server starts shutting down and wakes the session that waits (close_connections, phase 1). */
    void shutdownWake(long waiter, long now);

    /** The process-list state of a session this observer holds (stage_waiting_for_semi_sync_ack). */
    String waitState();

    /**
     * Whether it acts on commits now (a semisync source: rpl_semi_sync_master_enabled). While one does, a
     * replica's SQL thread commits what it logs through group commit, where it may be held too.
     */
    default boolean actsOnCommits() {
        return true;
    }
}
