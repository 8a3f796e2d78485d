package io.semisyncsim.server.plugin;

/** Creates a plugin of one kind when INSTALL PLUGIN or plugin-load-add loads it. */
@FunctionalInterface
public interface PluginFactory {
    Plugin create(PluginContext context);
}
