package io.semisyncsim.invariant;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a run's invariants: each sees every trace event, and all are asked at every quiescent instant
 * (call {@link #check} from the kernel's instant observer). The first violation stops the run by
 * throwing {@link InvariantViolated} out of the kernel's loop; it stays readable in {@link #violation}.
 */
public final class Invariants implements TraceSink {
    private final Cluster cluster;
    private final List<Invariant> all;
    /** Those that read trace events: every event goes to each, so the others are left out. */
    private final Invariant[] readers;
    /** The nodes' source plugins, looked up once per instant for every invariant that reads them. */
    private final SourcePlugins sources = new SourcePlugins();
    private Violation violation;

    private Invariants(Cluster cluster, List<Invariant> all) {
        this.cluster = cluster;
        this.all = List.copyOf(all);
        this.readers = all.stream().filter(Invariant::readsEvents).toArray(Invariant[]::new);
        for (Invariant i : all) {
            if (i instanceof PerSource<?> p) {
                p.share(sources);
            }
        }
    }

    /**
     * The built-in invariants plus {@code more}, attached to {@code cluster}'s trace. The caller makes
     * {@link #check} part of the kernel's instant observer (one observer serves every reader of instants).
     */
    public static Invariants attach(Cluster cluster, List<Invariant> more) {
        List<Invariant> list = new ArrayList<>(builtIn());
        list.addAll(more);
        Invariants checker = new Invariants(cluster, list);
        cluster.kernel().trace().addSink(checker);
        return checker;
    }

    /** What every run checks: the guarantees semisync replication makes, and its own bookkeeping. */
    public static List<Invariant> builtIn() {
        return List.of(new AcknowledgedCommitReachedReplicas(), new AcknowledgedBeforeVisible(),
                new ReplyPositionMonotonic(), new WaitSessionsMatchWaitingThreads(),
                new SemisyncClientsMatchDumpThreads(), new StatusCountersNeverDecrease());
    }

    @Override
    public void accept(TraceEvent event) {
        for (Invariant reader : readers) {
            reader.event(event, cluster);
        }
    }

    /** A client sends {@code sql} to {@code node} (called before it runs). */
    public void statement(String node, String sql) {
        for (int i = 0; i < all.size(); i++) {
            all.get(i).statement(node, sql);
        }
    }

    /** At a quiescent instant: throws {@link InvariantViolated} at the first invariant that does not hold. */
    public void check() {
        if (violation != null) {
            return; // already reported; the run is stopping
        }
        sources.refresh(cluster);
        for (int i = 0; i < all.size(); i++) {
            Violation v = all.get(i).check(cluster);
            if (v != null) {
                violation = v;
                throw new InvariantViolated(v);
            }
        }
    }

    /** The first violation, or null. */
    public Violation violation() {
        return violation;
    }

    /** The invariants checked, by name, in order. */
    public List<String> names() {
        return all.stream().map(Invariant::name).toList();
    }
}
