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

    /** after_flush: a flush group was written up to {@code groupEnd}. */
    void afterFlush(BinlogPosition groupEnd);

    /** At {@code point}, for a commit ending at {@code pos}: null when this observer does not wait there. */
    Decision atCommitPoint(Point point, BinlogPosition pos, long now);

    /** A held commit's deadline passed. */
    void deadlinePassed(long waiter, long now);
}
