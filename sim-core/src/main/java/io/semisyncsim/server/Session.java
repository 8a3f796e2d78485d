package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.table.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A client connection's state: its id, its current database, its user variables, the transaction it
 * has open (after BEGIN), what FOUND_ROWS() and ROW_COUNT() read, its warning list (the
 * diagnostics area SHOW WARNINGS shows), and the session values of the system variables that have one
 * (binlog_format...), which it takes from the global values when it opens.
 *
 * <p>The connection id is what CONNECTION_ID() returns. The caller that opens the connection may set
 * it ({@link #setConnectionId}); otherwise the node hands out the next of its own counter at the
 * session's first statement ({@link Mysqld#execute}).
 */
public final class Session {
    private long connectionId;
    private String database = Catalog.DEFAULT_DB;
    private final TreeMap<String, Object> userVariables = new TreeMap<>();
    private RandStruct rand;
    private List<Transaction.RowChange> open;
    private long foundRows;
    private long lastInsertId;
    private long rowCount = -1;
    private List<Warning> warnings = List.of();
    /** @@session.sql_log_bin: when off, this session's commits are not written to the binary log. */
    private boolean sqlLogBin = true;
    /** @@session.gtid_next (MySQL). */
    private final GtidNext gtidNext = new GtidNext();
    /** The account's global privileges when the connection logged in (its first statement); null before. */
    private java.util.SortedSet<String> loginGlobal;
    private boolean loginGrantOption;
    /**
     * What this statement's wait functions gave, in call order: a statement whose wait function had to
     * wait runs again when the wait is over (ReplicationWaits), and each call takes its earlier value.
     */
    private final List<ReplicationWaits.Outcome> waits = new ArrayList<>();
    /** This connection's MASTER_GTID_WAIT counters (its SESSION status). */
    private final GtidWaitCounters gtidWaits = new GtidWaitCounters();
    /** Access_denied_errors of this connection: its statements refused for a privilege. */
    private long accessDeniedErrors;
    private int waitCalls;
    /** Session values by variable name; null until the connection opens ({@link #open}). */
    private TreeMap<String, String> variables;
    /** What those values say about writing this session's commits; null until asked after a change. */
    private Transaction.Logging logging;

    /**
     * The connection opens: it takes the global values of the variables that have a session value (THD::init
     * copies global_system_variables), so a later SET GLOBAL does not reach it. Later calls do nothing.
     */
    public void open(SystemVariables globals) {
        if (variables == null) {
            variables = globals.sessionDefaults();
        }
    }

    /** This session's value of {@code def}, a variable with a session value. */
    String variable(SysVarDef def, SystemVariables globals) {
        if (def.isSessionOnly()) {
            return computed(def);
        }
        if (!def.hasOwnSessionValue()) {
            return globals.get(def.name());
        }
        open(globals);
        String v = variables.get(def.name());
        return v != null ? v : globals.get(def.name()); // defined after the connection opened (a plugin's)
    }

    /** A session-only variable's value, which the server computes from the session (sys_vars.cc). */
    private String computed(SysVarDef def) {
        if (def.name().equals("in_transaction")) { // Sys_in_transaction: thd->in_active_multi_stmt_transaction()
            return inTransaction() ? "1" : "0";
        }
        if (def.name().equals("gtid_seq_no")) { // MariaDB's Sys_gtid_seq_no: 0 until SET, which is not modelled
            return "0";
        }
        throw new IllegalStateException("no value for the session-only variable " + def.name());
    }

    /** SET SESSION: {@code value} is already validated and canonical. */
    void setVariable(SysVarDef def, String value, SystemVariables globals) {
        open(globals);
        variables.put(def.name(), value);
        logging = null;
    }

    /** @@session.autocommit: whether a statement outside BEGIN commits on its own. */
    boolean autocommit(SystemVariables globals) {
        open(globals);
        return !"OFF".equals(variables.get(StatementExecutor.AUTOCOMMIT));
    }

    /** Whether this session's binlog_format is MIXED: statements, but unsafe ones in row format. */
    boolean mixed(SystemVariables globals) {
        open(globals);
        return "MIXED".equals(variables.get("binlog_format"));
    }

    /** How this session's commits are written: its binlog_format, binlog_annotate_row_events, gtid_domain_id. */
    public Transaction.Logging logging(SystemVariables globals) {
        if (logging == null) {
            open(globals);
            String annotate = variables.get("binlog_annotate_row_events");
            String domain = variables.get("gtid_domain_id");
            logging = new Transaction.Logging(!"ROW".equals(variables.get("binlog_format")),
                    annotate == null || annotate.equals("ON"), domain == null ? 0 : Long.parseLong(domain));
        }
        return logging;
    }

    public long connectionId() {
        return connectionId;
    }

    /** A statement starts (or starts again after a wait): its wait functions are called from the first. */
    void startStatement() {
        waitCalls = 0;
    }

    /** The value of this statement's next wait function call if it has one already, else null. */
    ReplicationWaits.Outcome nextWait() {
        return waitCalls < waits.size() ? waits.get(waitCalls++) : null;
    }

    /** The next wait function call gave {@code o} at once. */
    void answeredAtOnce(ReplicationWaits.Outcome o) {
        waits.add(o);
        waitCalls++;
    }

    /** The wait this statement was set aside for is over with {@code o}. */
    void waited(ReplicationWaits.Outcome o) {
        waits.add(o);
    }

    /** Whether a wait this statement was set aside for ended with {@code value} (compared by identity). */
    boolean waitedFor(Object value) {
        for (ReplicationWaits.Outcome o : waits) {
            if (o.value() == value) {
                return true;
            }
        }
        return false;
    }

        /** The statement is done: its wait functions' values go with it. */
    void statementDone() {
        waits.clear();
    }

    /** Sets CONNECTION_ID() (the thread id of the connection); 0 lets the node assign one. */
    public void setConnectionId(long id) {
        this.connectionId = id;
    }

    /** Whether this is a replica's SQL thread running a statement again (read_only does not hold for it). */
    private boolean replicaApplier;

    boolean replicaApplier() {
        return replicaApplier;
    }

    void markReplicaApplier() {
        replicaApplier = true;
    }

    /** The current database (USE), or null when none is selected. */
    public String database() {
        return database;
    }

    void setDatabase(String db) {
        this.database = db;
    }

    /** The session's RAND() generator, made by {@code make} at its first use (THD::init makes it at connect). */
    RandStruct rand(java.util.function.Supplier<RandStruct> make) {
        if (rand == null) {
            rand = make.get();
        }
        return rand;
    }

    /** A user variable; null when unset (SQL NULL). Names are case-insensitive, as in MySQL 5.0+. */
    public Object userVariable(String name) {
        return userVariables.get(name.toLowerCase(Locale.ROOT));
    }

    void setUserVariable(String name, Object value) {
        userVariables.put(name.toLowerCase(Locale.ROOT), value);
    }

    public boolean inTransaction() {
        return open != null;
    }

    void begin() {
        open = new ArrayList<>();
    }

    void add(List<Transaction.RowChange> changes) {
        open.addAll(changes);
    }

    /** Ends the open transaction and hands over its changes. */
    List<Transaction.RowChange> take() {
        List<Transaction.RowChange> changes = open == null ? List.of() : open;
        open = null;
        return changes;
    }

    /** This session's uncommitted changes, in order (empty outside a transaction). */
    List<Transaction.RowChange> pending() {
        return open == null ? List.of() : open;
    }

    long foundRows() {
        return foundRows;
    }

    void setFoundRows(long n) {
        this.foundRows = n;
    }

    long lastInsertId() {
        return lastInsertId;
    }

    void setLastInsertId(long id) {
        this.lastInsertId = id;
    }

    /** LAST_INSERT_ID(expr): the value is remembered for the next LAST_INSERT_ID() (Item_func_last_insert_id). */
    void lastInsertIdFromFunction(long id) {
        this.lastInsertId = id;
    }

    long rowCount() {
        return rowCount;
    }

    void setRowCount(long n) {
        this.rowCount = n;
    }

    public boolean sqlLogBin() {
        return sqlLogBin;
    }

    void setSqlLogBin(boolean on) {
        this.sqlLogBin = on;
    }

    public GtidNext gtidNext() {
        return gtidNext;
    }

    /** The diagnostics area: the conditions SHOW WARNINGS lists. */
    public List<Warning> warnings() {
        return warnings;
    }

    void setWarnings(List<Warning> w) {
        this.warnings = List.copyOf(w);
    }

    /**
     * The global privileges this connection logged in with: taken from {@code now} at its first statement. A
     * client connects to {@code test} as real mode's do (the mysql client's {@code -D test}); an account with
     * no privilege there would be refused it (1044), and connects to no database instead.
     */
    Grants asLoggedIn(Grants now) {
        if (loginGlobal == null) {
            if (Catalog.DEFAULT_DB.equals(database) && !now.hasAnyOn(database)) {
                database = null;
            }
            // Sorted, so that each statement's copy (withGlobalAsOf) is built in one pass, not insert by insert.
            loginGlobal = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(now.global()));
            loginGrantOption = now.globalGrantOption();
        }
        return now.withGlobalAsOf(loginGlobal, loginGrantOption);
    }

    void accessDenied() {
        accessDeniedErrors++;
    }

    long accessDeniedErrors() {
        return accessDeniedErrors;
    }

    GtidWaitCounters gtidWaits() {
        return gtidWaits;
    }
}
