package io.semisyncsim.scenario.lang;

import java.util.List;

/**
 * Where a value is read: {@code NODE.status.NAME}, {@code NODE.variables.NAME}, {@code NODE.plugins.NAME},
 * {@code NODE.replica_status.FIELD}, {@code NODE.rows}, {@code NODE.log}, and {@code commits.count},
 * {@code commits.yes|no} (acknowledged by a replica or not), {@code commits.last.latency},
 * {@code commits.last.semisync}, {@code commits.latency.p50|p99|max}, and after a failover
 * {@code lost.acknowledged} and {@code lost.visible}; {@code NODE.gtid.executed|purged|errant}: the
 * node's GTIDs (MySQL's gtid_executed and gtid_purged, MariaDB's gtid_current_pos and what its oldest
 * binary log's Gtid_list says was before it) and what it executed that its source has not.
 */
public record ValuePath(String node, Kind kind, String name) {

    public enum Kind { STATUS, VARIABLES, PLUGINS, REPLICA_STATUS, ROWS, LOG, COMMITS, LOST, GTID }

    /** The names a {@code NODE.gtid.NAME} path takes. */
    public static final List<String> GTID_PATHS = List.of("executed", "purged", "errant");

    public static final List<String> COMMIT_PATHS = List.of("count", "yes", "no", "last.latency", "last.semisync",
            "latency.p50", "latency.p99", "latency.max");

    /** Parses {@code text}; returns null and fills {@code error[0]} when it is not a path. */
    public static ValuePath parse(String text, List<String> nodes, String[] error) {
        String[] parts = text.split("\\.", 3);
        if (parts[0].equals("commits")) {
            String rest = text.substring("commits".length()).replaceFirst("^\\.", "");
            if (COMMIT_PATHS.contains(rest)) {
                return new ValuePath(null, Kind.COMMITS, rest);
            }
            error[0] = "unknown commits path '" + Printable.clip(text) + "'" + Suggest.didYouMean(rest, COMMIT_PATHS)
                    + " (commits." + String.join(", commits.", COMMIT_PATHS) + ")";
            return null;
        }
        if (parts[0].equals("lost")) {
            String rest = text.substring("lost".length()).replaceFirst("^\\.", "");
            if (List.of("acknowledged", "visible").contains(rest)) {
                return new ValuePath(null, Kind.LOST, rest);
            }
            error[0] = "unknown lost path '" + Printable.clip(text) + "'" + Suggest.didYouMean(rest, List.of("acknowledged", "visible"))
                    + " (lost.acknowledged, lost.visible)";
            return null;
        }
        if (!nodes.contains(parts[0])) {
            error[0] = "unknown node '" + Printable.clip(parts[0]) + "' in path '" + Printable.clip(text) + "'" + Suggest.didYouMean(parts[0], nodes)
                    + " (nodes: " + String.join(", ", nodes) + ")";
            return null;
        }
        if (parts.length < 2) {
            error[0] = "path '" + Printable.clip(text) + "' needs a part after the node, e.g. " + parts[0] + ".status.NAME";
            return null;
        }
        Kind kind = switch (parts[1]) {
            case "status" -> Kind.STATUS;
            case "variables" -> Kind.VARIABLES;
            case "plugins" -> Kind.PLUGINS;
            case "replica_status" -> Kind.REPLICA_STATUS;
            case "rows" -> Kind.ROWS;
            case "log" -> Kind.LOG;
            case "gtid" -> Kind.GTID;
            default -> null;
        };
        if (kind == null) {
            error[0] = "unknown path part '" + Printable.clip(parts[1]) + "' in '" + Printable.clip(text) + "'" + Suggest.didYouMean(parts[1],
                    List.of("status", "variables", "plugins", "replica_status", "rows", "log", "gtid"));
            return null;
        }
        if (kind == Kind.GTID && (parts.length < 3 || !GTID_PATHS.contains(parts[2]))) {
            String name = parts.length < 3 ? "" : parts[2];
            error[0] = "unknown gtid path '" + Printable.clip(text) + "'" + Suggest.didYouMean(name, GTID_PATHS) + " ("
                    + parts[0] + ".gtid." + String.join(", " + parts[0] + ".gtid.", GTID_PATHS) + ")";
            return null;
        }
        if (kind == Kind.LOG || kind == Kind.ROWS) {
            if (parts.length > 2) {
                error[0] = "'" + Printable.clip(text) + "': " + parts[1] + " takes no name; write " + parts[0] + "." + parts[1]
                        + (kind == Kind.LOG ? ": contains \"text\"" : ": 10");
                return null;
            }
            return new ValuePath(parts[0], kind, null);
        }
        if (parts.length < 3 || parts[2].isEmpty()) {
            error[0] = "path '" + Printable.clip(text) + "' needs a name, e.g. " + parts[0] + "." + parts[1] + ".NAME";
            return null;
        }
        return new ValuePath(parts[0], kind, parts[2]);
    }

    @Override
    public String toString() {
        if (kind == Kind.COMMITS || kind == Kind.LOST) {
            return (kind == Kind.COMMITS ? "commits." : "lost.") + name;
        }
        return node + "." + kind.name().toLowerCase(java.util.Locale.ROOT) + (name == null ? "" : "." + name);
    }
}
