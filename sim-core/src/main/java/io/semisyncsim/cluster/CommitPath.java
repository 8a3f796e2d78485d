package io.semisyncsim.cluster;

/**
 * A node's commit path (its CommitCoordinator, made at the first commit and gone with the process) as
 * KILL and the lifecycle see it; with no commit path yet, nothing waits and nothing runs.
 */
interface CommitPath {
    /** THD::awake: a commit wait of {@code thread} sees the kill (the plugin decides whether it ends). */
    void killed(long thread);

    /** Whether a commit is still being worked on. */
    boolean running();
}
