package io.semisyncsim.invariant;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.trace.TraceEvent;

/**
 * The shape two invariants share: acknowledgements seen from one side are kept per source, and a commit
 * answered as semisynchronous ({@code commit.ok}, {@code semisync: true}) must be covered by at least
 * {@code wait_for_replica_count} of them at or past its end.
 */
abstract class SemisyncOkCoveredByAcks implements Invariant {
    final AckLedger acks = new AckLedger();
    final SourceView settings = new SourceView();
    Violation found;

    /** Any other event: the acknowledgements this side sees (and may find a violation of its own). */
    abstract void other(TraceEvent e, Cluster cluster);

    /** Whether the rule applies to commits on {@code source} (a wait point, say). */
    boolean applies(SourceView source) {
        return true;
    }

    /** What is wrong with a commit ending at {@code end} that {@code have} acknowledgements cover. */
    abstract String shortfall(TraceEvent ok, BinlogPosition end, int have, long needed);

    @Override
    public void event(TraceEvent e, Cluster cluster) {
        if (found != null) {
            return;
        }
        if (!e.kind().equals("commit.ok")) {
            other(e, cluster);
            return;
        }
        if (!Boolean.TRUE.equals(e.field("semisync"))) {
            return;
        }
        SourceView source = settings.of(cluster.node(e.node()));
        if (!applies(source)) {
            return;
        }
        BinlogPosition end = (BinlogPosition) e.field("end");
        long needed = source.waitForReplicaCount();
        int have = acks.atOrPast(e.node(), end);
        if (have < needed) {
            found = new Violation(name(), e.time(), e.node(), shortfall(e, end, have, needed));
        }
    }

    @Override
    public void statement(String node, String sql) {
        if (AckLedger.RESET.matcher(sql).matches()) {
            acks.forget(node);
        }
    }

    @Override
    public Violation check(Cluster cluster) {
        return found;
    }
}
