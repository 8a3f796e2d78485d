package io.semisyncsim.cluster;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.binlog.GroupCommit;
import java.util.List;

/**
 * A node's commit path (its CommitCoordinator, made at the first commit and gone with the process) as
 * KILL and the lifecycle see it; with no commit path yet, nothing waits and nothing runs.
 */
interface CommitPath {
    /** THD::awake: a commit wait of {@code thread} sees the kill (the plugin decides whether it ends). */
    void killed(long thread);

    /** Whether a commit is still being worked on. */
    boolean running();

    /** A clean shutdown wakes the commit wait of {@code thread} (close_connections). */
    void shutdownWake(long thread);

    /** A crash: the transactions prepared in the binlog, their ends added to {@code endsOut} in the same order. */
    List<GroupCommit.Pending> crash(List<BinlogPosition> endsOut);

    /** The process ended: its commit path goes with it, and the next commit starts a new one. */
    void gone();
}
