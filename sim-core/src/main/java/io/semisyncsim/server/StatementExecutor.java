package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.sql.ParseException;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.sql.Statement.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Executes parsed admin statements against a {@link Mysqld}, with MySQL's checks in MySQL's order. */
final class StatementExecutor {
    private static final List<String> PLUGINS_COLUMNS = List.of("PLUGIN_NAME", "PLUGIN_VERSION", "PLUGIN_STATUS",
            "PLUGIN_TYPE", "PLUGIN_TYPE_VERSION", "PLUGIN_LIBRARY", "PLUGIN_LIBRARY_VERSION", "PLUGIN_AUTHOR",
            "PLUGIN_DESCRIPTION", "PLUGIN_LICENSE", "LOAD_OPTION");

    private final Mysqld server;
    private final ReplicationStatements replicationStatements;
    private final DmlStatements dml;

    StatementExecutor(Mysqld server) {
        this.server = server;
        this.replicationStatements = new ReplicationStatements(server);
        this.dml = new DmlStatements(server);
    }

    private Flavor flavor() {
        return server.flavor();
    }

    StatementResult execute(Account account, String sql, Session session) {
        if (server.state() != NodeState.RUNNING) {
            // The client cannot reach a server that is not running (CR_CONN_HOST_ERROR).
            return new StatementResult.Failed(new SqlError(2003, "HY000",
                    "Can't connect to MySQL server on '" + server.name() + ":3306' (111)"));
        }
        try {
            Statement statement = Parser.parse(sql, flavor().dialect());
            if (DmlStatements.handles(statement)) {
                return dml.run(account, statement, session);
            }
            return run(account, statement);
        } catch (ParseException e) {
            return new StatementResult.Failed(flavor().error(1064, near(sql, e.offset())));
        } catch (SqlError e) {
            return new StatementResult.Failed(e);
        }
    }

    /** MySQL quotes the statement from the offending token on, cut at 80 characters. */
    private static String near(String sql, int offset) {
        String rest = sql.substring(Math.min(offset, sql.length())).strip();
        if (rest.endsWith(";")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.length() > 80 ? rest.substring(0, 80) : rest;
    }

    private StatementResult run(Account account, Statement statement) throws SqlError {
        if (statement instanceof Statement.InstallPlugin s) {
            return install(account, s);
        } else if (statement instanceof Statement.UninstallPlugin s) {
            return uninstall(account, s);
        } else if (statement instanceof Statement.SetVariables s) {
            return set(account, s);
        } else if (statement instanceof Statement.SelectVariables s) {
            return selectVariables(s);
        } else if (statement instanceof Statement.SelectPlugins s) {
            return selectPlugins(s);
        } else if (statement instanceof Statement.Show s) {
            return s.status() ? showStatus(s.like()) : showVariables(s.like());
        } else if (statement instanceof Statement.ShowPlugins) {
            return showPlugins();
        } else if (statement instanceof Statement.ShowWarnings) {
            return showWarnings();
        } else if (statement instanceof Statement.FlushStatus) {
            return flushStatus(account);
        }
        return replicationStatements.run(account, statement);
    }

    static StatementResult ok(List<Warning> warnings) {
        return new StatementResult.Ok(0, warnings);
    }

    // --- plugins

    private StatementResult install(Account account, Statement.InstallPlugin s) throws SqlError {
        if (!account.has(Privilege.INSERT_MYSQL_PLUGIN)) {
            throw flavor().error(1142, "INSERT", account.user(), account.host(), "plugin");
        }
        return ok(server.install(s.name(), s.soname()));
    }

    private StatementResult uninstall(Account account, Statement.UninstallPlugin s) throws SqlError {
        if (!account.has(Privilege.DELETE_MYSQL_PLUGIN)) {
            throw flavor().error(1142, "DELETE", account.user(), account.host(), "plugin");
        }
        server.uninstall(s.name());
        return ok(List.of());
    }

    private StatementResult showPlugins() {
        List<List<String>> rows = new ArrayList<>();
        for (PluginRegistry.Active p : server.plugins().all()) {
            PluginDescriptor d = p.descriptor();
            rows.add(List.of(d.name(), "ACTIVE", d.type(), d.library() == null ? "NULL" : d.library(), d.license()));
        }
        return new StatementResult.Rows(ResultSet.of(List.of("Name", "Status", "Type", "Library", "License"), rows),
                List.of());
    }

    private StatementResult selectPlugins(Statement.SelectPlugins s) throws SqlError {
        List<String> columns = s.columns().isEmpty() ? PLUGINS_COLUMNS : s.columns();
        for (String c : columns) {
            if (!PLUGINS_COLUMNS.contains(c)) {
                throw flavor().error(1054, c, "field list");
            }
        }
        for (Statement.Comparison c : s.where()) {
            if (!PLUGINS_COLUMNS.contains(c.column())) {
                throw flavor().error(1054, c.column(), "where clause");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (PluginRegistry.Active p : server.plugins().all()) {
            List<String> full = pluginsRow(p);
            if (matches(full, s.where())) {
                List<String> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(full.get(PLUGINS_COLUMNS.indexOf(c)));
                }
                rows.add(row);
            }
        }
        return new StatementResult.Rows(ResultSet.of(columns, rows), List.of());
    }

    private List<String> pluginsRow(PluginRegistry.Active p) {
        PluginDescriptor d = p.descriptor();
        List<String> row = new ArrayList<>();
        row.add(d.name());
        row.add(d.version());
        row.add("ACTIVE");
        row.add(d.type());
        row.add(flavor().pluginTypeVersion(d.type()));
        row.add(d.library());
        row.add(d.library() == null ? null : flavor().pluginLibraryVersion());
        row.add(d.author());
        row.add(d.description());
        row.add(d.license());
        row.add(p.builtin() ? "FORCE" : "ON");
        return row;
    }

    private static boolean matches(List<String> row, List<Statement.Comparison> where) {
        for (Statement.Comparison c : where) {
            String value = row.get(PLUGINS_COLUMNS.indexOf(c.column()));
            boolean hit = value != null && switch (c.operator()) {
                case "LIKE" -> new Like(c.value()).matches(value);
                case "NOT LIKE" -> !new Like(c.value()).matches(value);
                default -> value.equalsIgnoreCase(c.value());
            };
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    // --- variables

    private StatementResult set(Account account, Statement.SetVariables s) throws SqlError {
        SystemVariables vars = server.variables();
        record Change(SysVarDef def, String value, boolean persist, boolean apply) {
        }
        List<Change> changes = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        // MySQL checks every assignment before applying any (sql_set_variables: check, then update).
        for (Statement.Assignment a : s.assignments()) {
            SysVarDef def = vars.require(a.name());
            if (a.scope() == Scope.DEFAULT || a.scope() == Scope.SESSION) {
                throw flavor().error(1229, def.name());
            }
            if (!def.dynamic() && a.scope() != Scope.PERSIST_ONLY) {
                throw flavor().error(1238, def.name(), "read only");
            }
            if (!account.has(Privilege.SUPER) && !account.has(Privilege.SYSTEM_VARIABLES_ADMIN)) {
                throw flavor().error(1227, flavor().privilegeForSetGlobal());
            }
            String value;
            if (a.value() == null) {
                value = def.defaultValue();
            } else {
                SystemVariables.Validated v = vars.validate(def, a.value());
                if (v.warning() != null) {
                    warnings.add(new Warning("Warning", 1292, v.warning()));
                }
                value = v.canonical();
            }
            boolean persist = a.scope() == Scope.PERSIST || a.scope() == Scope.PERSIST_ONLY;
            changes.add(new Change(def, value, persist, a.scope() != Scope.PERSIST_ONLY));
        }
        for (Change c : changes) {
            if (c.persist()) {
                server.persisted().put(c.def().name(), c.value());
            }
            if (c.apply()) {
                String old = vars.get(c.def().name());
                vars.put(c.def(), c.value());
                notifyOwner(c.def(), old, c.value());
            }
        }
        return ok(warnings);
    }

    private void notifyOwner(SysVarDef def, String oldValue, String newValue) {
        if (def.owner() == null) {
            return;
        }
        PluginRegistry.Active owner = server.plugins().owner(def.owner());
        if (owner != null && owner.behaviour() != null) {
            owner.behaviour().variableChanged(def, oldValue, newValue);
        }
    }

    private StatementResult selectVariables(Statement.SelectVariables s) throws SqlError {
        SystemVariables vars = server.variables();
        List<ResultSet.Column> columns = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (Statement.SelectItem item : s.items()) {
            SysVarDef def = vars.require(item.name());
            if (item.scope() == Scope.SESSION) {
                throw flavor().error(1238, def.name(), "GLOBAL");
            }
            columns.add(new ResultSet.Column(item.label(), def.isNumeric()));
            row.add(vars.selectValue(def));
        }
        return new StatementResult.Rows(new ResultSet(columns, List.of(row)), List.of());
    }

    private StatementResult showVariables(String like) {
        return nameValue(server.variables().all(), like);
    }

    private StatementResult showStatus(String like) {
        return nameValue(new ArrayList<>(server.status().entrySet()), like);
    }

    private static StatementResult nameValue(List<Map.Entry<String, String>> entries, String like) {
        Like pattern = like == null ? null : new Like(like);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (pattern == null || pattern.matches(e.getKey())) {
                rows.add(List.of(e.getKey(), e.getValue()));
            }
        }
        return new StatementResult.Rows(ResultSet.of(List.of("Variable_name", "Value"), rows), List.of());
    }

    private StatementResult showWarnings() {
        List<List<String>> rows = new ArrayList<>();
        for (Warning w : server.lastWarnings()) {
            rows.add(List.of(w.level(), Integer.toString(w.code()), w.message()));
        }
        return new StatementResult.Rows(new ResultSet(List.of(new ResultSet.Column("Level", false),
                new ResultSet.Column("Code", true), new ResultSet.Column("Message", false)), rows), List.of());
    }

    private StatementResult flushStatus(Account account) throws SqlError {
        if (!account.has(Privilege.RELOAD)) {
            throw flavor().error(1227, "RELOAD");
        }
        for (Plugin p : server.plugins().behaviours()) {
            p.flushStatus();
        }
        return ok(List.of());
    }
}
