package io.semisyncsim.invariant;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import java.util.List;

/**
 * An invariant checked on every node with a semisync source plugin, at every quiescent instant. The
 * headline benchmark runs several instants per commit, so the nodes are looked up once (they never
 * change) and kept in arrays. Each node's state between checks is an {@code S} of the subclass's; a
 * restart or reinstall is a new plugin instance and a fresh {@code S}.
 */
abstract class PerSource<S> implements Invariant {
    private Mysqld[] nodes;
    private String[] names;
    private SemisyncSourcePlugin[] plugins;
    private Object[] states;

    /** A fresh state for a node whose plugin instance is new (none, for a check that keeps nothing). */
    S fresh() {
        return null;
    }

    /** One node's check; null when it holds. */
    abstract Violation check(Mysqld node, SemisyncSourcePlugin plugin, S state, long now);

    /** A statement is sent to {@code node} (FLUSH STATUS, RESET MASTER start counters and positions over). */
    void statement(String node, String sql, S state) {
    }

    @Override
    public boolean readsEvents() {
        return false;
    }

    @Override
    public void statement(String node, String sql) {
        int i = index(node, null);
        if (i >= 0 && states[i] != null) {
            statement(node, sql, state(i));
        }
    }

    @Override
    public Violation check(Cluster cluster) {
        index(null, cluster);
        for (int i = 0; i < nodes.length; i++) {
            SemisyncSourcePlugin plugin = SourceView.plugin(nodes[i]);
            if (plugin == null) {
                continue;
            }
            if (states[i] == null || plugins[i] != plugin) {
                states[i] = fresh();
                plugins[i] = plugin;
            }
            Violation v = check(nodes[i], plugin, state(i), cluster.kernel().now());
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private S state(int i) {
        return (S) states[i];
    }

    /** The node's index (-1: not a node, e.g. "network"); the nodes are looked up once, as they never change. */
    private int index(String node, Cluster cluster) {
        if (nodes == null) {
            if (cluster == null) {
                return -1;
            }
            List<String> all = cluster.nodeNames();
            nodes = new Mysqld[all.size()];
            names = all.toArray(new String[0]);
            plugins = new SemisyncSourcePlugin[nodes.length];
            states = new Object[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = cluster.node(names[i]);
            }
        }
        if (node == null) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == node || names[i].equals(node)) {
                return i;
            }
        }
        return -1;
    }
}
