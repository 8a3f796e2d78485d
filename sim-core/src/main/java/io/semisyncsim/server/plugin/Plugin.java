package io.semisyncsim.server.plugin;

import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.SortedMap;

/**
 * An installed plugin's behaviour as the server sees it: the status variables it exports, the side
 * effects of setting its variables, and whether it may be uninstalled now. A plugin kind is
 * registered under a name in {@link PluginFactories}; configuration maps plugin names to kinds.
 */
public interface Plugin {

    PluginDescriptor descriptor();

    /** The status variables it exports now, by name (computed at SHOW time, as MySQL's SHOW_FUNC). */
    SortedMap<String, String> status();

    /** A SET of one of its variables has been stored: run the setter's side effects. */
    default void variableChanged(SysVarDef variable, String oldValue, String newValue) {
    }

    /** Null when UNINSTALL PLUGIN may proceed; otherwise the reason text of error 1883. */
    default String uninstallBlocker() {
        return null;
    }

    /** RESET MASTER: the source plugin forgets positions and zeroes its counters. */
    default void resetMaster() {
    }

    /** FLUSH STATUS: reset the counters MySQL resets. */
    default void flushStatus() {
    }

    /** UNINSTALL PLUGIN. */
    default void deinit() {
    }

    /** A clean shutdown stops the plugin's threads (the ACK receiver); nothing is switched or logged otherwise. */
    default void shutdown() {
    }
}
