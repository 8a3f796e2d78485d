package io.semisyncsim.invariant;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;

/**
 * An invariant checked on every node with a semisync source plugin, at every quiescent instant. The
 * headline benchmark runs several instants per commit, so the plugins are looked up once per instant
 * for all such invariants ({@link SourcePlugins}). Each node's state between checks is an {@code S} of
 * the subclass's; a restart or reinstall is a new plugin instance and a fresh {@code S}.
 */
abstract class PerSource<S> implements Invariant {
    /** The nodes' plugins: this invariant's own, or the instant's shared lookup ({@link #share}). */
    private SourcePlugins sources = new SourcePlugins();
    private boolean shared;
    private SemisyncSourcePlugin[] seen;
    private Object[] states;

    /** A fresh state for a node whose plugin instance is new (none, for a check that keeps nothing). */
    S fresh() {
        return null;
    }

    /** One node's check; null when it holds. */
    abstract Violation check(Mysqld node, SemisyncSourcePlugin plugin, S state, long now);

    /** Read the plugins from {@code shared}, which the caller refreshes once per instant before checking. */
    void share(SourcePlugins shared) {
        this.sources = shared;
        this.shared = true;
    }

    @Override
    public boolean readsEvents() {
        return false;
    }

    @Override
    public Violation check(Cluster cluster) {
        if (!shared) {
            sources.refresh(cluster);
        }
        if (states == null) {
            seen = new SemisyncSourcePlugin[sources.size()];
            states = new Object[sources.size()];
        }
        for (int i = 0; i < states.length; i++) {
            SemisyncSourcePlugin plugin = sources.plugin(i);
            if (plugin == null) {
                continue;
            }
            if (states[i] == null || seen[i] != plugin) {
                states[i] = fresh();
                seen[i] = plugin;
            }
            Violation v = check(sources.node(i), plugin, state(i), cluster.kernel().now());
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
}
