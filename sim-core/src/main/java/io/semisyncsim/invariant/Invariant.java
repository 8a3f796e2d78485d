package io.semisyncsim.invariant;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.trace.TraceEvent;

/**
 * A guarantee that must hold at every quiescent instant of a run, named as a predicate
 * ({@code ReplyPositionMonotonic}), as Kafka's raft simulation names its invariants. An invariant only
 * reads: it sees every trace event as it is recorded and the cluster at the end of each instant, and
 * says what is wrong, or nothing.
 */
public interface Invariant {
    /** The name a violation is reported under: the class's simple name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** A trace event, as the run records it (mid-instant: read, never change). */
    default void event(TraceEvent event, Cluster cluster) {
    }

    /** Whether {@link #event} does anything: the checker hands events only to those that do. */
    default boolean readsEvents() {
        return true;
    }

    /**
     * A client sends {@code sql} to {@code node}, before it runs: FLUSH STATUS and RESET MASTER start
     * counters and positions over, as the invariants that follow them must know.
     */
    default void statement(String node, String sql) {
    }

    /** At a quiescent instant: null when the invariant holds, else what broke it. */
    Violation check(Cluster cluster);
}
