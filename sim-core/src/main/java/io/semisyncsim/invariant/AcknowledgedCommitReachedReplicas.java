package io.semisyncsim.invariant;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.trace.TraceEvent;

/**
 * Every commit acknowledged to its client as semisynchronous had reached the relay logs of at least
 * {@code wait_for_replica_count} replicas at that moment. A replica's share is what its I/O thread
 * acknowledged ({@code ack.sent}, or the position its dump request starts from), and each is checked
 * against its relay log as it is made: the event must already be written there (after_queue_event,
 * then the ACK).
 */
final class AcknowledgedCommitReachedReplicas extends SemisyncOkCoveredByAcks {

    @Override
    void other(TraceEvent e, Cluster cluster) {
        if (e.kind().equals("ack.sent")) {
            acknowledged((String) e.field("to"), e.node(), (BinlogPosition) e.field("pos"), e, cluster);
        } else if (e.kind().equals("dump.start") && AckLedger.position(e.field("from")) != null) {
            // A replica asking to be sent events from a position has them before it in its relay log, and
            // the source counts that as its acknowledgement (repl_semi_binlog_dump_start calls handleAck).
            String replica = replicaWithServerId(cluster, e.field("replica_server_id"));
            if (replica != null) {
                acknowledged(e.node(), replica, AckLedger.position(e.field("from")), e, cluster);
            }
        }
    }

    private static String replicaWithServerId(Cluster cluster, Object serverId) {
        for (String name : cluster.nodeNames()) {
            if (serverId instanceof Long id && cluster.node(name).serverId() == id) {
                return name;
            }
        }
        return null;
    }

    private void acknowledged(String source, String replica, BinlogPosition pos, TraceEvent e, Cluster cluster) {
        ReplicaChannel ch = cluster.node(replica).channel();
        if (ch.sourceLogFile().isEmpty()
                || new BinlogPosition(ch.sourceLogFile(), ch.readSourceLogPos()).compareTo(pos) < 0) {
            found = new Violation(name(), e.time(), replica, "acknowledged " + pos + " to " + source
                    + " before its relay log held it (read up to (" + ch.sourceLogFile() + ", "
                    + ch.readSourceLogPos() + "))");
            return;
        }
        acks.acknowledged(source, replica, pos);
    }

    @Override
    String shortfall(TraceEvent ok, BinlogPosition end, int have, long needed) {
        return "transaction " + ok.field("trx") + " (ending at " + end + ") was acknowledged to its client as"
                + " semisynchronous, but " + have + " replica" + (have == 1 ? "'s relay log" : "s' relay logs")
                + " held it where wait_for_replica_count is " + needed + " (replicas' acknowledgements: "
                + acks.describe(ok.node()) + ")";
    }
}
