package io.semisyncsim.invariant;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.trace.TraceEvent;

/**
 * Under AFTER_SYNC, no session can see a semisynchronous transaction before the source has read its
 * acknowledgements: the engine commit (visibility to other sessions, and the client's OK at the end of
 * the same commit stage) of a transaction counted as semisync comes after the source's ACK receiver read
 * ACKs (or dump requests, which count as ACKs) at or past its end from at least
 * {@code wait_for_replica_count} distinct replicas. A wait that
 * ended by timeout or switch-off commits as asynchronous and is not this invariant's business.
 */
final class AcknowledgedBeforeVisible extends SemisyncOkCoveredByAcks {

    @Override
    void other(TraceEvent e, Cluster cluster) {
        if (e.kind().equals("ack")) {
            acks.acknowledged(e.node(), String.valueOf(e.field("replica_server_id")), (BinlogPosition) e.field("pos"));
        } else if (e.kind().equals("dump.start") && AckLedger.position(e.field("from")) != null) {
            // A replica that (re)connects asking from a position counts as having acknowledged what is
            // before it (semisync_source_plugin.cc repl_semi_binlog_dump_start calls handleAck).
            acks.acknowledged(e.node(), String.valueOf(e.field("replica_server_id")),
                    AckLedger.position(e.field("from")));
        }
    }

    @Override
    boolean applies(SourceView source) {
        return source.afterSync();
    }

    @Override
    String shortfall(TraceEvent ok, BinlogPosition end, int have, long needed) {
        return "transaction " + ok.field("trx") + " (ending at " + end + ") became visible at AFTER_SYNC with " + have
                + " of the " + needed + " acknowledgements it waits for (ACKs read, by server_id: "
                + acks.describe(ok.node()) + ")";
    }
}
