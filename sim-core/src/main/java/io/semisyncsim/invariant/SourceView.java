package io.semisyncsim.invariant;

import io.semisyncsim.semisync.SemisyncSource;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.SystemVariables;

/**
 * What the invariants read of a node's semisync source side, in either flavour's names. The settings
 * are read once per change of the node's variables (looking them up costs more than the check).
 */
final class SourceView {
    private Mysqld node;
    private SystemVariables vars;
    private long changes = -1;
    private long waitForReplicaCount;
    private boolean afterSync;

    /** The settings of {@code source} as they are now, read again only when a variable changed. */
    SourceView of(Mysqld source) {
        SystemVariables v = source.variables();
        if (source != node || v != vars || v == null || v.changes() != changes) {
            node = source;
            vars = v;
            changes = v == null ? -1 : v.changes();
            waitForReplicaCount = waitForReplicaCount(source);
            afterSync = afterSync(source);
        }
        return this;
    }

    long waitForReplicaCount() {
        return waitForReplicaCount;
    }

    boolean afterSync() {
        return afterSync;
    }

    /** The node's semisync source plugin, or null (not installed, or the node is down). */
    static SemisyncSourcePlugin plugin(Mysqld node) {
        if (node == null || node.state() != NodeState.RUNNING || node.variables() == null) {
            return null;
        }
        return node.plugin(SemisyncSourcePlugin.class);
    }

    static SemisyncSource source(Mysqld node) {
        SemisyncSourcePlugin p = plugin(node);
        return p == null ? null : p.source();
    }

    /** rpl_semi_sync_source_wait_for_replica_count (or _master_..._slave_), 1 where the flavour has none. */
    static long waitForReplicaCount(Mysqld node) {
        String v = variable(node, "rpl_semi_sync_source_wait_for_replica_count",
                "rpl_semi_sync_master_wait_for_slave_count");
        return v == null ? 1 : Long.parseLong(v);
    }

    /** Whether the node's semisync source waits AFTER_SYNC (MySQL's default; MariaDB's is AFTER_COMMIT). */
    static boolean afterSync(Mysqld node) {
        String v = variable(node, "rpl_semi_sync_source_wait_point", "rpl_semi_sync_master_wait_point");
        return "AFTER_SYNC".equalsIgnoreCase(v);
    }

    private static String variable(Mysqld node, String newName, String oldName) {
        SystemVariables vars = node.variables();
        if (vars == null) {
            return null;
        }
        for (String name : new String[] {newName, oldName}) {
            if (vars.find(name) != null) {
                return vars.get(vars.find(name).name());
            }
        }
        return null;
    }
}
