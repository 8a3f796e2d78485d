package io.semisyncsim.cluster;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.Map;

/** A started node of a flavour outside any cluster, for the node's plain classes; time stands still at zero. */
final class Nodes {
    private Nodes() {
    }

    static Mysqld started(String flavor) {
        Mysqld node = new Mysqld("source", 1, Flavors.standard().get(flavor), OptionFile.of(Map.of()),
                SemisyncPlugins.register(new PluginFactories()), () -> 0L);
        node.start();
        return node;
    }
}
