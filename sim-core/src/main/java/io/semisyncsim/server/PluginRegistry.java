package io.semisyncsim.server;

import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.plugin.Plugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plugins a node has, in the order they were started, and the {@code mysql.plugin} table, which
 * survives a restart and is replayed at start. A plugin is one name of one type: MariaDB's {@code uuid}
 * is two, a data type and a function (its plugin hash is per type, sql_plugin.cc plugin_hash).
 */
final class PluginRegistry {

    /** An active plugin; {@code behaviour} is null for plugins we list but do not model. */
    record Active(PluginDescriptor descriptor, Plugin behaviour, boolean builtin) {
    }

    private record Key(String name, String type) {
        static Key of(PluginDescriptor d) {
            return new Key(key(d.name()), d.type());
        }
    }

    private final Map<Key, Active> active = new LinkedHashMap<>();
    /** The first started plugin of each name, which a statement naming a plugin finds. */
    private final Map<String, Active> byName = new HashMap<>();
    /** The active behaviours in load order, rebuilt on every change: the commit path asks per transaction. */
    private List<Plugin> behaviours = List.of();
    /** mysql.plugin: name -> library, kept across restarts. */
    private final Map<String, String> mysqlPluginTable = new TreeMap<>();

    /**
     * The behaviours of each observer type, in load order, filled on first ask and emptied at every
     * change: hooks are still resolved through the registry at each call (an UNINSTALLed plugin is
     * never called again), without filtering the list per transaction. A handful of types are asked
     * for, several times per event: the types are compared by identity in a short array, which costs
     * less than a hash map's lookup (the profile of the headline bench showed that lookup at 5%).
     */
    private Class<?>[] types = new Class<?>[0];
    private List<?>[] ofTypes = new List<?>[0];

    void clearActive() {
        active.clear();
        byName.clear();
        behaviours = List.of();
        forgetTypes();
    }

    void add(Active plugin) {
        active.put(Key.of(plugin.descriptor()), plugin);
        byName.putIfAbsent(key(plugin.descriptor().name()), plugin);
        if (plugin.behaviour() != null) { // most compiled-in plugins have none: a server start adds seventy
            rebuildBehaviours();
        }
    }

    /** Removes the plugin {@link #owner} finds by that name; null when there is none. */
    Active remove(String name) {
        Active removed = byName.get(key(name));
        if (removed == null) {
            return null;
        }
        active.remove(Key.of(removed.descriptor()));
        byName.clear();
        for (Active a : active.values()) {
            byName.putIfAbsent(key(a.descriptor().name()), a);
        }
        rebuildBehaviours();
        return removed;
    }

    /** The plugin by name as the user sees it: code that is part of the server is not found. */
    Active find(String name) {
        Active a = byName.get(key(name));
        return a == null || !a.descriptor().listed() ? null : a;
    }

    /** The plugin or server part that owns variables of that name prefix, listed or not. */
    Active owner(String name) {
        return byName.get(key(name));
    }

    /**
     * What SHOW PLUGINS and INFORMATION_SCHEMA.PLUGINS list, in their order: the server's array of
     * plugins, where the compiled-in ones are registered first and those loaded from libraries after
     * them, whatever order they are started in (sql_plugin.cc plugin_init; MariaDB 10.11.19 lists
     * plugin-load-add's ed25519 after its last built-in, measured).
     */
    List<Active> all() {
        List<Active> out = new ArrayList<>(active.size());
        for (boolean builtins : new boolean[] {true, false}) {
            for (Active a : active.values()) {
                if (a.builtin() == builtins && a.descriptor().listed()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    List<Plugin> behaviours() {
        return behaviours;
    }

    /** The active behaviours that are a {@code type}, in load order. */
    @SuppressWarnings("unchecked")
    <T> List<T> ofType(Class<T> type) {
        Class<?>[] known = types;
        for (int i = 0; i < known.length; i++) {
            if (known[i] == type) {
                return (List<T>) ofTypes[i];
            }
        }
        List<T> out = new ArrayList<>(1);
        for (Plugin p : behaviours) {
            if (type.isInstance(p)) {
                out.add(type.cast(p));
            }
        }
        List<T> list = List.copyOf(out);
        types = java.util.Arrays.copyOf(known, known.length + 1);
        types[known.length] = type;
        ofTypes = java.util.Arrays.copyOf(ofTypes, known.length + 1);
        ofTypes[known.length] = list;
        return list;
    }

    private void forgetTypes() {
        types = new Class<?>[0];
        ofTypes = new List<?>[0];
    }

    private void rebuildBehaviours() {
        forgetTypes();
        List<Plugin> out = new ArrayList<>();
        for (Active a : active.values()) {
            if (a.behaviour() != null) {
                out.add(a.behaviour());
            }
        }
        behaviours = List.copyOf(out);
    }

    void remember(String name, String library) {
        mysqlPluginTable.put(name, library);
    }

    void forget(String name) {
        mysqlPluginTable.remove(name);
    }

    Map<String, String> mysqlPluginTable() {
        return new TreeMap<>(mysqlPluginTable);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT); // plugin names compare case-insensitively
    }
}
