package io.semisyncsim.scenario.lang;

import io.semisyncsim.server.StatementResult;

/** What a run tells as it goes: the CLI prints it, the test harness and reports collect it. */
public interface RunListener {
    default void started(Scenario scenario) {
    }

    /** A step begins at virtual time {@code time} (µs). */
    default void step(long time, String text) {
    }

    /**
     * A statement starts on a connection at {@code time}: told before its answer, which may take virtual
     * time (a commit waiting for an ACK), so a paced narrative shows the statement before the wait.
     */
    default void statementStarted(long time, String node, String user, String sql) {
    }

    /** A statement finished at {@code time} after {@code elapsed} µs (a commit may wait). */
    default void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
    }

    default void outcome(Outcome outcome) {
    }

    default void note(long time, String text) {
    }

    /** Whether this listener wants {@link #statusSample}s (they cost a read of every node at every instant). */
    default boolean wantsStatusSamples() {
        return false;
    }

    /** A semisync status variable changed on a node (seen at the end of an instant). */
    default void statusSample(long time, String node, String name, String value) {
    }

    /**
     * A client's commit was answered at {@code time} after {@code latency} µs; {@code semisync} says
     * whether a replica acknowledged it, null when the target cannot tell (real servers).
     */
    default void committed(long time, long latency, Boolean semisync) {
    }

    default void finished(RunResult result) {
    }
}
