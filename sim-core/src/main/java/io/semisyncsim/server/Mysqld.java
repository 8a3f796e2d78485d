package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.ErrorLog.Level;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.server.SystemVariables.Input;
import io.semisyncsim.server.plugin.Plugin;
import io.semisyncsim.server.plugin.PluginContext;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.server.plugin.PluginFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One simulated mysqld: lifecycle, option file, system and status variables, plugins, privileges and
 * error log. Statements are executed by {@link StatementExecutor}; this class keeps the state.
 */
public final class Mysqld {
    private final String name;
    private final long serverId;
    private final Flavor flavor;
    private final OptionFile optionFile;
    private final PluginFactories factories;
    private final LongSupplier clock;
    private final ErrorLog errorLog;
    private final PluginRegistry plugins = new PluginRegistry();
    /** SET PERSIST values (mysqld-auto.cnf), applied after the option file at every start. */
    private final SortedMap<String, String> persisted = new TreeMap<>();
    private SystemVariables variables;
    private NodeState state = NodeState.STOPPED;
    private long startedAt;
    private final StatementExecutor executor = new StatementExecutor(this);
    /** The last connection id handed out (CONNECTION_ID()), for sessions whose caller set none. */
    private long lastConnectionId;
    // What lives on disk and survives a restart: the binary log, the data and users, the replica's channel.
    private final io.semisyncsim.binlog.BinaryLog binlog;
    private final TableStore store;
    private final io.semisyncsim.replication.ReplicaChannel channel;
    private ReplicationControl replication = ReplicationControl.NONE;
    /** Where plugins' releases of held commits go: the node's actor. */
    private io.semisyncsim.server.plugin.WaitReleaser releaser = (waiter, semisync) -> { };

    public Mysqld(String name, long serverId, Flavor flavor, OptionFile optionFile, PluginFactories factories,
                  LongSupplier clock) {
        this.name = name;
        this.serverId = serverId;
        this.flavor = flavor;
        this.optionFile = optionFile;
        this.factories = factories;
        this.clock = clock;
        this.errorLog = new ErrorLog(flavor.errorLogStyle(), clock);
        this.store = new TableStore(flavor);
        this.binlog = new io.semisyncsim.binlog.BinaryLog(flavor.eventSizes(),
                Long.parseLong(flavor.systemVariables().get("max_binlog_size").defaultValue()), clock);
        this.channel = new io.semisyncsim.replication.ReplicaChannel(flavor.eventSizes().firstEventPos());
    }

    /** The actor that holds and releases commits for plugins. */
    public void setWaitReleaser(io.semisyncsim.server.plugin.WaitReleaser releaser) {
        this.releaser = releaser;
    }

    /** The actor that runs this node's replication threads. */
    public void setReplicationControl(ReplicationControl control) {
        this.replication = control;
    }

    ReplicationControl replication() {
        return replication;
    }

    public io.semisyncsim.binlog.BinaryLog binlog() {
        return binlog;
    }

    public TableStore store() {
        return store;
    }

    public io.semisyncsim.replication.ReplicaChannel channel() {
        return channel;
    }

    /** The source's server_uuid, for Master_UUID; set by the cluster. */
    private String sourceUuid = "";

    public void setSourceUuid(String uuid) {
        this.sourceUuid = uuid;
    }

    String sourceUuid() {
        return sourceUuid;
    }

    /** The clock of this node (virtual µs). */
    public long now() {
        return clock.getAsLong();
    }

    // --- lifecycle

    /**
     * Starts the server as mysqld does: server variables from the option file, plugins from
     * mysql.plugin and plugin-load-add, then the plugins' own options; an unknown variable without
     * {@code loose-} aborts the start with MySQL's error-log lines.
     */
    public NodeState start() {
        if (!state.canStart()) {
            throw new IllegalStateException(name + " is already running");
        }
        state = NodeState.STOPPED; // a failure below is this start's own
        startedAt = clock.getAsLong();
        variables = new SystemVariables(flavor);
        flavor.systemVariables().values().forEach(variables::define);
        variables.put(variables.find("server_id"), Long.toString(serverId));
        plugins.clearActive();
        log(Level.SYSTEM, 10116, "Server", "/usr/sbin/mysqld (mysqld " + flavor.version() + ") starting as process 1");

        List<OptionFile.Option> pending = new ArrayList<>();
        List<String> loadAdd = new ArrayList<>();
        for (OptionFile.Option o : optionFile.options()) {
            if (o.name().equals("plugin_load_add") || o.name().equals("plugin_load")) {
                loadAdd.add(o.value());
            } else if (!applyOption(o, variables.find(o.name()))) {
                pending.add(o);
            }
        }
        if (state == NodeState.FAILED_TO_START) {
            return abort();
        }
        for (var builtin : flavor.builtinPlugins().values()) {
            activate(builtin, true);
        }
        for (var row : plugins.mysqlPluginTable().entrySet()) {
            loadAtStart(row.getKey(), row.getValue());
        }
        for (String spec : loadAdd) {
            for (String item : spec.split(";")) {
                String[] parts = item.strip().split("=", 2);
                if (parts.length == 2) {
                    loadAtStart(parts[0].strip(), parts[1].strip());
                } else if (!parts[0].isEmpty()) {
                    List<String> held = flavor.library(parts[0]);
                    for (String plugin : held == null ? List.of(parts[0]) : held) {
                        loadAtStart(held == null ? null : plugin, parts[0]);
                    }
                }
            }
        }
        for (OptionFile.Option o : pending) {
            SysVarDef def = variables.find(o.name());
            if (def != null) {
                continue; // applied when its plugin was initialised
            }
            if (o.loose()) {
                log(Level.WARNING, 67, "Server", "unknown variable '" + o.asWritten() + "'.");
            } else {
                log(Level.ERROR, 67, "Server", "unknown variable '" + o.asWritten() + "'.");
                state = NodeState.FAILED_TO_START;
            }
        }
        if (state == NodeState.FAILED_TO_START) {
            return abort();
        }
        for (var p : persisted.entrySet()) {
            SysVarDef def = variables.find(p.getKey());
            if (def != null) {
                variables.put(def, p.getValue());
            }
        }
        state = NodeState.RUNNING;
        log(Level.SYSTEM, 10931, "Server", "/usr/sbin/mysqld: ready for connections. Version: '" + flavor.version()
                + "'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306.");
        return state;
    }

    private NodeState abort() {
        log(Level.ERROR, 10119, "Server", "Aborting");
        plugins.clearActive();
        state = NodeState.FAILED_TO_START;
        return state;
    }

    /** Process gone at once: no shutdown, nothing logged. Installed plugins stay in mysql.plugin. */
    public void crash() {
        state = NodeState.CRASHED;
        plugins.clearActive();
    }

    public void shutdown() {
        for (Plugin p : plugins.behaviours()) {
            p.deinit();
        }
        log(Level.SYSTEM, 10910, "Server", "/usr/sbin/mysqld: Shutdown complete (mysqld " + flavor.version() + ").");
        plugins.clearActive();
        state = NodeState.STOPPED;
    }

    /** Applies one option-file setting to a known variable. Returns false when the variable is unknown. */
    private boolean applyOption(OptionFile.Option o, SysVarDef def) {
        if (def == null) {
            return false;
        }
        try {
            variables.put(def, variables.validate(def, optionInput(o.value())).canonical());
        } catch (SqlError e) {
            log(Level.ERROR, 77, "Server", "option '" + o.name() + "': value '" + o.value() + "' is not valid.");
            state = NodeState.FAILED_TO_START;
        }
        return true;
    }

    private static Input optionInput(String value) {
        String v = value.strip();
        return v.matches("-?\\d+") ? new Input.Whole(new BigInteger(v)) : new Input.Text(v);
    }

    /** plugin-load-add or mysql.plugin at start: a failure is logged and the server goes on. */
    private void loadAtStart(String pluginName, String library) {
        try {
            if (pluginName == null) {
                throw flavor.error(1126, flavor.pluginDir() + library, 2, "No such file or directory");
            }
            install(pluginName, library);
        } catch (SqlError e) {
            log(Level.ERROR, 10176, "Server", "Couldn't load plugin named '" + pluginName + "' with soname '" + library
                    + "'.");
        }
    }

    // --- plugins

    /** The checks and steps of INSTALL PLUGIN after the privilege check (sql_plugin.cc plugin_add order). */
    List<Warning> install(String pluginName, String library) throws SqlError {
        if (!"YES".equals(variables.get("have_dynamic_loading"))) {
            throw flavor.error(1289, "plugin", "HAVE_DLOPEN");
        }
        if (plugins.find(pluginName) != null) {
            throw flavor.error(1125, pluginName);
        }
        List<String> held = flavor.library(library);
        if (held == null) {
            throw flavor.error(1126, variables.get("plugin_dir") + library, 2, "No such file or directory");
        }
        PluginDescriptor descriptor = held.stream().anyMatch(pluginName::equalsIgnoreCase)
                ? flavor.loadablePlugins().get(held.stream().filter(pluginName::equalsIgnoreCase).findFirst().get())
                : null;
        if (descriptor == null) {
            throw flavor.error(1127, pluginName);
        }
        if (descriptor.conflictsWith() != null && plugins.find(descriptor.conflictsWith()) != null) {
            throw flavor.error(4045, descriptor.name(), descriptor.conflictsWith());
        }
        activate(descriptor, false);
        plugins.remember(descriptor.name(), library);
        List<Warning> warnings = new ArrayList<>();
        if (descriptor.deprecatedBy() != null) {
            String text = flavor.errorText(1287, descriptor.name(), descriptor.deprecatedBy());
            warnings.add(new Warning("Note", 1287, text));
            log(Level.WARNING, 13360, "Server", "Plugin " + descriptor.name() + " reported: '" + text + "'");
        }
        return warnings;
    }

    /** Defines the plugin's variables, applies option-file settings for them, and starts its behaviour. */
    private void activate(PluginDescriptor descriptor, boolean builtin) {
        for (SysVarDef def : flavor.pluginVariables(descriptor)) {
            variables.define(def);
            for (OptionFile.Option o : optionFile.options()) {
                if (o.name().equals(def.name())) {
                    applyOption(o, def); // option files are read again at INSTALL PLUGIN, as mysqld does
                }
            }
        }
        PluginFactory factory = factories.get(descriptor.kind());
        Plugin behaviour = factory == null ? null
                : factory.create(new PluginContext(name, flavor, descriptor, variables, errorLog, clock,
                        (waiter, semisync) -> releaser.released(waiter, semisync)));
        plugins.add(new PluginRegistry.Active(descriptor, behaviour, builtin));
    }

    void uninstall(String pluginName) throws SqlError {
        PluginRegistry.Active plugin = plugins.find(pluginName);
        if (plugin == null) {
            throw flavor.error(1305, "PLUGIN", pluginName);
        }
        if (plugin.builtin()) {
            throw flavor.error(1619);
        }
        if (plugin.behaviour() != null) {
            String blocker = plugin.behaviour().uninstallBlocker();
            if (blocker != null) {
                throw flavor.error(1883, plugin.descriptor().name(), blocker);
            }
            plugin.behaviour().deinit();
        }
        for (SysVarDef def : flavor.pluginVariables(plugin.descriptor())) {
            variables.undefine(def.name());
        }
        plugins.remove(pluginName);
        plugins.forget(plugin.descriptor().name());
    }

    // --- statements

    /** Runs one statement as {@code account} on a connection of its own (autocommit). */
    public StatementResult execute(Account account, String sql) {
        return execute(account, sql, new Session());
    }

    /**
     * Runs one statement as {@code account} in {@code session}; a bad statement gets MySQL's error and
     * changes nothing. A committing statement answers {@link StatementResult.CommitNeeded}. The account
     * is looked up in this node's user table now (1045 when it has no such user). A statement ending in
     * {@code \G} answers a result set marked for vertical output. A session whose caller set no
     * connection id gets the next of this node's counter at its first statement.
     */
    public StatementResult execute(Account account, String sql, Session session) {
        if (session.connectionId() == 0) {
            session.setConnectionId(++lastConnectionId);
        }
        return executor.execute(account, sql, session);
    }

    // --- what scenarios and reports read (at quiescent instants)

    public String name() {
        return name;
    }

    public long serverId() {
        return serverId;
    }

    public Flavor flavor() {
        return flavor;
    }

    public NodeState state() {
        return state;
    }

    public ErrorLog errorLog() {
        return errorLog;
    }

    /** Null when the node is not running (variables do not exist then). */
    public SystemVariables variables() {
        return state == NodeState.RUNNING ? variables : null;
    }

    /** Every status variable, server's and plugins', by name. */
    public SortedMap<String, String> status() {
        SortedMap<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (state != NodeState.RUNNING) {
            return all;
        }
        all.put("Uptime", Long.toString((clock.getAsLong() - startedAt) / 1_000_000L));
        for (Plugin p : plugins.behaviours()) {
            all.putAll(p.status());
        }
        return all;
    }

    /** PLUGIN_STATUS of a plugin (ACTIVE), or null when it is not installed. */
    public String pluginStatus(String pluginName) {
        return state == NodeState.RUNNING && plugins.find(pluginName) != null ? "ACTIVE" : null;
    }

    /** The first installed plugin behaviour of the given type (a class or an observer interface), or null. */
    public <T> T plugin(Class<T> type) {
        for (Plugin p : plugins.behaviours()) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        return null;
    }

    // --- package-private, for the executor

    PluginRegistry plugins() {
        return plugins;
    }

    SortedMap<String, String> persisted() {
        return persisted;
    }

    private void log(Level level, int code, String subsystem, String text) {
        errorLog.write(level, code, subsystem, text);
    }
}
