package io.semisyncsim.semisync;

import io.semisyncsim.server.plugin.PluginFactories;

/** Registers the semisync plugin kinds under the names the flavour tables use. */
public final class SemisyncPlugins {
    private SemisyncPlugins() {
    }

    public static PluginFactories register(PluginFactories factories) {
        return factories
                .register("semisync-source", SemisyncSourcePlugin::new)
                .register("semisync-replica", SemisyncReplicaPlugin::new);
    }
}
