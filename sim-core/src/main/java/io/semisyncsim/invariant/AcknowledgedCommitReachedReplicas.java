package io.semisyncsim.invariant;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.replication.ReplicaChannel;
import io.semisyncsim.trace.TraceEvent;

/**
 * Every commit acknowledged to its client as semisynchronous had reached the relay logs of at least
 * {@code wait_for_replica_count} replicas at that moment. A replica's share is what its I/O thread
 * acknowledged ({@code ack.sent}), and each acknowledgement is checked against its relay log as it is
 * sent: the event must already be written there (after_queue_event, then the ACK).
 */
final class AcknowledgedCommitReachedReplicas extends SemisyncOkCoveredByAcks {

    @Override
    void other(TraceEvent e, Cluster cluster) {
        if (!e.kind().equals("ack.sent")) {
            return;
        }
        String source = (String) e.field("to");
        BinlogPosition pos = (BinlogPosition) e.field("pos");
        ReplicaChannel ch = cluster.node(e.node()).channel();
        if (ch.sourceLogFile().isEmpty()
                || new BinlogPosition(ch.sourceLogFile(), ch.readSourceLogPos()).compareTo(pos) < 0) {
            found = new Violation(name(), e.time(), e.node(), "acknowledged " + pos + " to " + source
                    + " before its relay log held it (read up to (" + ch.sourceLogFile() + ", "
                    + ch.readSourceLogPos() + "))");
            return;
        }
        acks.acknowledged(source, e.node(), pos);
    }

    @Override
    String shortfall(TraceEvent ok, BinlogPosition end, int have, long needed) {
        return "transaction " + ok.field("trx") + " (ending at " + end + ") was acknowledged to its client as"
                + " semisynchronous, but " + have + " replica" + (have == 1 ? "'s relay log" : "s' relay logs")
                + " held it where wait_for_replica_count is " + needed + " (replicas' acknowledgements: "
                + acks.describe(ok.node()) + ")";
    }
}
