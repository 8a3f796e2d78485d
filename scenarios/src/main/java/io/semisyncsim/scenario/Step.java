package io.semisyncsim.scenario;

import java.util.List;

/** One step of a scenario; steps run in order, each at the virtual time the previous one left. */
public sealed interface Step {
    Pos pos();

    /** SQL statements on a node as a user; {@code expectError} the error number they must fail with. */
    record Sql(Pos pos, String node, List<String> statements, String user, Integer expectError) implements Step {
    }

    /** Let virtual time pass. */
    record Sleep(Pos pos, long micros) implements Step {
    }

    /** Run until the expectation holds, for at most {@code within} µs; failing that, it fails. */
    record Await(Pos pos, Expectation expectation, long within) implements Step {
    }

    record Expect(Pos pos, List<Expectation> expectations) implements Step {
    }

    /**
     * A node fault: {@code crash} (process gone), {@code restart} (start again after a crash),
     * {@code slow-disk} (every fsync on the node costs {@code micros} from now on), or {@code pause}
     * (the process is frozen for {@code micros}, then goes on).
     */
    record NodeFault(Pos pos, String kind, String node, long micros) implements Step {
    }

    /**
     * Client sessions committing: {@code transactions} in total and/or for {@code duration} µs, back
     * to back or at {@code rate} per second; in the {@code background} the next steps run meanwhile.
     */
    record Workload(Pos pos, String node, int clients, long transactions, long duration, double rate,
                    boolean background) implements Step {
    }

    /** Promote {@code replica} to be the source; the loss checker compares it with the old source. */
    record Failover(Pos pos, String promote) implements Step {
    }

    /** {@code count} autocommit single-row INSERTs into the default table, one client, back to back. */
    record Commit(Pos pos, String node, int count) implements Step {
    }

    /**
     * A network fault between two nodes: {@code partition} (both ways, or one way from {@code a} to
     * {@code b}; packets held or dropped), {@code heal} (all), {@code reset}, {@code latency}.
     */
    record NetworkFault(Pos pos, String kind, String a, String b, boolean bothWays, boolean drop, Long latency,
                        Long jitter) implements Step {
    }
}
