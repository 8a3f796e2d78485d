package io.semisyncsim.server.plugin;

/**
 * Where a plugin writes to the server's error log (MySQL's my_plugin_log_service): message {@code id}
 * of the flavour's table with {@code namedArgs} (name, value, ...), as the thread running now.
 */
@FunctionalInterface
public interface PluginLog {
    void log(String id, Object... namedArgs);
}
