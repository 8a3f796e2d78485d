package io.semisyncsim.sweep;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.invariant.Invariant;
import io.semisyncsim.invariant.Violation;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.semisync.SemisyncSource;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import java.util.List;

/**
 * How long semisync was OFF in a run and how often it switched OFF, watched at every quiescent instant
 * (an observer among the invariants: it never fails). A source counts as OFF while its plugin is enabled
 * and its status is OFF (Rpl_semi_sync_source_status), summed over the nodes; a crash ends it. The
 * error log cannot tell: 8.0 writes the switch as a Note, which its default verbosity leaves out.
 */
final class Figures implements Invariant, RunListener {
    private Mysqld[] nodes;
    private long[] offSince;
    private long offMicros;
    private long switchesOff;

    @Override
    public Violation check(Cluster cluster) {
        if (nodes == null) {
            List<String> names = cluster.nodeNames();
            nodes = new Mysqld[names.size()];
            offSince = new long[names.size()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = cluster.node(names.get(i));
                offSince[i] = -1;
            }
        }
        long now = cluster.kernel().now();
        for (int i = 0; i < nodes.length; i++) {
            boolean off = false;
            if (nodes[i].state() == NodeState.RUNNING && nodes[i].variables() != null) {
                SemisyncSourcePlugin p = nodes[i].plugin(SemisyncSourcePlugin.class);
                SemisyncSource s = p == null ? null : p.source();
                off = s != null && s.isEnabled() && !s.isOn();
            }
            if (off && offSince[i] < 0) {
                offSince[i] = now;
                switchesOff++;
            } else if (!off && offSince[i] >= 0) {
                offMicros += now - offSince[i];
                offSince[i] = -1;
            }
        }
        return null;
    }

    /** Virtual µs semisync was OFF, up to {@code runEnd}. */
    long offMicros(long runEnd) {
        long total = offMicros;
        if (offSince != null) {
            for (long since : offSince) {
                total += since < 0 ? 0 : runEnd - since;
            }
        }
        return total;
    }

    long switchesOff() {
        return switchesOff;
    }
}
