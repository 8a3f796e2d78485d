package io.semisyncsim.plugin;

import io.semisyncsim.binlog.BinlogPosition;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.plugin.BinlogTransmitObserver;
import io.semisyncsim.server.plugin.CommitObserver;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A lecture's ACK policy, written only against the plugin interfaces: a commit waits (without a
 * timeout) until every connected semisync replica has acknowledged it. It speaks the semisync wire
 * protocol, so the stock replica plugin works with it unchanged.
 */
final class AckFromEveryReplica implements Plugin, CommitObserver, BinlogTransmitObserver {
    private final PluginContext ctx;
    private final TreeMap<Long, BinlogPosition> acked = new TreeMap<>(); // replica server_id -> latest ACK
    private BinlogPosition waitingFor;
    private long waiter;
    private long commits;

    AckFromEveryReplica(PluginContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public PluginDescriptor descriptor() {
        return ctx.descriptor();
    }

    @Override
    public SortedMap<String, String> status() {
        SortedMap<String, String> s = new TreeMap<>();
        s.put("Ack_all_replicas", Integer.toString(acked.size()));
        s.put("Ack_all_commits", Long.toString(commits));
        return s;
    }

    @Override
    public void afterFlush(java.util.List<BinlogPosition> transactionEnds) {
    }

    @Override
    public Decision atCommitPoint(Point point, BinlogPosition pos, long now) {
        if (point != Point.AFTER_SYNC) {
            return null;
        }
        commits++;
        if (everyoneHas(pos)) {
            return new Decision.Proceed(!acked.isEmpty());
        }
        waitingFor = pos;
        return new Decision.Hold(++waiter, Long.MAX_VALUE);
    }

    private boolean everyoneHas(BinlogPosition pos) {
        return acked.values().stream().allMatch(p -> p.compareTo(pos) >= 0);
    }

    private void check() {
        if (waitingFor != null && everyoneHas(waitingFor)) {
            waitingFor = null;
            ctx.releaser().released(waiter, true);
        }
    }

    @Override
    public void deadlinePassed(long waiter, long now) {
    }

    @Override
    public void killed(long waiter, long now) {
        // a lecture's policy: a KILL does not end the wait, as in MySQL
    }

    @Override
    public void shutdownWake(long waiter, long now) {
    }

    @Override
    public String waitState() {
        return "Waiting for every replica's ACK";
    }

    @Override
    public boolean transmitStart(long serverId, BinlogPosition from, boolean replicaAsked, long now) {
        if (replicaAsked) {
            acked.put(serverId, from);
        }
        return replicaAsked;
    }

    @Override
    public boolean beforeSendEvent(io.semisyncsim.binlog.EventType type, BinlogPosition end) {
        return true; // every event asks: simple, if chatty
    }

    @Override
    public void ackRequestSent() {
    }

    @Override
    public void transmitStop(long serverId, boolean semisync, boolean shuttingDown, long now) {
        if (!semisync) {
            return;
        }
        acked.remove(serverId);
        check();
    }

    @Override
    public void ackReceived(long serverId, BinlogPosition pos, long now) {
        acked.merge(serverId, pos, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        check();
    }
}
