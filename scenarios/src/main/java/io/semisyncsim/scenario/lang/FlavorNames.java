package io.semisyncsim.scenario.lang;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.ReplicaStatus;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            case VARIABLES -> unknown(path.name(), variables(flavor), "no server or plugin variable of that name");
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
        all.addAll(flavor.builtinPlugins().values());
        return all;
    }

    private static List<String> variables(Flavor flavor) {
        TreeSet<String> names = new TreeSet<>();
        for (SysVarDef d : flavor.systemVariables().values()) {
            names.add(d.name());
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
