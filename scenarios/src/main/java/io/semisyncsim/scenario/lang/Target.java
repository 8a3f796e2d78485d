package io.semisyncsim.scenario.lang;

import io.semisyncsim.server.StatementResult;
import java.util.List;
import java.util.SortedSet;
import java.util.function.BooleanSupplier;

/**
 * What a scenario's steps act on: a simulated cluster on virtual time, or real servers on wall time.
 * Steps say what happens (a statement, a commit, a fault, time passing); a target makes it happen and
 * answers what a path reads now. Every call comes from the one thread that plays the scenario.
 *
 * <p>Times are microseconds since the run began, virtual or wall. A {@code deadline} is such a time.
 */
public interface Target extends AutoCloseable {

    /** Microseconds since the run began. */
    long now();

    /** The node names, source first. */
    List<String> nodes();

    // --- clients

    /** Opens a client connection to {@code node} as {@code user}; the handle names it in later calls. */
    long connect(String node, String user);

    /** Closes a connection (a client that quits). */
    void disconnect(long connection);

    /**
     * Runs one statement on a connection and waits for its answer until {@code deadline}; null when
     * none came by then (the statement still runs, as a client still waiting).
     */
    StatementResult execute(long connection, String sql, long deadline);

    /**
     * Sends one statement on a connection and returns at once (it may wait on the server, for an ACK say,
     * while time passes); {@link #reap} collects its answer. A connection has one statement at a time.
     */
    void send(long connection, String sql);

    /**
     * The answer to the statement {@link #send} sent on a connection, waiting for it until {@code deadline};
     * null when none came by then. A connection whose node crashed meanwhile answers the client's error
     * 2013 (lost connection during query).
     */
    Reaped reap(long connection, long deadline);

    /**
     * The server thread that serves a connection (what CONNECTION_ID() answers on it, what KILL takes), or
     * null when it has none: it has not connected yet (it connects at its first statement) or lost it.
     */
    Long threadId(long connection);

    /** A sent statement's answer and when (µs, this target's clock) the client had it: maybe steps before the reap. */
    record Reaped(StatementResult result, long at) {
    }

    /**
     * One autocommit single-row INSERT of {@code key} into {@code table} on {@code node}, waiting until
     * {@code deadline} for the answer; null when none came.
     */
    Commit insert(String node, String table, long key, long deadline);

    /**
     * A commit's answer: OK or not, whether a replica acknowledged it before the OK, the server's
     * error when it refused the INSERT (a duplicate key), and its latency in µs: from sending the
     * INSERT to its answer, as the client saw it (not the harness's own reads around it). Not OK
     * without an error is a lost connection.
     */
    record Commit(boolean ok, boolean semisync, io.semisyncsim.error.SqlError error, long latency) {
        public Commit(boolean ok, boolean semisync, long latency) {
            this(ok, semisync, null, latency);
        }
    }

    /** Starts client sessions that commit on {@code node}; they go on while time passes. */
    WorkloadRun workload(String node, WorkloadSpec spec, CommitSink sink);

    /**
     * What a workload runs: {@code transactions} in total (0: no limit) and/or for {@code duration} µs
     * (0: no limit); {@code ratePerSecond} 0 means back to back.
     */
    record WorkloadSpec(int clients, long transactions, long duration, double ratePerSecond, String table,
                        long keyBase) {
    }

    /**
     * Told of every answered commit of a workload, on the playing thread; {@code semisync} is null when
     * the target cannot tell (a real server does not say, per commit, whether a replica acknowledged it).
     */
    interface CommitSink {
        void committed(long key, long latencyMicros, Boolean semisync);
    }

    /** A running workload, read between steps. */
    interface WorkloadRun {
        long issued();

        long answered();

        /** No more will be issued and every issued one has its answer. */
        boolean finished();
    }

    // --- time

    /** Lets {@code micros} pass. */
    void runFor(long micros);

    /** Lets time pass until {@code condition} holds (true) or {@code deadline} is reached (false). */
    boolean runUntil(BooleanSupplier condition, long deadline);

    /** Lets what a step started take effect before the next step (in a simulation: until quiescent). */
    void settle();

    // --- faults

    /** Cuts the link from {@code a} to {@code b} (and back, if {@code bothWays}); packets held or dropped. */
    void partition(String a, String b, boolean bothWays, boolean drop);

    /** Heals every partition. */
    void heal();

    /** Heals the cut from {@code a} to {@code b} (and back, if {@code bothWays}); other partitions stay. */
    void heal(String a, String b, boolean bothWays);

    /**
     * A flapping link: cut (as {@link #partition}) now and every {@code every} µs, each cut healed
     * {@code down} µs later, {@code times} times, while the next steps run.
     */
    void flap(String a, String b, boolean bothWays, boolean drop, long every, long down, int times);

    /** Resets the connections between two nodes: both ends see it at once. */
    void reset(String a, String b);

    /** Sets the one-way latency and jitter of both directions between two nodes. */
    void latency(String a, String b, long latencyMicros, long jitterMicros);

    /** The process dies at once, no shutdown (kill -9): its sockets close, its files keep what it wrote. */
    void crash(String node);

    /** A clean shutdown, as SIGTERM asks for one; returns when the server has exited. */
    void stop(String node);

    /**
     * The machine loses power: its peers hear nothing, and what was not fsynced is gone. Only the
     * simulator can do this (the step says so before a real run).
     */
    void powerOff(String node);

    /** Starts a stopped or crashed node again; returns its state afterwards (RUNNING, FAILED_TO_START). */
    String restart(String node);

    /** Freezes a node for {@code micros} (SIGSTOP, then SIGCONT); the next steps run meanwhile. */
    void pause(String node, long micros);

    /** Every fsync on a node costs {@code fsyncMicros} from now on. */
    void slowDisk(String node, long fsyncMicros);

    // --- failover

    /**
     * Promotes a replica: it applies its relay log (for at most {@code applyBudget} µs), stops
     * replicating, and every other replica is pointed at it; with {@code semisync} the operator moves
     * semisync with the role (io.semisyncsim.cluster.SemisyncHandover).
     */
    void promote(String replica, long applyBudget, boolean semisync);

    /**
     * A former source, restarted, becomes a replica of {@code source}, as an operator makes it: by GTID
     * when it has GTIDs (the flavour's {@code rejoin-position}), else from the source's binlog end.
     */
    void rejoin(String node, String source);

    /** The node a replica replicates from, or null when it is not a replica. */
    String sourceOf(String node);

    /**
     * What a failover lost counted by GTID, when the target can tell (the simulator, MySQL flavours with
     * GTIDs): the old source's transactions the new source lacks that a client was told were committed
     * (they wrote a row of {@code acknowledged}, by table) and that were committed in the old source's
     * engine; null otherwise (then rows are compared).
     */
    default long[] lostByGtid(String oldSource, String newSource, java.util.Map<String, SortedSet<Long>> acknowledged) {
        return null;
    }

    /** The GTIDs of the old source's transactions the new source lacks, as each server family writes them; empty when unknown. */
    default List<String> gtidsLacking(String oldSource, String newSource) {
        return List.of();
    }

    /** The keys of {@code table} committed on {@code node} (its data, even when it is down). */
    SortedSet<Long> committedKeys(String node, String table);

    // --- what paths read

    /**
     * The value at a node's path ({@code NODE.status.X}, variables, plugins, replica_status, rows, log,
     * gtid) as MySQL would print it, or null when it does not exist right now.
     */
    String read(ValuePath path);

    // --- what a node shows now (the diff compares these; a node that is down shows nothing)

    /** Whether the node's process is paused now (fault: pause): it answers no statement until it resumes. */
    boolean frozen(String node);

    /** Status variables whose names start with {@code prefix} (case-insensitive), by name. */
    java.util.SortedMap<String, String> statusVariables(String node, String prefix);

    /** Global system variables whose names start with {@code prefix} (case-insensitive), by name. */
    java.util.SortedMap<String, String> systemVariables(String node, String prefix);

    /** SHOW SLAVE STATUS (the flavour's own statement) as column -> value; empty when not a replica. */
    java.util.Map<String, String> replicaStatus(String node);

    /** SHOW MASTER STATUS's File and Position, as {@code file:pos}; null when down or without a binary log. */
    String binaryLogPosition(String node);

    /** The error log's lines as the server wrote them. */
    List<String> errorLog(String node);

    @Override
    void close();
}
