package io.semisyncsim.scenario.lang;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.ReplicaStatus;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which names a flavour can ever have, so that a path naming something the flavour lacks (say
 * rpl_semi_sync_source_enabled on 5.7) is refused before the run instead of failing as "absent".
 */
public final class FlavorNames {
    private FlavorNames() {
    }

    /** Why {@code path} can never have a value on {@code flavor}, or null when it can. */
    public static String cannotExist(Flavor flavor, ValuePath path) {
        return switch (path.kind()) {
            case VARIABLES -> sessionOnly(flavor, path.name()) ? "'" + Printable.clip(path.name())
                    + "' has a session value only, and NODE.variables reads global values (SELECT @@"
                    + Printable.clip(path.name()) + " in a step reads a connection's)"
                    : unknown(path.name(), variables(flavor), "no server or plugin variable of that name");
            case PLUGINS -> unknown(path.name(), plugins(flavor), "no plugin of that name in the flavour");
            case STATUS -> path.name().toLowerCase(Locale.ROOT).startsWith("rpl_semi_sync_")
                    ? unknown(path.name(), semisyncStatus(flavor), "no semisync status variable of that name")
                    : null;
            case REPLICA_STATUS -> {
                List<String> columns = new ArrayList<>(ReplicaStatus.columns(flavor, false));
                columns.addAll(ReplicaStatus.columns(flavor, true));
                yield unknown(path.name(), columns, "no SHOW REPLICA STATUS column of that name");
            }
            default -> null;
        };
    }

    private static boolean sessionOnly(Flavor flavor, String name) {
        var def = flavor.systemVariables().get(name.toLowerCase(Locale.ROOT));
        return def != null && def.isSessionOnly();
    }

    /**
     * Why mysqld on {@code flavor} would not know option {@code o} of a node's option file at its first
     * start, or null when it would: a server variable, or one of a plugin the start loads (plugin-load-add,
     * a compiled-in plugin). Mirrors Mysqld.start, where such an option aborts the start ("unknown
     * variable"); with {@code loose-} mysqld only warns (my_getopt), so a loose option is told only when no
     * flavour has a variable of that name at all, a slip that would otherwise pass unnoticed.
     */
    public static String unknownOption(io.semisyncsim.flavor.Flavors all, Flavor flavor, OptionFile file,
                                       OptionFile.Option o) {
        String name = o.name();
        if (o.loose()) {
            for (String any : all.names()) {
                if (variables(all.get(any)).contains(name)) {
                    return null;
                }
            }
            return "no flavour has a variable '" + Printable.clip(name) + "'" + closest(name, variables(flavor))
                    + " (loose- makes mysqld only warn of it, so the setting would be ignored)";
        }
        SysVarDef def = definition(flavor, file, o);
        if (def != null) {
            return def.setModelled() ? null
                    : name + " is an option of " + flavor.name() + " that semisync-sim shows but does not model yet";
        }
        for (PluginDescriptor p : flavor.loadablePlugins().values()) {
            for (SysVarDef d : flavor.pluginVariables(p)) {
                if (d.name().equals(name)) {
                    return name + " is a variable of plugin " + p.name() + ", which " + flavor.name()
                            + " does not load at start here; load it with plugin-load-add: " + p.library()
                            + ", or write loose-" + name + " to set it once INSTALL PLUGIN loads it";
                }
            }
        }
        if (notModelled(flavor, name)) {
            return name + " is an option of " + flavor.name() + " that semisync-sim does not model yet";
        }
        return "unknown variable '" + Printable.clip(name) + "' on " + flavor.name() + closest(name, variables(flavor));
    }

    /**
     * Whether {@code name} is an option a real server of {@code flavor} starts with that the model lacks: in
     * the server's own list where there is one ({@link Flavor#optionNames}), else in the flavour's list of
     * variables the model knows it does not model.
     */
    public static boolean notModelled(Flavor flavor, String name) {
        java.util.Set<String> real = flavor.optionNames();
        return real != null ? real.contains(name) : flavor.sql().unmodelledVariables().contains(name)
                || flavor.sql().unmodelledOptions().contains(name);
    }

    /**
     * The variable option {@code o} sets at the node's first start on {@code flavor}: a server variable, or
     * one of a plugin the start loads; null when mysqld would not know it.
     */
    public static SysVarDef definition(Flavor flavor, OptionFile file, OptionFile.Option o) {
        String name = o.name();
        for (SysVarDef d : flavor.systemVariables().values()) {
            if (d.name().equals(name) && !flavor.aliasOnlyVariables().contains(name)
                    || name.equalsIgnoreCase(d.alias())) {
                return d;
            }
        }
        for (PluginDescriptor p : loadedAtStart(flavor, file).values()) {
            for (SysVarDef d : flavor.pluginVariables(p)) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
        }
        return null;
    }

    /**
     * Why a scenario may not give option {@code o} this value on {@code flavor}, or null. A value my_getopt
     * refuses stops mysqld before its error log opens, a start this simulator does not play (its lines are on
     * mysqld's standard error); a boolean it does not recognise starts the server with it OFF, which a
     * scenario says plainly instead ({@link io.semisyncsim.server.OptionValue}).
     */
    public static String badOptionValue(Flavor flavor, OptionFile file, OptionFile.Option o) {
        SysVarDef def = definition(flavor, file, o);
        if (def == null) {
            return null;
        }
        String value = "value '" + Printable.clip(o.value()) + "' of " + o.name();
        String program = flavor.isMariaDb() ? "mariadbd" : "mysqld";
        var reading = io.semisyncsim.server.OptionValue.read(flavor, def, o.value());
        if (reading instanceof io.semisyncsim.server.OptionValue.Refused refused) {
            return value + " is not valid on " + flavor.name() + typeHint(def) + ": " + program + " would print \""
                    + refused.first() + "\" and not start";
        }
        String warning = ((io.semisyncsim.server.OptionValue.Taken) reading).warning();
        if (def.type() == io.semisyncsim.sysvar.VarType.BOOL && warning != null) {
            return value + " is not a boolean on " + flavor.name() + typeHint(def) + ": " + program + " would warn \""
                    + warning + "\" and start with it OFF; write OFF if that is meant";
        }
        return null;
    }

    private static String typeHint(SysVarDef def) {
        return switch (def.type()) {
            case BOOL -> " (ON, OFF, TRUE, FALSE, 1 or 0)";
            case ENUM -> def.values().isEmpty() ? "" : " (one of " + String.join(", ", def.values()) + ")";
            case ULONG -> " (a whole number, with K, M, G... for powers of 1024)";
            case STRING -> "";
        };
    }

    /**
     * {@code "; did you mean 'x'?"} for the known name nearest to {@code name} or to it in the other name
     * family (master/slave for source/replica and back: the likeliest slip across flavours), else "".
     */
    private static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String variant : List.of(name, name.replace("source", "master").replace("replica", "slave"),
                name.replace("master", "source").replace("slave", "replica"))) {
            for (String k : known) {
                int d = Suggest.distance(variant, k.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    /** The plugins a start with {@code file} has: compiled-in ones, and those plugin-load-add names. */
    private static Map<String, PluginDescriptor> loadedAtStart(Flavor flavor, OptionFile file) {
        Map<String, PluginDescriptor> out = new TreeMap<>();
        for (PluginDescriptor p : flavor.builtinPlugins()) {
            out.putIfAbsent(p.name(), p);
        }
        for (OptionFile.Option o : file.options()) {
            if (!o.name().equals("plugin_load_add") && !o.name().equals("plugin_load")) {
                continue;
            }
            for (String item : o.value().split(";")) { // sql_plugin.cc plugin_load_list: [name=]library;...
                String[] parts = item.strip().split("=", 2);
                List<String> held = flavor.library(parts[parts.length - 1].strip());
                for (String plugin : held == null ? List.<String>of() : held) {
                    if (parts.length == 1 || plugin.equalsIgnoreCase(parts[0].strip())) {
                        out.put(plugin, flavor.loadablePlugins().get(plugin));
                    }
                }
            }
        }
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    private static String unknown(String name, List<String> known, String what) {
        for (String k : known) {
            if (k.equalsIgnoreCase(name)) {
                return null;
            }
        }
        // The likeliest slip is the other name family: source/replica on 5.7, master/slave on MariaDB.
        String lower = name.toLowerCase(Locale.ROOT);
        for (String other : List.of(
                lower.replace("source", "master").replace("replica", "slave"),
                lower.replace("master", "source").replace("slave", "replica"))) {
            for (String k : known) {
                if (!other.equals(lower) && k.equalsIgnoreCase(other)) {
                    return what + "; did you mean '" + k + "'?";
                }
            }
        }
        return what + Suggest.didYouMean(name, known);
    }

    private static List<PluginDescriptor> allPlugins(Flavor flavor) {
        List<PluginDescriptor> all = new ArrayList<>(flavor.loadablePlugins().values());
        all.addAll(flavor.builtinPlugins());
        return all;
    }

    private static List<String> variables(Flavor flavor) {
        TreeSet<String> names = new TreeSet<>();
        for (SysVarDef d : flavor.systemVariables().values()) {
            if (!flavor.aliasOnlyVariables().contains(d.name())) {
                names.add(d.name());
            }
            if (d.alias() != null) {
                names.add(d.alias());
            }
        }
        for (PluginDescriptor p : allPlugins(flavor)) {
            for (SysVarDef d : flavor.pluginVariables(p)) {
                names.add(d.name());
            }
        }
        return new ArrayList<>(names);
    }

    private static List<String> plugins(Flavor flavor) {
        List<String> names = new ArrayList<>();
        for (PluginDescriptor p : allPlugins(flavor)) {
            if (p.listed()) { // MariaDB's semisync is part of the server: no plugin to look at
                names.add(p.name());
            }
        }
        return names;
    }

    private static List<String> semisyncStatus(Flavor flavor) {
        TreeSet<String> names = new TreeSet<>();
        for (PluginDescriptor p : allPlugins(flavor)) {
            if ("semisync-source".equals(p.kind())) {
                for (String suffix : SemisyncSourcePlugin.statusSuffixes(flavor)) {
                    names.add("Rpl_semi_sync_" + p.terms().source() + "_" + suffix);
                }
            } else if ("semisync-replica".equals(p.kind())) {
                names.add("Rpl_semi_sync_" + p.terms().replica() + "_status");
                if (flavor.semisyncRules().ackCounters()) {
                    names.add("Rpl_semi_sync_" + p.terms().replica() + "_send_ack");
                }
            }
        }
        return new ArrayList<>(names);
    }
}
