package io.semisyncsim.scenario;

import java.util.List;

/**
 * Where a value is read: {@code NODE.status.NAME}, {@code NODE.variables.NAME}, {@code NODE.plugins.NAME},
 * {@code NODE.log}. The other paths of the design (replica_status, rows, commits.*, lost.*) are refused
 * with a clear message until the replication model gives them a value.
 */
public record ValuePath(String node, Kind kind, String name) {

    public enum Kind { STATUS, VARIABLES, PLUGINS, LOG }

    static final List<String> NOT_YET = List.of("replica_status", "rows");

    /** Parses {@code text}; returns null and fills {@code error[0]} when it is not a path. */
    static ValuePath parse(String text, List<String> nodes, String[] error) {
        String[] parts = text.split("\\.", 3);
        if (parts[0].equals("commits") || parts[0].equals("lost")) {
            error[0] = "'" + text + "': commit and loss paths need the replication model, which is not simulated yet";
            return null;
        }
        if (!nodes.contains(parts[0])) {
            error[0] = "unknown node '" + parts[0] + "' in path '" + text + "'" + Suggest.didYouMean(parts[0], nodes)
                    + " (nodes: " + String.join(", ", nodes) + ")";
            return null;
        }
        if (parts.length < 2) {
            error[0] = "path '" + text + "' needs a part after the node, e.g. " + parts[0] + ".status.NAME";
            return null;
        }
        if (NOT_YET.contains(parts[1])) {
            error[0] = "'" + text + "': " + parts[1] + " needs the replication model, which is not simulated yet";
            return null;
        }
        Kind kind = switch (parts[1]) {
            case "status" -> Kind.STATUS;
            case "variables" -> Kind.VARIABLES;
            case "plugins" -> Kind.PLUGINS;
            case "log" -> Kind.LOG;
            default -> null;
        };
        if (kind == null) {
            error[0] = "unknown path part '" + parts[1] + "' in '" + text + "'"
                    + Suggest.didYouMean(parts[1], List.of("status", "variables", "plugins", "log"));
            return null;
        }
        if (kind == Kind.LOG) {
            if (parts.length > 2) {
                error[0] = "'" + text + "': log takes no name; write " + parts[0] + ".log: contains \"text\"";
                return null;
            }
            return new ValuePath(parts[0], kind, null);
        }
        if (parts.length < 3 || parts[2].isEmpty()) {
            error[0] = "path '" + text + "' needs a name, e.g. " + parts[0] + "." + parts[1] + ".NAME";
            return null;
        }
        return new ValuePath(parts[0], kind, parts[2]);
    }

    @Override
    public String toString() {
        return node + "." + kind.name().toLowerCase(java.util.Locale.ROOT) + (name == null ? "" : "." + name);
    }
}
