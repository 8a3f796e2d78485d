package io.semisyncsim.server.plugin;

import java.util.Map;
import java.util.TreeMap;

/**
 * Plugin kinds by name ({@code semisync-source}): the flavour tables say which kind a plugin name is,
 * so a new behaviour is a registration here plus a line of configuration, with no server change.
 */
public final class PluginFactories {
    private final Map<String, PluginFactory> byKind = new TreeMap<>();

    public PluginFactories register(String kind, PluginFactory factory) {
        byKind.put(kind, factory);
        return this;
    }

    /** The factory of a kind, or null when the kind is unknown (the plugin then has no behaviour). */
    public PluginFactory get(String kind) {
        return kind == null ? null : byKind.get(kind);
    }
}
