package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.ParseException;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.sql.Statement.Scope;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.sysvar.VarType;
import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes statements against a {@link Mysqld}, with MySQL's checks in MySQL's order: the account
 * (1045), the parse (1064, or the simulator's 9000 for what it does not model), then the statement's
 * own checks. It also keeps the session's diagnostics area as each server does.
 */
final class StatementExecutor {
    private final Mysqld server;
    private final ReplicationStatements replicationStatements;
    private final ProcessStatements processStatements;
    private final DmlStatements dml;
    private final DdlStatements ddl;
    private final QueryStatements queries;
    private final UserStatements users;

    StatementExecutor(Mysqld server) {
        this.server = server;
        this.replicationStatements = new ReplicationStatements(server);
        this.processStatements = new ProcessStatements(server);
        this.dml = new DmlStatements(server);
        this.ddl = new DdlStatements(server);
        this.queries = new QueryStatements(server);
        this.users = new UserStatements(server);
    }

    private Flavor flavor() {
        return server.flavor();
    }

    StatementResult execute(Account client, String sql, Session session) {
        if (server.state() != NodeState.RUNNING) {
            return server.connectionRefused();
        }
        Map.Entry<UserChange.UserKey, Grants> match = server.store().users().match(client.user(), client.host());
        if (match == null) { // no such account on this node: the connection itself is refused
            server.errorLog().log("access-denied", "user", client.user(), "host", client.host(), "password", "NO");
            server.connectionStatus().loginRefused();
            return new StatementResult.Failed(flavor().error(1045, client.user(), client.host(), "NO"));
        }
        Account account = new Account(client.user(), client.host(), session.asLoggedIn(match.getValue()));
        String text = Parser.withoutTerminator(sql);
        Statement statement = null;
        StatementResult result;
        session.startStatement();
        try {
            statement = Parser.parse(text, flavor().dialect());
            ReadOnly.check(server, account, statement, session);
            result = server.gtids().hasGtidNext() ? runWithGtidNext(account, statement, session, text)
                    : run(account, statement, session, text);
            while (result instanceof StatementResult.CommitNeeded c && !session.sqlLogBin()) {
                // sql_log_bin = 0: the engine commits, the binary log never sees it (nothing to replicate or wait for).
                server.store().apply(c.transaction(0, server.now(), server.serverId()));
                result = c.thenRerun() ? run(account, statement, session, text) : c.answer();
            }
        } catch (ParseException e) {
            result = new StatementResult.Failed(parseError(text, e));
        } catch (SqlError e) {
            server.connectionStatus().statementFailed(e.code(), session);
            result = new StatementResult.Failed(e);
        } catch (ReplicationWaits.Blocked b) {
            return new StatementResult.Blocked(b.target); // the process list shows its wait; it runs again later
        }
        session.statementDone();
        if (!session.inTransaction() && !(result instanceof StatementResult.CommitNeeded)) {
            server.recordLocks().release(server.currentThread()); // no transaction, no commit to come: no rows
        }
        keepDiagnostics(statement, result, session);
        if (result instanceof StatementResult.Rows rows) {
            session.setRowCount(-1);
            return Parser.isVertical(sql) ? rows.withVertical(true) : rows;
        }
        if (result instanceof StatementResult.Ok ok) {
            session.setRowCount(ok.affectedRows());
        } else if (result instanceof StatementResult.CommitNeeded c) {
            session.setRowCount(c.affectedRows());
        } else {
            session.setRowCount(-1);
        }
        return result;
    }

    /** 1064 quoting the statement from the offending token (cut as the flavour cuts), or the simulator's 9000. */
    private SqlError parseError(String sql, ParseException e) {
        if (e.isUnsupported()) {
            return e.clause() == null ? flavor().error(9000, e.statement())
                    : flavor().error("9000-clause", e.statement(), e.clause());
        }
        int offset = Math.min(e.offset(), sql.length());
        int line = 1;
        for (int k = 0; k < offset; k++) {
            if (sql.charAt(k) == '\n') {
                line++;
            }
        }
        Flavor.SqlRules rules = flavor().sql();
        String near = Flavor.SqlRules.cut(sql.substring(offset), rules.nearMax(), rules.nearEllipsis());
        return flavor().error(1064, near, line);
    }

    /**
     * The diagnostics area after a statement. MySQL clears it at every statement except SHOW WARNINGS
     * and SHOW ERRORS; MariaDB keeps it through a statement that opens no table and raises nothing
     * (sql_parse.cc: opt_clear_warning_info only when the statement has tables).
     */
    private void keepDiagnostics(Statement s, StatementResult r, Session session) {
        if (s instanceof Statement.ShowWarnings) {
            return;
        }
        List<Warning> raised = r.warnings();
        if (!raised.isEmpty() || !flavor().sql().warningsKeptWithoutTables() || usesTables(s)) {
            session.setWarnings(raised);
        }
    }

    /** Whether a statement opens a table (an information_schema table included: SHOW VARIABLES, SHOW TABLES). */
    private static boolean usesTables(Statement s) {
        if (s instanceof Statement.Select select) {
            return select.from() != null;
        }
        if (s instanceof Statement.Grant g) {
            return g.level().table() != null;
        }
        if (s instanceof Statement.CreateDatabase || s instanceof Statement.DropDatabase) {
            return false; // no table list (measured: MariaDB keeps the warnings through DROP DATABASE)
        }
        return s instanceof Statement.Insert || s instanceof Statement.Update || s instanceof Statement.Delete
                || DdlStatements.handles(s) || s instanceof Statement.ShowTables || s instanceof Statement.ShowDatabases
                || s instanceof Statement.ShowCreateTable || s instanceof Statement.Show
                || s instanceof Statement.ShowPlugins;
    }

    /**
     * A statement under MySQL's gtid_next ({@link GtidNext}): one that changes data may be refused or
     * skipped; a commit point takes the session's named GTID, and with nothing to log writes an empty
     * transaction with it (a COMMIT of an empty transaction, an autocommit statement that changed nothing).
     */
    private StatementResult runWithGtidNext(Account account, Statement statement, Session session, String sql)
            throws SqlError {
        boolean implicitCommit = DdlStatements.handles(statement) || UserStatements.handles(statement);
        if (!implicitCommit && !DmlStatements.handles(statement)) {
            return run(account, statement, session, sql); // SET, SELECT, SHOW, USE...: innocent
        }
        GtidNext next = session.gtidNext();
        boolean inTransaction = session.inTransaction();
        if (next.skips(statement, inTransaction, implicitCommit, server)) {
            if (!inTransaction) {
                next.ended(); // an autocommit statement's commit point
            }
            return ok(List.of());
        }
        boolean owns = next.ownsGtid();
        StatementResult r;
        try {
            r = run(account, statement, session, sql);
        } catch (SqlError e) {
            if (!session.inTransaction()) {
                next.ended(); // the failed statement rolls back
            }
            throw e;
        }
        if (r instanceof StatementResult.CommitNeeded c) {
            if (c.thenRerun()) {
                return c; // the implicit commit of an open transaction (never with a named GTID: 1778)
            }
            io.semisyncsim.gtid.Gtid g = next.ended();
            return g == null ? c : c.withGtid(g);
        }
        if (statement instanceof Statement.Begin || session.inTransaction()) {
            return r;
        }
        if (owns && !(statement instanceof Statement.Rollback)) {
            long affected = r instanceof StatementResult.Ok ok ? ok.affectedRows() : 0;
            return new StatementResult.CommitNeeded(List.of(), affected, null, r.warnings(), null, false)
                    .withGtid(next.ended());
        }
        next.ended();
        return r;
    }

    private StatementResult run(Account account, Statement statement, Session session, String sql)
            throws SqlError {
        if (statement instanceof Statement.Empty) {
            if (flavor().sql().emptyQueryError()) {
                throw flavor().error(1065);
            }
            return ok(List.of());
        }
        if (DdlStatements.handles(statement) || UserStatements.handles(statement)
                || statement instanceof Statement.FlushStatus || statement instanceof Statement.FlushLogs) {
            // DDL, account statements and FLUSH commit an open transaction first (an implicit commit), then
            // run as their own transaction. The node runs the statement again once that commit is done.
            if (session.inTransaction()) {
                List<Transaction.RowChange> open = session.take();
                if (!open.isEmpty()) {
                    return new StatementResult.CommitNeeded(open, 0, null, List.of(), null, true);
                }
            }
            if (statement instanceof Statement.FlushStatus f) {
                return flushStatus(account, f, session, sql);
            }
            if (statement instanceof Statement.FlushLogs f) {
                return flushLogs(account, f, session, sql);
            }
            return DdlStatements.handles(statement) ? ddl.run(account, statement, session, sql)
                    : users.run(account, statement, session, sql);
        }
        if (DmlStatements.handles(statement)) {
            return dml.run(account, statement, session, Parser.withoutTerminator(sql).strip());
        }
        if (statement instanceof Statement.Select s) {
            if (s.forUpdate() != null && s.from() != null) {
                dml.lockForUpdate(account, s, session); // the rows it reads are its transaction's, or it waits
            }
            StatementResult r = queries.select(account, s, session);
            if (s.from() != null && !session.inTransaction() && !session.autocommit(server.variables())) {
                session.begin(); // autocommit OFF: reading a table opens a transaction too (@@in_transaction 1)
            }
            return r;
        }
        if (statement instanceof Statement.Do d) { // sql_do.cc mysql_do: each value computed, then dropped
            List<Statement.SelectItem> items = new ArrayList<>();
            Evaluator ev = new Evaluator(server, session, account);
            for (Expr e : d.expressions()) {
                ev.check(e, "do", false); // an unknown column is "in 'DO'" on MariaDB
                items.add(new Statement.SelectItem(e, null, null));
            }
            StatementResult r = queries.select(account, new Statement.Select(items, false, null, null, null, List.of(),
                    null, 0, List.of(), false, List.of(), null, null), session);
            return r instanceof StatementResult.Rows rows ? ok(rows.warnings()) : r;
        }
        if (statement instanceof Statement.Use s) {
            return ddl.use(account, s, session);
        }
        if (statement instanceof Statement.ShowTables s) {
            return queries.showTables(account, s, session);
        }
        if (statement instanceof Statement.ShowDatabases s) {
            return queries.showDatabases(account, s);
        }
        if (statement instanceof Statement.ShowCreateTable s) {
            return queries.showCreateTable(account, s, session);
        }
        if (statement instanceof Statement.ShowCreateDatabase s) {
            return queries.showCreateDatabase(account, s);
        }
        if (statement instanceof Statement.ShowWarnings s) {
            return queries.showWarnings(s, session);
        }
        if (statement instanceof Statement.ShowGrants s) {
            return users.showGrants(account, s);
        }
        if (ProcessStatements.handles(statement)) {
            return processStatements.run(account, statement, session);
        }
        if (statement instanceof Statement.InstallPlugin s) {
            return install(account, s);
        } else if (statement instanceof Statement.UninstallPlugin s) {
            return uninstall(account, s);
        } else if (statement instanceof Statement.SetVariables s) {
            return set(account, s, session);
        } else if (statement instanceof Statement.Show s) {
            return s.status() ? showStatus(s.scope() == Scope.GLOBAL ? null : session, s.like())
                    : showVariables(s.scope(), s.like(), session);
        } else if (statement instanceof Statement.ShowPlugins) {
            return showPlugins();
        }
        return replicationStatements.run(account, statement, session);
    }

    static StatementResult ok(List<Warning> warnings) {
        return new StatementResult.Ok(0, warnings);
    }

    /** 1227 unless the account holds one of what {@code need} lists. */
    static void require(Account account, Flavor.Privileges.Need need, Flavor flavor) throws SqlError {
        for (String p : need.any()) {
            if (account.has(Privilege.key(p))) {
                return;
            }
        }
        throw flavor.error(1227, need.text());
    }

    // --- plugins

    private StatementResult install(Account account, Statement.InstallPlugin s) throws SqlError {
        // INSTALL PLUGIN writes mysql.plugin: the table privilege is what it checks.
        if (!account.hasOn("INSERT", "mysql", "plugin")) {
            throw flavor().error(1142, "INSERT", account.user(), account.host(), "mysql", "plugin");
        }
        return ok(server.install(s.name(), s.soname()));
    }

    private StatementResult uninstall(Account account, Statement.UninstallPlugin s) throws SqlError {
        if (!account.hasOn("DELETE", "mysql", "plugin")) {
            throw flavor().error(1142, "DELETE", account.user(), account.host(), "mysql", "plugin");
        }
        server.uninstall(s.name());
        return ok(List.of());
    }

    private StatementResult showPlugins() {
        List<List<String>> rows = new ArrayList<>();
        for (PluginRegistry.Active p : server.plugins().all()) {
            PluginDescriptor d = p.descriptor();
            rows.add(List.of(d.name(), d.status(), d.type(), d.library() == null ? "NULL" : d.library(), d.license()));
        }
        return new StatementResult.Rows(ResultSet.of(List.of("Name", "Status", "Type", "Library", "License"), rows),
                List.of());
    }

    // --- variables

    private StatementResult set(Account account, Statement.SetVariables s, Session session) throws SqlError {
        SystemVariables vars = server.variables();
        record Change(SysVarDef def, String value, boolean persist, boolean apply) {
        }
        List<Change> changes = new ArrayList<>();
        List<Object[]> userValues = new ArrayList<>();
        List<Runnable> sessionChanges = new ArrayList<>();
        List<SessionValue> sessionValues = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        Evaluator ev = new Evaluator(server, session, account);
        // MySQL checks every assignment before applying any (sql_set_variables: check, then update).
        for (Statement.SetItem item : s.items()) {
            if (item instanceof Statement.UserAssignment u) {
                ev.check(u.value(), "select", false);
                userValues.add(new Object[] {u.name(), ev.eval(u.value())});
                continue;
            }
            Statement.Assignment a = (Statement.Assignment) item;
            if (a.name().equalsIgnoreCase(SQL_LOG_BIN)) {
                sessionChanges.add(sqlLogBin(account, a, ev, session));
                continue;
            }
            if (a.name().equalsIgnoreCase(GtidNext.NAME) && server.gtids().hasGtidNext()) {
                sessionChanges.add(gtidNext(account, a, ev, session));
                continue;
            }
            SysVarDef def = vars.require(a.name());
            deprecationWarning(def, warnings);
            // set_var::resolve: read only first, then the scope (sys_var::check_scope)
            if (!def.dynamic() && a.scope() != Scope.PERSIST_ONLY) {
                throw flavor().error(1238, def.name(), "read only");
            }
            if (!def.setModelled()) {
                throw flavor().error("9000-variable-set", def.name());
            }
            // SET and SET SESSION of MariaDB's skip counter set it as SET GLOBAL does
            if (!connectionsSkipCounter(def) && (a.scope() == Scope.DEFAULT || a.scope() == Scope.SESSION)) {
                if (!def.hasSession()) {
                    throw flavor().error(1229, def.name());
                }
                if (def.hasOwnSessionValue() || !def.session().modelled()) {
                    sessionValues.add(setSession(account, a, def, ev, session, warnings)); // 9000 if not modelled
                    continue;
                } // else the session's value is the global one: set below, with no privilege asked
            } else {
                require(account, flavor().privileges().setGlobal(def.name()), flavor());
            }
            Input input = a.expression() == null ? a.value() : input(ev.eval(a.expression()));
            String value;
            if (input == null) {
                value = def.defaultValue();
            } else {
                SystemVariables.Validated v = vars.validate(def, input);
                warnings.addAll(v.warnings());
                value = v.canonical();
            }
            server.gtids().checkSet(def, value, server); // gtid_mode's steps, gtid_slave_pos's form...
            ReadOnly.checkSet(server, def, session);
            if (connectionsSkipCounter(def) && server.replication().sqlThreadRunning()) {
                throw flavor().error(1198); // sys_vars.cc update_slave_skip_counter
            }
            boolean persist = a.scope() == Scope.PERSIST || a.scope() == Scope.PERSIST_ONLY;
            changes.add(new Change(def, value, persist, a.scope() != Scope.PERSIST_ONLY));
        }
        warnings.addAll(ev.warnings());
        if (session.inTransaction() && turnsAutocommitOn(sessionValues, session)) {
            // sys_vars.cc fix_autocommit: autocommit ON again commits the open transaction; the node runs
            // this SET again once that commit is done, which then finds no transaction open
            List<Transaction.RowChange> open = ReadOnly.commit(server, account, session);
            if (!open.isEmpty()) {
                return new StatementResult.CommitNeeded(open, 0, null, List.of(), null, true);
            }
        }
        for (Change c : changes) {
            if (c.persist()) {
                server.persisted().put(c.def().name(), c.value());
            }
            if (c.apply()) {
                String old = vars.get(c.def().name());
                vars.put(c.def(), c.value());
                ReadOnly.afterSet(vars, c.def(), c.value());
                server.gtids().set(c.def(), c.value());
                if (connectionsSkipCounter(c.def())) {
                    server.channel().setSkipCounter(Long.parseLong(c.value()));
                }
                notifyOwner(c.def(), old, c.value());
            }
        }
        for (Object[] u : userValues) {
            session.setUserVariable((String) u[0], u[1]);
        }
        sessionChanges.forEach(Runnable::run);
        for (SessionValue v : sessionValues) {
            session.setVariable(v.def(), v.value(), vars);
        }
        return ok(warnings);
    }

    /**
     * SET of a deprecated variable warns, in either scope (set_var::resolve -> sys_var::do_deprecated_warning):
     * 1681 where it has no replacement, else 1287 naming it.
     */
    private void deprecationWarning(SysVarDef def, List<Warning> warnings) {
        String replacement = flavor().sql().deprecatedVariable(def.name());
        if (replacement == null) {
            return;
        }
        warnings.add(replacement.isEmpty()
                ? new Warning("Warning", 1681, flavor().errorText(1681, "@@" + def.name()))
                : new Warning("Warning", 1287, flavor().errorText(1287, "@@" + def.name(), replacement)));
    }

    /** A checked SET SESSION: the value the session will take. */
    private record SessionValue(SysVarDef def, String value) {
    }

    static final String AUTOCOMMIT = "autocommit";
    /** sql_slave_skip_counter, by its canonical name. */
    static final String SKIP_COUNTER = "sql_replica_skip_counter";

    /**
     * Whether {@code def} is MariaDB's sql_slave_skip_counter, the replica connection's own in any scope
     * (sys_vars.cc Sys_var_multi_source_ulonglong): set into the channel at once, refused while its SQL
     * thread runs. MySQL's is a plain global the next START REPLICA takes.
     */
    private boolean connectionsSkipCounter(SysVarDef def) {
        return def.name().equals(SKIP_COUNTER) && !flavor().skipCounterTakenAtStart();
    }

    /** Whether the SET turns the session's autocommit from OFF to ON. */
    private boolean turnsAutocommitOn(List<SessionValue> values, Session session) {
        for (SessionValue v : values) {
            if (v.def().name().equals(AUTOCOMMIT) && v.value().equals("ON")
                    && !session.autocommit(server.variables())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SET [SESSION] of a variable with a session value: this connection's own, which the global value does
     * not reach. DEFAULT is the global value, and skips the variable's own checks (set_var::check returns
     * before var->check): no privilege, and on MySQL no in-transaction error either.
     */
    private SessionValue setSession(Account account, Statement.Assignment a, SysVarDef def, Evaluator ev,
                                    Session session, List<Warning> warnings) throws SqlError {
        if (!def.session().modelled()) {
            throw flavor().error("9000-session-variable", def.name());
        }
        boolean toDefault = a.expression() == null && a.value() == null;
        if (!toDefault) {
            Flavor.Privileges.Need need = flavor().privileges().setSession(def.name());
            if (need != null) {
                require(account, need, flavor());
            }
        }
        int inTransaction = def.session().errorInTransaction();
        if (inTransaction != 0 && session.inTransaction()
                && (!toDefault || flavor().sql().sessionDefaultChecksTransaction())) {
            throw flavor().error(inTransaction);
        }
        SystemVariables vars = server.variables();
        String value;
        if (toDefault) {
            value = vars.get(def.name());
        } else {
            SystemVariables.Validated v = vars.validate(def, a.expression() == null ? a.value()
                    : input(ev.eval(a.expression())));
            warnings.addAll(v.warnings());
            value = v.canonical();
        }
        return new SessionValue(def, value);
    }

    static final String SQL_LOG_BIN = "sql_log_bin";

    /**
     * SET sql_log_bin: a session-only variable (SET GLOBAL is 1228 in MySQL, 1238 in MariaDB) that
     * needs its own privilege, and cannot change inside a transaction (1694).
     */
    private Runnable sqlLogBin(Account account, Statement.Assignment a, Evaluator ev, Session session)
            throws SqlError {
        if (a.scope() == Scope.GLOBAL || a.scope() == Scope.PERSIST || a.scope() == Scope.PERSIST_ONLY) {
            throw flavor().error("session-variable-set-global", SQL_LOG_BIN);
        }
        require(account, flavor().privileges().need("sql-log-bin"), flavor());
        if (session.inTransaction()) {
            throw flavor().error(1694);
        }
        Input input = a.expression() == null ? a.value() : input(ev.eval(a.expression()));
        SysVarDef def = new SysVarDef(SQL_LOG_BIN, VarType.BOOL, "ON", null, null, List.of(), true, null, null);
        boolean on = input == null || server.variables().validate(def, input).canonical().equals("ON");
        return () -> session.setSqlLogBin(on);
    }

    /** SET gtid_next: a session-only variable (MySQL), with its own rules ({@link GtidNext}). */
    private Runnable gtidNext(Account account, Statement.Assignment a, Evaluator ev, Session session)
            throws SqlError {
        if (a.scope() == Scope.GLOBAL || a.scope() == Scope.PERSIST || a.scope() == Scope.PERSIST_ONLY) {
            throw flavor().error("session-variable-set-global", GtidNext.NAME);
        }
        Input input = a.expression() == null ? a.value() : input(ev.eval(a.expression()));
        String text = input == null ? null : input instanceof Input.Text t ? t.text()
                : input instanceof Input.Whole w ? w.value().toString() : ((Input.Decimal) input).text();
        return session.gtidNext().set(text, session.inTransaction(), account, server);
    }

    /** A computed SET value as the variable's parser would have seen it written. */
    private static Input input(Object v) {
        if (v instanceof Long || v instanceof BigInteger) {
            return new Input.Whole(new BigInteger(v.toString()));
        }
        if (v instanceof BigDecimal || v instanceof Double) {
            return new Input.Decimal(Values.text(v));
        }
        return new Input.Text(v == null ? "NULL" : Values.text(v));
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

    /** SHOW [SESSION] VARIABLES shows this session's values where it has its own; SHOW GLOBAL the globals. */
    private StatementResult showVariables(Scope scope, String like, Session session) throws SqlError {
        SystemVariables vars = server.variables();
        List<Map.Entry<String, String>> all = vars.all();
        if (scope != Scope.GLOBAL) {
            for (int i = 0; i < all.size(); i++) {
                SysVarDef def = vars.find(all.get(i).getKey());
                if (def != null && def.hasOwnSessionValue()) {
                    all.set(i, Map.entry(all.get(i).getKey(), session.variable(def, vars)));
                }
            }
            for (SysVarDef def : vars.definitions()) {
                if (def.isSessionOnly()) {
                    all.add(Map.entry(def.name(), session.variable(def, vars)));
                }
            }
            all.add(Map.entry(SQL_LOG_BIN, session.sqlLogBin() ? "ON" : "OFF")); // the session's own (sqlLogBin)
            if (server.gtids().hasGtidNext()) {
                all.add(Map.entry(GtidNext.NAME, session.gtidNext().text()));
            }
            all.sort(Map.Entry.comparingByKey());
        }
        java.util.Set<String> real = flavor().variableNames();
        java.util.List<String> known = new ArrayList<>(real != null ? real : flavor().sql().unmodelledVariables());
        if (scope == Scope.GLOBAL) { // a session's own variable is no global one to miss
            known.removeIf(name -> name.equals(SQL_LOG_BIN) || name.equals(GtidNext.NAME)
                    || vars.find(name) != null && vars.find(name).isSessionOnly());
        }
        String missing = unmodelled(all, like, known);
        if (missing != null) {
            throw flavor().error("9000-variables", missing);
        }
        return nameValue(all, like);
    }

    /**
     * The names, for a 9000, a real server would list here that the model lacks ({@code known}: the real server's own
     * list where it was measured, else the flavour's list of known gaps): a SHOW that quietly leaves rows out
     * would read as the server's whole answer ({@code SHOW VARIABLES LIKE 'log_bin%'} is six rows on MariaDB 10.11).
     */
    private static String unmodelled(List<Map.Entry<String, String>> shown, String like,
                                     java.util.Collection<String> known) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : shown) {
            names.add(e.getKey());
        }
        Like pattern = like == null ? null : new Like(like);
        java.util.TreeSet<String> missing = new java.util.TreeSet<>();
        for (String name : known) {
            if ((pattern == null || pattern.matches(name)) && !names.contains(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        List<String> first = new ArrayList<>(missing).subList(0, Math.min(missing.size(), 6));
        return String.join(", ", first) + (missing.size() > first.size()
                ? " and " + (missing.size() - first.size()) + " more" : "");
    }

    /** SHOW STATUS: {@code session} null for GLOBAL. */
    private StatementResult showStatus(Session session, String like) throws SqlError {
        List<Map.Entry<String, String>> all = new ArrayList<>(server.status(session).entrySet());
        java.util.Set<String> real = flavor().statusNames();
        String missing = real == null ? null : unmodelled(all, like, real);
        if (missing != null) {
            throw flavor().error("9000-status", missing);
        }
        return nameValue(all, like);
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

    /**
     * FLUSH BINARY LOGS, FLUSH RELAY LOGS, FLUSH LOGS and FLUSH ERROR/ENGINE/GENERAL/SLOW LOGS (sql_reload.cc
     * reload_acl_and_cache; the last four flush files the model does not keep, and are logged as a statement
     * unless LOCAL, measured on MariaDB 10.11.19): the binary log
     * rotates and purges (rotate_and_purge), then the relay log rotates (rotate_relay_log). A rotation of
     * the binary log is never logged (REFRESH_BINARY_LOG: tmp_write_to_binlog= 0); FLUSH RELAY LOGS is,
     * unless LOCAL, where the flavour logs it (MySQL; MariaDB does not, as "the slave is not likely to have
     * the same connection names"), and the replica that applies it rotates its own relay log.
     */
    private StatementResult flushLogs(Account account, Statement.FlushLogs f, Session session, String sql)
            throws SqlError {
        require(account, flavor().privileges().need("flush-logs"), flavor());
        if (f.binary()) {
            BinlogLockWait.acquire(server); // rotate_and_purge takes LOCK_log
            server.rotateBinlog();
        }
        if (f.relay()) {
            server.rotateRelayLog();
        }
        if (f.unkept() && !f.local()) { // the error, engine, general or slow log: written all the same
            return new StatementResult.CommitNeeded(List.of(), 0,
                    new Transaction.Query(session.database(), Parser.withoutTerminator(sql), Refresh.UNKEPT_LOGS),
                    List.of(), null, false);
        }
        if (f.binary() || f.local() || f.unkept() || !flavor().sql().flushRelayLogsLogged()) {
            return ok(List.of());
        }
        return new StatementResult.CommitNeeded(List.of(), 0,
                new Transaction.Query(session.database(), Parser.withoutTerminator(sql), Refresh.RELAY_LOG), List.of(),
                null, false);
    }

    /**
     * FLUSH STATUS resets the counters, then, unless LOCAL or NO_WRITE_TO_BINLOG, is written to the binary
     * log as a statement of its own (sql_parse.cc SQLCOM_FLUSH: handle_reload_request, then write_bin_log),
     * so it commits, waits for an ACK like any transaction, and replicates.
     */
    private StatementResult flushStatus(Account account, Statement.FlushStatus f, Session session, String sql)
            throws SqlError {
        require(account, flavor().privileges().need("flush-status"), flavor());
        server.refreshStatus();
        session.gtidWaits().reset(); // refresh_status: the connection's own counters go into the sum, and start again
        if (f.local()) {
            return ok(List.of());
        }
        return new StatementResult.CommitNeeded(List.of(), 0,
                new Transaction.Query(session.database(), Parser.withoutTerminator(sql), Refresh.STATUS), List.of(),
                null, false);
    }
}
