package io.semisyncsim.cluster;

import java.util.List;
import java.util.function.Predicate;

/**
 * What an operator runs at a failover to move semisync with the source role: the promoted node turns its
 * source side on and its replica side off, and each replica that follows it turns its replica side on
 * before it starts again (the manual's SET GLOBAL ... enabled; the plugins installed beforehand on every
 * node that may be promoted, as a failover-ready cluster is set up). The variables are named as the node's
 * installed plugins name them: 8.0.26+'s source/replica plugins, or the master/slave ones (MariaDB, 5.7,
 * and 8.0 with the old plugins).
 */
public final class SemisyncHandover {
    private static final List<String> SOURCE = List.of("rpl_semi_sync_source_enabled", "rpl_semi_sync_master_enabled");
    private static final List<String> REPLICA = List.of("rpl_semi_sync_replica_enabled", "rpl_semi_sync_slave_enabled");

    private SemisyncHandover() {
    }

    /** The promoted node's statements; {@code has}: whether it has a global variable of that name. */
    public static List<String> onPromoted(String node, Predicate<String> has) {
        String source = first(SOURCE, has);
        if (source == null) {
            throw new Cluster.OperatorFailed(node + " has no semisync source plugin installed, so semisync cannot"
                    + " move to it (install it on every node a failover may promote)");
        }
        String replica = first(REPLICA, has);
        return replica == null ? List.of("SET GLOBAL " + source + " = ON")
                : List.of("SET GLOBAL " + source + " = ON", "SET GLOBAL " + replica + " = OFF");
    }

    /** A following replica's statement, run before it starts replicating from the promoted node. */
    public static List<String> onFollower(String node, Predicate<String> has) {
        String replica = first(REPLICA, has);
        if (replica == null) {
            throw new Cluster.OperatorFailed(node + " has no semisync replica plugin installed, so it cannot"
                    + " acknowledge the new source (install it on every replica)");
        }
        return List.of("SET GLOBAL " + replica + " = ON");
    }

    private static String first(List<String> names, Predicate<String> has) {
        for (String n : names) {
            if (has.test(n)) {
                return n;
            }
        }
        return null;
    }
}
