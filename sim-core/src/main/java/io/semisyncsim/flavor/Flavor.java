package io.semisyncsim.flavor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.sysvar.VarType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One flavour table (mysql-5.7, mysql-8.0, mysql-8.4, mariadb-10.11): names, plugin libraries,
 * defaults, error texts and log style, read from configuration so that a new flavour is a new table.
 */
public final class Flavor {
    private final String name;
    private final Config table;
    private final Map<String, PluginDescriptor> plugins = new TreeMap<>();
    private final List<PluginDescriptor> builtinPlugins = new ArrayList<>();
    private final Map<String, List<String>> libraries = new TreeMap<>();
    private final Map<String, SysVarDef> systemVariables = new TreeMap<>();
    private final Map<String, List<SysVarDef>> pluginKindVariables = new TreeMap<>();
    private final Map<String, String> variableDefaults = new TreeMap<>();
    private final Map<String, LogMessage> logMessages;
    private final SemisyncRules semisyncRules;
    private final ThreadStyle threadStyle;
    private final ReplicaRetries replicaRetries;
    private final List<String> replicationStatus;
    private final List<String> connectionStatus;
    private final java.util.Set<String> aliasOnly = new java.util.TreeSet<>();
    /** Values read off the table, each once: it never changes, and every read of a path parses the path. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> read = new java.util.concurrent.ConcurrentHashMap<>();

    Flavor(String name, Config table, Config pluginKinds) {
        this.name = name;
        this.table = table;
        for (Map.Entry<String, ConfigObject> e : objects(table.getConfig("plugins")).entrySet()) {
            plugins.put(e.getKey(), PluginDescriptor.from(e.getKey(), e.getValue().toConfig(), null));
        }
        for (Config c : table.getConfigList("builtin-plugins")) {
            builtinPlugins.add(PluginDescriptor.from(c.getString("name"), c, null));
        }
        for (String lib : table.getObject("libraries").keySet()) {
            List<String> held = table.getStringList("libraries." + quote(lib));
            libraries.put(lib, held);
            for (String plugin : held) {
                plugins.computeIfPresent(plugin, (k, d) -> d.withLibrary(lib));
            }
        }
        for (Config v : table.getConfigList("system-variables")) {
            SysVarDef def = variable(v, "");
            systemVariables.put(def.name(), def); // later definitions override earlier ones
            if (v.hasPath("only-alias") && v.getBoolean("only-alias")) {
                aliasOnly.add(def.name());
            } else {
                aliasOnly.remove(def.name());
            }
        }
        for (String absent : table.getStringList("system-variables-absent")) {
            systemVariables.remove(absent);
            aliasOnly.remove(absent);
        }
        Config defaults = table.getConfig("plugin-variable-defaults");
        for (String kind : pluginKinds.root().keySet()) {
            List<SysVarDef> vars = new ArrayList<>();
            for (Config v : pluginKinds.getConfigList(kind + ".variables")) {
                vars.add(variable(v, ""));
            }
            pluginKindVariables.put(kind, vars);
        }
        for (String key : defaults.root().keySet()) {
            variableDefaults.put(key.toLowerCase(Locale.ROOT), defaults.getString(quote(key)));
        }
        this.logMessages = LogMessage.all(table.getConfig("error-log.messages"));
        this.semisyncRules = SemisyncRules.from(table.getConfig("semisync"));
        this.threadStyle = ThreadStyle.from(table.getConfig("threads"));
        this.replicaRetries = ReplicaRetries.from(table.getConfig("replica-retries"));
        this.replicationStatus = List.copyOf(table.getStringList("replication-status"));
        this.connectionStatus = List.copyOf(table.getStringList("connection-status"));
    }

    /** SHOW SLAVE STATUS's columns ({@code newNames}: SHOW REPLICA STATUS's), in this release's order. */
    public List<String> replicaStatusColumns(boolean newNames) {
        return table.getStringList(newNames ? "replica-status.new-columns" : "replica-status.columns");
    }

    /** A replica-status setting: retry-count, info-file. */
    public String replicaStatusSetting(String key) {
        String path = "replica-status." + key;
        return table.hasPath(path) ? string(path) : "";
    }

    /** Who a SIGTERM shutdown is "initiated by" in the log (MySQL: {@code <via user signal>}). */
    public String shutdownSignalUser() {
        return string("shutdown-signal-user");
    }

    /** Who SHUTDOWN was run by, as the shutdown line names {@code user}. */
    public String shutdownStatementUser(String user) {
        return string("shutdown-statement-user").replace("{user}", user);
    }

    /** The client library's message when a replica cannot reach its source ({@code replica-errors.cannot-connect}). */
    public String replicaCannotConnect(Object... namedArgs) {
        return replicaText("cannot-connect", namedArgs);
    }

    /** The client library's message for a MASTER_HOST no resolver knows ({@code replica-errors.unknown-host}). */
    public String replicaUnknownHost(Object... namedArgs) {
        return replicaText("unknown-host", namedArgs);
    }

    /**
     * The client library's message when the source's OS took the connection but its greeting never came
     * ({@code replica-errors.no-greeting}: CR_SERVER_LOST_EXTENDED, 2013).
     */
    public String replicaLostGreeting(Object... namedArgs) {
        return replicaText("no-greeting", namedArgs);
    }

    /**
     * Last_SQL_Error of a replicated transaction the SQL thread could not apply, with {@code {named}}
     * arguments: {@code rows}, as a rows event reports it (slave_rows_error_report), else as a statement does
     * (Query_log_event::do_apply_event).
     */
    public String replicaApplyError(boolean rows, Object... namedArgs) {
        return replicaText(rows ? "apply-rows" : "apply-query", namedArgs);
    }

    /** Last_SQL_Error of a rows event's error that no handler error goes with (replica-errors.apply-rows-no-handler). */
    public String replicaApplyErrorNoHandler(Object... namedArgs) {
        return replicaText("apply-rows-no-handler", namedArgs);
    }

    /** Last_SQL_Error of a rows event whose table the replica does not have (replica-errors.apply-open). */
    public String replicaApplyOpenError(Object... namedArgs) {
        return replicaText("apply-open", namedArgs);
    }

    /** What the SQL thread's errors call a rows event of {@code type} (Log_event::get_type_str). */
    public String rowsEventName(io.semisyncsim.binlog.EventType type) {
        return string("replica-errors.rows-events." + type.name());
    }

    /** Last_IO_Error after a failed connect, with {@code {named}} arguments. */
    public String replicaConnectError(Object... namedArgs) {
        return replicaText("connect", namedArgs);
    }

    /** A replica's status text {@code replica-errors.NAME}, its {@code {named}} arguments filled. */
    private String replicaText(String name, Object... namedArgs) {
        String key = "replica-errors." + name;
        return new LogMessage(key, "ERROR", 0, "Repl", string(key), 0).format(namedArgs);
    }

    /** Last_IO_Errno when the source refuses a dump (8.0: 13114; 5.7 and MariaDB: the source's 1236). */
    public int replicaFatalErrno() {
        return integer("replica-errors.fatal-errno");
    }

    /** The reason in error 1883 when UNINSTALL of the source plugin is refused (clients connected). */
    public String uninstallBlockedBySource() {
        return string("uninstall-blocked.source");
    }

    /** The reason in error 1883 when UNINSTALL of the replica plugin is refused (its status is ON). */
    public String uninstallBlockedByReplica() {
        return string("uninstall-blocked.replica");
    }

    /** Where this flavour's semisync code differs from the others'. */
    public SemisyncRules semisyncRules() {
        return semisyncRules;
    }

    /** How the SQL thread waits for a row and tries a transaction again (flavors.conf replica-retries). */
    public ReplicaRetries replicaRetries() {
        return replicaRetries;
    }

    /** How this flavour numbers and names its threads. */
    public ThreadStyle threadStyle() {
        return threadStyle;
    }

    /** An error-log message as this flavour writes it, or null when it never writes it. */
    public LogMessage logMessage(String id) {
        return logMessages.get(id);
    }

    /** Every id the error-log table names, written or not (for the test that every used id exists). */
    public java.util.Set<String> logMessageIds() {
        return table.getConfig("error-log.messages").root().keySet();
    }

    /**
     * {@code compute}'s value for this flavour and {@code key} (a path, or a derived value's name), computed at
     * the first call. {@code compute} takes both rather than capturing them, so a call allocates nothing.
     */
    @SuppressWarnings("unchecked")
    private <T> T once(String key, java.util.function.BiFunction<Flavor, String, T> compute) {
        Object value = read.get(key);
        if (value == null) {
            value = compute.apply(this, key);
            Object first = read.putIfAbsent(key, value); // a sweep's other thread may have read it too
            if (first != null) {
                value = first;
            }
        }
        return (T) value;
    }

    private boolean bool(String path) {
        return once(path, (f, p) -> f.table.getBoolean(p));
    }

    private String string(String path) {
        return once(path, (f, p) -> f.table.getString(p));
    }

    private int integer(String path) {
        return once(path, (f, p) -> f.table.getInt(p));
    }

    /** Whether the table has {@code path}, set or null ("never written"): for the test of text keys. */
    boolean hasEntry(String path) {
        return table.hasPathOrNull(path);
    }

    /** The {@code field} of the entry at {@code path}, or null when the table sets the entry to null. */
    String entryText(String path, String field) {
        return table.getIsNull(path) ? null : string(path + "." + field);
    }

    /** The variable that decides which levels are written: log_error_verbosity, or MariaDB's log_warnings. */
    public String logVerbosityVariable() {
        return string("error-log.verbosity-variable");
    }

    /** The least verbosity at which a level is written (0: always). */
    public int logShownAt(String level) {
        return integer("error-log.shown-at." + level);
    }

    private static Map<String, ConfigObject> objects(Config c) {
        Map<String, ConfigObject> out = new TreeMap<>();
        for (String key : c.root().keySet()) {
            out.put(key, c.getObject(quote(key)));
        }
        return out;
    }

    static String quote(String key) {
        return "\"" + key + "\"";
    }

    private static SysVarDef variable(Config v, String owner) {
        VarType type = VarType.valueOf(v.getString("type").toUpperCase(Locale.ROOT));
        return new SysVarDef(
                v.getString("name"),
                type,
                v.getString("default"),
                v.hasPath("min") ? v.getString("min") : null,
                v.hasPath("max") ? v.getString("max") : null,
                v.hasPath("values") ? v.getStringList("values") : List.of(),
                !v.hasPath("dynamic") || v.getBoolean("dynamic"),
                owner.isEmpty() ? null : owner,
                v.hasPath("alias") ? v.getString("alias") : null,
                v.hasPath("block-size") ? v.getLong("block-size") : 1,
                !v.hasPath("session") ? null : new SysVarDef.SessionScope(
                        v.hasPath("session.error-in-transaction") ? v.getInt("session.error-in-transaction") : 0,
                        !v.hasPath("session.modelled") || v.getBoolean("session.modelled"),
                        v.hasPath("session.shared") && v.getBoolean("session.shared"),
                        v.hasPath("session.only") && v.getBoolean("session.only")),
                !v.hasPath("set-modelled") || v.getBoolean("set-modelled"));
    }

    private java.util.Set<String> optionNames;

    /**
     * The names a real server of this flavour accepts in its option file (flavors.conf {@code option-names},
     * read off the server's --verbose --help); null when there is no such list for this flavour.
     */
    public synchronized java.util.Set<String> optionNames() {
        if (optionNames == null) {
            optionNames = names("option-names");
        }
        return optionNames;
    }

    private java.util.Set<String> variableNames;

    /**
     * The system variables a real server of this flavour shows (flavors.conf {@code variable-names}, read off
     * its SHOW SESSION VARIABLES); null when there is no such list for this flavour.
     */
    public synchronized java.util.Set<String> variableNames() {
        if (variableNames == null) {
            variableNames = names("variable-names");
        }
        return variableNames;
    }

    private java.util.Set<String> statusNames;

    /**
     * The status variables a real server of this flavour shows (flavors.conf {@code status-names}, read off
     * its SHOW STATUS); null when there is no such list for this flavour.
     */
    public synchronized java.util.Set<String> statusNames() {
        if (statusNames == null) {
            statusNames = names("status-names");
        }
        return statusNames;
    }

    /** A list of names in the resource flavors.conf's {@code key} names, one per line; null when it names none. */
    private java.util.Set<String> names(String key) {
        if (table.getIsNull(key)) {
            return null;
        }
        String resource = string(key);
        try (java.io.InputStream in = Flavor.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("flavors.conf names a missing resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::strip)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String product() {
        return string("product");
    }

    public String version() {
        return string("version");
    }

    public String pluginDir() {
        return string("plugin-dir");
    }

    /**
     * An operator's statement in this release's spelling (flavors.conf {@code operator-statements}),
     * its {@code {name}} placeholders filled from {@code values}; a placeholder not given is left empty.
     */
    public String operatorStatement(String name, java.util.Map<String, ?> values) {
        String text = string("operator-statements." + name);
        for (var v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", String.valueOf(v.getValue()));
        }
        return text.indexOf('{') < 0 ? text : PLACEHOLDER.matcher(text).replaceAll("");
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[a-z]+\\}");

    public String operatorStatement(String name) {
        return operatorStatement(name, java.util.Map.of());
    }

    /** How mysqld reads an option file's values, and what it prints about them (flavors.conf {@code option-file}). */
    public Config optionFile() {
        return table.getConfig("option-file");
    }

    /** The data directory a packaged server uses, as its log lines name files in it. */
    public String datadir() {
        return string("datadir");
    }

    public ErrorLogStyle errorLogStyle() {
        return ErrorLogStyle.valueOf(string("error-log-style").toUpperCase(Locale.ROOT));
    }

    /**
     * The character set of a table that names none, as row-format events count its strings (flavors.conf
     * binlog.row-format-charset); null: the flavour writes row events at the fixed sizes of its layout.
     */
    public String rowFormatCharset() {
        return table.hasPath("binlog.row-format-charset") ? string("binlog.row-format-charset") : null;
    }

    /** The binary log layout of this flavour. */
    public io.semisyncsim.binlog.EventSizes eventSizes() {
        return once("eventSizes()", (f, k) -> f.readEventSizes());
    }

    private io.semisyncsim.binlog.EventSizes readEventSizes() {
        Config b = table.getConfig("binlog");
        return new io.semisyncsim.binlog.EventSizes(b.getString("basename"), b.getInt("format-description"),
                headers(b.getConfigList("header")), headers(b.getConfigList("relay-header")), b.getInt("gtid-event"),
                b.getBoolean("begin-event"), b.getInt("query-event-base"), b.getInt("ddl-query-event-base"),
                b.hasPath("ddl-xid-extra") ? b.getInt("ddl-xid-extra") : 0,
                b.hasPath("invoker-base") ? b.getInt("invoker-base") : 0,
                b.getInt("table-map-event"),
                b.getInt("rows-event-base"), b.getInt("row-bytes"), b.getInt("xid-event"), b.getInt("intvar-event"), b.getInt("rotate-event-base"),
                b.getInt("stop-event"), new io.semisyncsim.binlog.EventSizes.GtidSizes(b.getInt("gtid-event-replicated"),
                        b.getInt("previous-gtids-per-sid"), b.getInt("previous-gtids-per-interval"),
                        b.getInt("gtid-list-first-entry"), b.getInt("gtid-list-per-entry"),
                        b.hasPath("gtid-group-commit-id") ? b.getInt("gtid-group-commit-id") : 0,
                        b.hasPath("gtid-transaction-length") && b.getBoolean("gtid-transaction-length")),
                b.hasPath("replicated-ends-with-xid") && b.getBoolean("replicated-ends-with-xid"));
    }

    private static List<io.semisyncsim.binlog.EventSizes.Header> headers(List<? extends Config> list) {
        List<io.semisyncsim.binlog.EventSizes.Header> out = new ArrayList<>();
        for (Config h : list) {
            out.add(new io.semisyncsim.binlog.EventSizes.Header(
                    io.semisyncsim.binlog.EventType.valueOf(h.getString("type")), h.getInt("size"),
                    h.hasPath("plus-file-name") && h.getBoolean("plus-file-name")));
        }
        return List.copyOf(out); // shared: the layout is read once per flavour
    }

    /** The statement spellings this flavour accepts, and the executable comments it runs. */
    public io.semisyncsim.sql.Dialect dialect() {
        return once("dialect()", (f, k) -> f.readDialect());
    }

    private io.semisyncsim.sql.Dialect readDialect() {
        Config c = table.getConfig("sql.executable-comments");
        return new io.semisyncsim.sql.Dialect(bool("legacy-replication-syntax"),
                bool("replica-keyword"), bool("binary-log-status"), bool("persist"),
                new io.semisyncsim.sql.Dialect.ExecutableComments(versionId(), c.getInt("max-digits"),
                        c.getLong("ignore-from"), c.getLong("ignore-to"), c.getBoolean("mariadb-marker")),
                bool("change-replication-source"), bool("binlog-status"),
                java.util.Set.copyOf(table.getStringList("sql.reserved-words")));
    }

    /** MYSQL_VERSION_ID: 8.0.36 is 80036, 10.11.9-MariaDB is 101109. */
    public long versionId() {
        return once("versionId()", (f, k) -> f.readVersionId());
    }

    private long readVersionId() {
        String[] parts = version().split("[.-]");
        return Long.parseLong(parts[0]) * 10_000 + Long.parseLong(parts[1]) * 100 + Long.parseLong(parts[2]);
    }

    public boolean isMariaDb() {
        return product().equals("MariaDB");
    }

    /** How this server parses and answers SQL (flavors.conf {@code sql}). */
    public SqlRules sql() {
        return new SqlRules(table.getConfig("sql"));
    }

    /** The privileges this server has and what its statements need (flavors.conf {@code privileges}). */
    public Privileges privileges() {
        return new Privileges(table.getConfig("privileges"));
    }

    /** flavors.conf {@code sql}: typed reads of the rules that differ between servers. */
    public record SqlRules(Config c) {
        /**
         * The functions that wait for the replica: the position wait's names, the deprecated one (null: none),
         * and whether a timeout is read as whole seconds with 0 or less for ever (MariaDB) or as fractional
         * seconds with 0 for ever and a negative one refused (MySQL).
         */
        public record WaitFunctions(java.util.List<String> position, String positionDeprecated, boolean wholeSeconds) {
        }

        /**
         * Whether RESET SLAVE (not ALL) turns a positional channel to gtid_slave_pos and leaves the relay log
         * uninitialised until a thread starts (MariaDB 10.11's reset_slave).
         */
        public boolean resetReplicaUsesGtid() {
            return c.getBoolean("reset-replica-uses-gtid");
        }

        /** Whether CREATE TABLE IF NOT EXISTS of a table that exists is written to the binary log (MySQL). */
        public boolean logsCreateTableThatExists() {
            return c.getBoolean("logs-create-table-that-exists");
        }

        /**
         * Whether a replica that logs in rows a replicated transaction whose statements changed no row here
         * still writes it as an empty group (Gtid, BEGIN, COMMIT) when it has a GTID (MySQL), or writes nothing.
         */
        public boolean replicaLogsEmptyGtidGroups() {
            return c.getBoolean("replica-logs-empty-gtid-groups");
        }

        /**
         * The type a string is compared as against an integer or a decimal, which its 1292 names: MariaDB's
         * DECIMAL (measured on 10.11.18), MySQL's DOUBLE (item_cmpfunc.cc; code-read).
         */
        public String stringNumberComparison() {
            return c.getString("string-number-comparison");
        }

        /** Whether a number read from a string that trailing spaces follow gets a Note 1292 (MariaDB). */
        public boolean trailingSpaceNumberNote() {
            return c.getBoolean("trailing-space-number-note");
        }

        /** Whether UPDATE IGNORE gives Warning 1062 for a row it leaves for a duplicate key (MySQL) or not (MariaDB). */
        public boolean updateIgnoreWarnsDuplicate() {
            return c.getBoolean("update-ignore-warns-duplicate");
        }

        /** Whether a UNIQUE key on a TEXT column is kept whole as a hash (MariaDB's long unique keys). */
        public boolean textUniqueKeysHashed() {
            return c.getBoolean("text-unique-keys-hashed");
        }

        /** max_allowed_packet's default: a function's result longer than it is NULL (Warning 1301). */
        public long maxAllowedPacket() {
            return c.getLong("max-allowed-packet");
        }

        /** Whether JSON is MariaDB's alias of a LONGTEXT checked by json_valid (else MySQL's type, not modelled). */
        public boolean jsonIsLongtext() {
            return c.getBoolean("json-is-longtext");
        }

        /** Whether a second's digits past a DATETIME's or TIMESTAMP's precision are rounded (MySQL) or cut off. */
        public boolean roundFractions() {
            return c.getBoolean("round-fractions");
        }

        /** Whether DEFAULT CURRENT_TIMESTAMP(n) must give the column's own precision (MySQL: else 1067). */
        public boolean nowDefaultFspMustMatch() {
            return c.getBoolean("now-default-fsp-must-match");
        }

        /** Whether RAND() in an INSERT's values is safe to write as a statement (MariaDB) or never (MySQL). */
        public boolean randSafeInInsert() {
            return c.getBoolean("rand-safe-in-insert");
        }

        /**
         * Whether the default sql_mode has NO_ZERO_DATE and NO_ZERO_IN_DATE (MySQL 5.7 and 8.0), so that strict
         * mode refuses a date with a zero part; MariaDB's default has neither.
         */
        public boolean noZeroDates() {
            return c.getBoolean("no-zero-dates");
        }

        /** Whether VALUES(col) in ON DUPLICATE KEY UPDATE is deprecated with Warning 1287 (MySQL 8.0.20+). */
        public boolean valuesFunctionDeprecated() {
            return c.getBoolean("values-function-deprecated");
        }

        /** The functions whose call makes a statement unsafe to replay, which MIXED then writes in row format. */
        public java.util.Set<String> unsafeFunctions() {
            return java.util.Set.copyOf(c.getStringList("unsafe-functions"));
        }

        /** Functions whose call makes a statement's Query event carry the session's time zone. */
        public java.util.Set<String> timeZoneFunctions() {
            return java.util.Set.copyOf(c.getStringList("clock.time-zone-functions"));
        }

        /** Functions whose call makes it carry the statement's start to the microsecond. */
        public java.util.Set<String> microsecondFunctions() {
            return java.util.Set.copyOf(c.getStringList("clock.microsecond-functions"));
        }

        public int timeZoneBytes() {
            return c.getInt("clock.time-zone-bytes");
        }

        public int microsecondBytes() {
            return c.getInt("clock.microsecond-bytes");
        }

        /** The level of ER_DUP_INDEX, a key defined twice: Warning (MySQL) or Note (MariaDB). */
        public String duplicateIndexLevel() {
            return c.getString("duplicate-index-level");
        }

        /** The last datetime UNIX_TIMESTAMP() takes, as {@code YYYY-MM-DD HH:MM:SS}; later ones give 0. */
        public String unixTimestampMax() {
            return c.getString("unix-timestamp-max");
        }

        public WaitFunctions waitFunctions() {
            Config w = c.getConfig("wait-functions");
            return new WaitFunctions(w.getStringList("position"),
                    w.getIsNull("position-deprecated") ? null : w.getString("position-deprecated"),
                    w.getBoolean("whole-seconds"));
        }
        public boolean emptyQueryError() {
            return c.getBoolean("empty-query-error");
        }

        /** The replacement SET names when it warns that {@code variable} is deprecated ("" for none); null if not. */
        public String deprecatedVariable(String variable) {
            Config d = c.getConfig("deprecated-variables");
            return d.hasPath(quote(variable)) ? d.getString(quote(variable)) : null;
        }

        /** Whether SET SESSION x = DEFAULT still gets the variable's in-transaction error (MariaDB). */
        public boolean sessionDefaultChecksTransaction() {
            return c.getBoolean("session-default-checks-transaction");
        }

        /**
         * How PURGE BINARY LOGS's warning 1867 names a file a dump thread still reads: the directory part its
         * index entry has before the file name; null when the flavour purges up to it without a warning.
         */
        public String purgeInUseWarningPrefix() {
            return c.getIsNull("purge-in-use-warning-prefix") ? null : c.getString("purge-in-use-warning-prefix");
        }

        /** Whether START SLAVE UNTIL is modelled (a server of the flavour measured it). */
        public boolean startUntil() {
            return c.getBoolean("start-until");
        }

        /** Whether FLUSH RELAY LOGS without LOCAL is written to the binary log (and so replicates). */
        public boolean flushRelayLogsLogged() {
            return c.getBoolean("flush-relay-logs-logged");
        }

        /** Whether @@global.sql_log_bin reads (as 1) rather than failing with 1238. */
        public boolean sqlLogBinGlobalReadable() {
            return c.getBoolean("sql-log-bin-global-readable");
        }

        /**
         * The stage of a SELECT ... FOR UPDATE waiting for a row: read while the plan is made ({@code pinned}: the
         * primary key pins it) or while rows are sent.
         */
        public String lockingReadState(boolean pinned) {
            return c.getString(pinned ? "locking-read-states.pinned" : "locking-read-states.scan");
        }

        /** How many times SHOW WARNINGS lists a row lock wait's timeout, 1205. */
        public int lockWaitTimeoutListed() {
            return c.getInt("lock-wait-timeout-listed");
        }

        public boolean warningsKeptWithoutTables() {
            return c.getBoolean("warnings-kept-without-tables");
        }

        public int nearMax() {
            return c.getInt("near-max");
        }

        public boolean nearEllipsis() {
            return c.getBoolean("near-ellipsis");
        }

        public int variableNameMax() {
            return c.getInt("variable-name-max");
        }

        public boolean variableNameEllipsis() {
            return c.getBoolean("variable-name-ellipsis");
        }

        public boolean integerOverflowWarning() {
            return c.getBoolean("integer-overflow-warning");
        }

        /** Whether NULL into a NOT NULL TIMESTAMP stores the current time (MariaDB; MySQL 5.7) or is 1048. */
        public boolean nullTimestampIsNow() {
            return c.getBoolean("null-timestamp-is-now");
        }

        public boolean explicitDefaultsForTimestamp() {
            return c.getBoolean("explicit-defaults-for-timestamp");
        }

        /** Where error 1054 says the column was: {@code select}, {@code insert}, {@code set}, {@code where}, {@code order}. */
        public String columnClause(String where) {
            return c.getString("column-clauses." + where);
        }

        public boolean changeSourcePerThread() {
            return c.getBoolean("change-source-per-thread");
        }

        /** Options read from the option file that are no system variables (SQL gets 1193 for them). */
        public java.util.Set<String> startupOptions() {
            return c.hasPath("startup-options") ? new java.util.TreeSet<>(c.getStringList("startup-options"))
                    : java.util.Set.of();
        }

        /** Variables the real servers have and the model does not (error 9000, not 1193). */
        public java.util.Set<String> unmodelledVariables() {
            return new java.util.TreeSet<>(c.getStringList("unmodelled-variables"));
        }

        /** Options a real server starts with that the model lacks, besides {@link #unmodelledVariables}. */
        public java.util.Set<String> unmodelledOptions() {
            return new java.util.TreeSet<>(c.getStringList("unmodelled-options"));
        }

        public boolean displayWidths() {
            return c.getBoolean("show-create-table.display-widths");
        }

        public boolean quoteNumericDefaults() {
            return c.getBoolean("show-create-table.quote-numeric-defaults");
        }

        public String nowText() {
            return c.getString("show-create-table.now");
        }

        public boolean textDefaultNull() {
            return c.getBoolean("show-create-table.text-default-null");
        }

        public String tableOptions() {
            return c.getString("show-create-table.table-options");
        }

        public boolean collateWritten() {
            return c.getBoolean("show-create-table.collate-written");
        }

        /** The collation a character set has by default here, or null when the model does not know it. */
        public String defaultCollation(String charset) {
            String path = "show-create-table.default-collations." + quote(charset.toLowerCase(Locale.ROOT));
            return c.hasPath(path) ? c.getString(path) : null;
        }

        public boolean onlyFullGroupBy() {
            return c.getBoolean("only-full-group-by");
        }

        public boolean dropTableNotePerTable() {
            return c.getBoolean("drop-table-note-per-table");
        }

        public boolean atomicDropTable() {
            return c.getBoolean("atomic-drop-table");
        }

        /** Cuts {@code text} at {@code max} characters as {@code %-.Ns} (MySQL) or {@code %-.NT} (MariaDB: ...). */
        public static String cut(String text, int max, boolean ellipsis) {
            if (text.length() <= max) {
                return text;
            }
            return ellipsis ? text.substring(0, max - 3) + "..." : text.substring(0, max);
        }
    }

    /** flavors.conf {@code privileges}. Names are as the server writes them ("REPLICATION SLAVE ADMIN"). */
    public record Privileges(Config c) {
        /** Static privileges, in SHOW GRANTS order. */
        public List<String> staticPrivileges() {
            return c.getStringList("static");
        }

        /** 8.0's dynamic privileges, sorted as SHOW GRANTS lists them; empty elsewhere. */
        public List<String> dynamicPrivileges() {
            List<String> d = new ArrayList<>(c.getStringList("dynamic"));
            Collections.sort(d);
            return d;
        }

        /** The privilege a GRANT spelling means (an alias resolved), or null when the server has none. */
        public String canonical(String written) {
            String upper = written.toUpperCase(Locale.ROOT).replace('_', ' ');
            Config aliases = c.getConfig("aliases");
            for (String alias : aliases.root().keySet()) {
                if (alias.replace('_', ' ').equals(upper)) {
                    return aliases.getString(quote(alias));
                }
            }
            for (String p : staticPrivileges()) {
                if (p.replace('_', ' ').equals(upper)) {
                    return p;
                }
            }
            for (String p : c.getStringList("dynamic")) {
                if (p.replace('_', ' ').equals(upper)) {
                    return p;
                }
            }
            return null;
        }

        public List<String> databaseLevel() {
            return c.getStringList("database-level");
        }

        public List<String> tableLevel() {
            return c.getStringList("table-level");
        }

        /** What an operation needs: any one of {@code any}; {@code text} is how error 1227 names them. */
        public record Need(List<String> any, String text) {
        }

        public Need need(String operation) {
            Config n = c.getConfig("needs." + operation);
            List<String> any = n.getStringList("any");
            return new Need(any, n.hasPath("text") ? n.getString("text") : String.join(", ", any));
        }

        /** SET GLOBAL of {@code variable}: MariaDB's per-variable privilege, else {@code set-global}. */
        public Need setGlobal(String variable) {
            Config by = c.getConfig("set-global-by-variable");
            for (String key : new java.util.TreeSet<>(by.root().keySet())) {
                if (key.endsWith("_") ? variable.startsWith(key) : variable.equals(key)) {
                    List<String> any = by.getStringList(quote(key));
                    return new Need(any, String.join(", ", any));
                }
            }
            return need("set-global");
        }

        /**
         * SET SESSION of {@code variable}: what it needs (sys_vars.cc check_session_admin, MariaDB's
         * on_check_access_session), or null where any account may.
         */
        public Need setSession(String variable) {
            Config by = c.getConfig("set-session-by-variable");
            return by.hasPath(quote(variable)) ? need(by.getString(quote(variable))) : null;
        }

        public String userQuote() {
            return c.getString("show-grants-user-quote");
        }

        public boolean allPrivilegesGlobally() {
            return c.getBoolean("all-privileges-globally");
        }

        public boolean showGrantsPassword() {
            return c.getBoolean("show-grants-password");
        }

        public int grantToMissingUser() {
            return c.getInt("grant-to-missing-user");
        }

        public List<String> rootExtraGrants() {
            return c.getStringList("root-extra-grants");
        }
    }

    /** Which family's GTIDs this server has (flavors.conf {@code gtid.kind}): {@code mysql} or {@code mariadb}. */
    public String gtidKind() {
        return string("gtid.kind");
    }

    /**
     * One of the GTID texts a source answers a dump with (flavors.conf {@code gtid.messages}), its
     * {@code {named}} arguments filled from {@code namedArgs} (name, value, ...).
     */
    public String gtidText(String key, Object... namedArgs) {
        return new LogMessage("gtid.messages." + key, "ERROR", 1236, "Repl",
                string("gtid.messages." + key), 0).format(namedArgs);
    }

    /**
     * Whether a source logs the start of a GTID dump before checking the replica's position (MariaDB's
     * init_binlog_sender) or only once the checks passed (MySQL's Binlog_sender::init).
     */
    /**
     * The 1236 message a source refuses a dump by file and position with, naming where it was asked to start.
     */
    public String dumpRefusal(io.semisyncsim.binlog.BinaryLog.StartRefusal why, io.semisyncsim.binlog.BinlogPosition from) {
        return string("dump-refusals." + why.key()).replace("{file}", from.file())
                .replace("{pos}", Long.toString(from.pos())).replace("{end}", Long.toString(from.pos() + 19));
    }

    /**
     * A dump's fatal read error after it started (flavors.conf dump-fatal), with the coordinates the sender adds:
     * where the dump started, where the last event read starts, and the last byte read.
     */
    public String dumpFatal(String key, io.semisyncsim.binlog.BinlogPosition first,
                            io.semisyncsim.binlog.BinlogPosition lastEvent, long lastByte) {
        return string("dump-fatal." + key).replace("{first_file}", first.file())
                .replace("{first_pos}", Long.toString(first.pos())).replace("{file}", lastEvent.file())
                .replace("{last_pos}", Long.toString(lastEvent.pos())).replace("{end}", Long.toString(lastByte));
    }

    public boolean gtidDumpLoggedBeforeChecks() {
        return bool("gtid.log-dump-start-before-checks");
    }

    /** How relay_log_space_limit stops the I/O thread (flavors.conf relay-space-limit). */
    public io.semisyncsim.channel.RelaySpace.Rules relaySpaceRules() {
        Config r = table.getConfig("relay-space-limit");
        return new io.semisyncsim.channel.RelaySpace.Rules(r.getBoolean("before-event"),
                r.getBoolean("purge-clears-ignore"), r.getBoolean("format-and-rotate-never-wait"));
    }

    /** Whether starting the replica threads of a GTID channel, both stopped, drops its relay logs (MariaDB). */
    public boolean gtidStartPurgesRelayLogs() {
        return bool("gtid.start-purges-relay-logs");
    }

    /** Whether the SQL thread starting on a GTID channel with no position yet starts at 4 (MariaDB). */
    public boolean gtidSqlThreadStartsAt4() {
        return bool("gtid.sql-thread-starts-at-4");
    }

    /** Whether the semisync log texts say master/slave (5.7, MariaDB) or source/replica (8.0.26+). */
    public Terms logTerms() {
        return Terms.valueOf(string("log-terms").toUpperCase(Locale.ROOT));
    }

    /** Whether SHOW SLAVE HOSTS is modelled (MariaDB, measured); else it is the simulator's 9000. */
    public boolean showReplicaHosts() {
        return bool("show-replica-hosts");
    }

    /** Whether the server counts its binlog group commits in status variables (MariaDB's Binlog_commits...). */
    public boolean binlogGroupCommitStatus() {
        return bool("binlog-group-commit-status");
    }

    /** SHOW STATUS's connection counters this flavour's server has (flavors.conf connection-status). */
    public List<String> connectionStatus() {
        return connectionStatus;
    }

    /** SHOW STATUS's replication variables this server has, by name (ReplicationStatusVariables reads each). */
    public List<String> replicationStatus() {
        return replicationStatus;
    }

    /**
     * Whether every CHANGE MASTER that does not name MASTER_HEARTBEAT_PERIOD sets it to slave_net_timeout / 2
     * (MariaDB), or only one that names a host or a port (MySQL).
     */
    public boolean heartbeatDefaultAtEveryChange() {
        String when = string("heartbeat-default-at-change");
        if (!when.equals("always") && !when.equals("host-or-port")) {
            throw new IllegalStateException(name + ": heartbeat-default-at-change is always or host-or-port, not " + when);
        }
        return when.equals("always");
    }

    /** How SHOW BINLOG EVENTS names and describes events (flavors.conf show-binlog-events). */
    public io.semisyncsim.binlog.ShowBinlogEvents.Style showBinlogEventsStyle() {
        Config c = table.getConfig("show-binlog-events");
        Map<String, String> names = new java.util.TreeMap<>();
        for (String type : c.getConfig("type-names").root().keySet()) {
            names.put(type, c.getString("type-names." + type));
        }
        return new io.semisyncsim.binlog.ShowBinlogEvents.Style(Map.copyOf(names), c.getString("gtid-info"),
                c.getString("standalone-gtid-info"), c.getString("anonymous-gtid-info"), c.getBoolean("ddl-shows-xid"),
                c.getIsNull("past-end") ? null : c.getString("past-end"), c.getBoolean("skip-shown-by-replica"),
                c.getString("user-var-string"));
    }

    /** Whether SHOW BINARY LOGS has the Encrypted column (MySQL 8.0.14+; not 5.7 or MariaDB). */
    public boolean binaryLogsEncryptedColumn() {
        return bool("binary-logs-encrypted-column");
    }

    public boolean hasPersist() {
        return bool("persist");
    }

    /**
     * Whether sql_slave_skip_counter is a global the next START SLAVE hands the SQL thread (MySQL), rather
     * than the connection's own, set at once and refused while the SQL thread runs (MariaDB).
     */
    public boolean skipCounterTakenAtStart() {
        return bool("replica-skip-counter-at-start");
    }

    /** The note START SLAVE gives when the threads already run. */
    public int replicaRunningNote() {
        return integer("replica-running-note");
    }

    /** The note STOP SLAVE gives when the threads are already stopped. */
    public int replicaStoppedNote() {
        return integer("replica-stopped-note");
    }

    public String pluginTypeVersion(String type) {
        String path = "plugin-type-versions." + quote(type);
        return table.hasPath(path) ? string(path) : "1.0";
    }

    public String pluginLibraryVersion() {
        return string("plugin-library-version");
    }

    /** Plugins that a library in plugin_dir provides, by plugin name. */
    public Map<String, PluginDescriptor> loadablePlugins() {
        return Collections.unmodifiableMap(plugins);
    }

    /** Plugins compiled into the server, in SHOW PLUGINS order; a name may come twice, with two types. */
    public List<PluginDescriptor> builtinPlugins() {
        return Collections.unmodifiableList(builtinPlugins);
    }

    /** The columns of INFORMATION_SCHEMA.PLUGINS, in order. */
    public List<String> pluginsTableColumns() {
        return table.getStringList("plugins-table-columns");
    }

    /** The plugin names a library file holds; null when plugin_dir has no such file. */
    public List<String> library(String file) {
        return libraries.get(file);
    }

    public Map<String, SysVarDef> systemVariables() {
        return Collections.unmodifiableMap(systemVariables);
    }

    /**
     * The model's names of variables this release knows only by their alias (flavors.conf {@code only-alias}:
     * MariaDB and 5.7 have slave_net_timeout, never replica_net_timeout): SQL, option files and SHOW VARIABLES
     * do not know them; the model's own code still reads the variable by them.
     */
    public java.util.Set<String> aliasOnlyVariables() {
        return Collections.unmodifiableSet(aliasOnly);
    }

    /** The variables a plugin exposes: its kind's templates with this plugin's terms and defaults. */
    public List<SysVarDef> pluginVariables(PluginDescriptor plugin) {
        List<SysVarDef> templates = plugin.kind() == null ? List.of()
                : pluginKindVariables.getOrDefault(plugin.kind(), List.of());
        if (templates.isEmpty()) {
            return List.of(); // most compiled-in plugins: asked at every start, so no table look-up
        }
        List<SysVarDef> out = new ArrayList<>(templates.size());
        List<String> absent = table.getStringList("plugin-variables-absent");
        for (SysVarDef t : templates) {
            String varName = plugin.terms().apply(t.name());
            if (absent.contains(varName)) {
                continue;
            }
            SysVarDef def = new SysVarDef(varName, t.type(), t.defaultValue(), t.min(), t.max(), t.values(),
                    t.dynamic(), plugin.name(), null, t.blockSize());
            String override = variableDefaults.get(varName);
            out.add(override == null ? def : def.withDefault(override));
        }
        return out;
    }

    /** MySQL's error {@code code} with this flavour's text, formatted with {@code args}. */
    public SqlError error(int code, Object... args) {
        return error(Integer.toString(code), args);
    }

    /**
     * The error a message key names: an error number, or a number's second text ({@code 1292-column}),
     * or a flavour-specific one ({@code user-exists}); such keys give their code.
     */
    public SqlError error(String key, Object... args) {
        String path = "errors." + quote(key);
        if (!table.hasPath(path)) {
            throw new IllegalArgumentException("flavour " + name + " has no text for error " + key);
        }
        int code = table.hasPath(path + ".code") ? integer(path + ".code") : Integer.parseInt(key);
        return new SqlError(code, string(path + ".state"),
                String.format(Locale.ROOT, string(path + ".text"), args));
    }

    /** Whether this flavour has a text for the message key. */
    public boolean hasError(String key) {
        return table.hasPath("errors." + quote(key));
    }

    /** The text of error {@code code} without raising it, for warnings and notes. */
    public String errorText(int code, Object... args) {
        return error(code, args).getMessage();
    }

    @Override
    public String toString() {
        return name;
    }
}
