package io.semisyncsim.server;

/**
 * A node's lifecycle.
 * <pre>
 *   STOPPED --start()-->  RUNNING            (option file read, plugins loaded)
 *   STOPPED --start()-->  FAILED_TO_START    (unknown option without loose-, as mysqld aborts)
 *   RUNNING --crash()-->  CRASHED            (no shutdown: nothing is flushed or logged)
 *   RUNNING --shutdown()-> STOPPED
 *   CRASHED | FAILED_TO_START --start()--> RUNNING | FAILED_TO_START
 * </pre>
 */
public enum NodeState {
    STOPPED, RUNNING, CRASHED, FAILED_TO_START;

    boolean canStart() {
        return this != RUNNING;
    }
}
