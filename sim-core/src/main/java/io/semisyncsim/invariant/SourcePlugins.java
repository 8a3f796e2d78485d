package io.semisyncsim.invariant;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import java.util.List;

/**
 * Each node's semisync source plugin at this instant, looked up once for all the invariants that read
 * it (several per instant, several instants per commit). The nodes never change, so they are found once.
 */
final class SourcePlugins {
    private Mysqld[] nodes;
    private String[] names;
    private SemisyncSourcePlugin[] plugins;

    /** Looks every node's plugin up again (none: not installed, or the node is down). */
    void refresh(Cluster cluster) {
        if (nodes == null) {
            List<String> all = cluster.nodeNames();
            names = all.toArray(new String[0]);
            nodes = new Mysqld[names.length];
            plugins = new SemisyncSourcePlugin[names.length];
            for (int i = 0; i < names.length; i++) {
                nodes[i] = cluster.node(names[i]);
            }
        }
        for (int i = 0; i < nodes.length; i++) {
            plugins[i] = SourceView.plugin(nodes[i]);
        }
    }

    int size() {
        return nodes == null ? 0 : nodes.length;
    }

    Mysqld node(int i) {
        return nodes[i];
    }

    SemisyncSourcePlugin plugin(int i) {
        return plugins[i];
    }
}
