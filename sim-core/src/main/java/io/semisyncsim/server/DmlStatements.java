package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.Table;
import io.semisyncsim.table.TableDef;
import io.semisyncsim.table.TableError;
import io.semisyncsim.table.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * INSERT, UPDATE and DELETE on any table (created or implicit), and transactions: inside BEGIN ...
 * COMMIT the session collects changes (and sees them itself); otherwise each statement commits on its
 * own (autocommit). Committing is the node actor's work (group commit), so a committing statement
 * answers {@code CommitNeeded}. Values are checked as MySQL's strict mode checks them.
 */
final class DmlStatements {
    private final Mysqld server;
    private final StatementBinlogging binlogging;
    /** INSERT ... SELECT reads its rows as a SELECT does. */
    private final QueryStatements queries;

    DmlStatements(Mysqld server) {
        this.server = server;
        this.binlogging = new StatementBinlogging(server);
        this.queries = new QueryStatements(server);
    }

    private Flavor flavor() {
        return server.flavor();
    }

    static boolean handles(Statement s) {
        return s instanceof Statement.Begin || s instanceof Statement.Commit || s instanceof Statement.Rollback
                || s instanceof Statement.Insert || s instanceof Statement.Update || s instanceof Statement.Delete;
    }

    /** The statement being run, as the client sent it: statement-format binlogs log this text. */
    private String sql;

    /** The stage a statement waiting for a row shows: sql_insert.cc's stage_update, or stage_updating. */
    private String lockState;

    StatementResult run(Account account, Statement s, Session session, String sql) throws SqlError {
        this.sql = sql;
        this.lockState = RecordLocks.waitState(s instanceof Statement.Insert);
        try {
            return run(account, s, session);
        } finally {
            this.sql = null;
        }
    }

    private StatementResult run(Account account, Statement s, Session session) throws SqlError {
        if (s instanceof Statement.Begin) {
            List<RowChange> implicit = ReadOnly.commit(server, account, session); // BEGIN commits an open one first
            session.begin();
            return implicit.isEmpty() ? StatementExecutor.ok(List.of()) : new StatementResult.CommitNeeded(implicit, 0);
        }
        if (s instanceof Statement.Commit) {
            List<RowChange> changes = ReadOnly.commit(server, account, session);
            return changes.isEmpty() ? StatementExecutor.ok(List.of()) : new StatementResult.CommitNeeded(changes, 0);
        }
        if (s instanceof Statement.Rollback) {
            session.take();
            return StatementExecutor.ok(List.of());
        }
        if (s instanceof Statement.Insert insert) {
            return insert(account, insert, session);
        }
        if (s instanceof Statement.Update update) {
            return update(account, update, session);
        }
        return delete(account, (Statement.Delete) s, session);
    }

    /**
     * An UPDATE's or DELETE's locking read: the rows it read are its transaction's, or it waits for them. With
     * the primary key pinned, or an index to read by, those are the rows it matched; without either it reads,
     * and under REPEATABLE READ locks, every row of the table (row_search_mvcc), unless a LIMIT without ORDER BY
     * stops the scan at the row that reached it (measured on MariaDB 10.11.19: WHERE v = 'a' LIMIT 1 left the
     * rows after the first match free, another match among them).
     */
    private void lockMatched(Session session, Tables.Resolved r, Expr where, List<Object[]> rows, Long limit,
                             List<Statement.Order> orderBy) throws SqlError {
        lockMatched(session, r, where, rows, lockState, false, Scan.of(r.table().def(), where, rows, limit, orderBy));
    }

    /**
     * How a locking read without a key to read by goes through the table, measured on MariaDB 10.11.19: without
     * LIMIT it reads, and locks, every row; with LIMIT it reads in key order, backwards for ORDER BY the primary
     * key DESC, and stops at the row that reached the limit ({@code stopsAt}), the rows after it staying free,
     * when there is no ORDER BY, one by the primary key, or one by columns the WHERE fixes to a constant (the
     * optimizer drops that order: remove_const); any other ORDER BY sorts every row it read, and locked, first.
     */
    private record Scan(Object[] stopsAt, boolean descending) {
        static final Scan WHOLE = new Scan(null, false);

        static Scan of(TableDef def, Expr where, List<Object[]> rows, Long limit, List<Statement.Order> orderBy) {
            if (limit == null || limit <= 0 || rows.size() < limit) {
                return WHOLE;
            }
            boolean fixed = orderBy.stream()
                    .allMatch(o -> o.expr() instanceof Expr.Column c && KeyLookup.constant(c.name(), where) != null);
            boolean byKey = orderBy.size() == 1 && def.primaryKey().size() == 1
                    && orderBy.get(0).expr() instanceof Expr.Column c && c.name().equalsIgnoreCase(def.primaryKey().get(0));
            if (!fixed && !byKey) {
                return WHOLE; // a filesort reads them all
            }
            return new Scan(rows.get(rows.size() - 1), !fixed && orderBy.get(0).descending());
        }
    }

    /**
     * SELECT ... FOR UPDATE: the rows it reads are locked as an UPDATE's are. It waits in the stage of the read
     * that meets the row: one the primary key pins is read while the plan is made (make_join_statistics' const
     * table, "Statistics"), the others as rows are sent ("Sending data"); NOWAIT is 1205 at once, no wait counted
     * (measured on MariaDB 10.11.19).
     */
    void lockForUpdate(Account account, Statement.Select s, Session session) throws SqlError {
        Tables.Resolved r = Tables.resolve(server, session, account, s.from(), "SELECT");
        Evaluator ev = new Evaluator(server, session, account).table(r.table().def(), s.alias());
        // the read stops once OFFSET + LIMIT rows matched, in key order (ORDER BY is not read here: it reads all)
        Long limit = s.limit() == null || !s.orderBy().isEmpty() ? null : s.limit() + s.offset();
        List<Object[]> rows = matching(r, ev, s.where(), List.of(), limit);
        String state = flavor().sql().lockingReadState(KeyLookup.value(r.table(), s.where()) != null);
        lockMatched(session, r, s.where(), rows, state, s.forUpdate().nowait(),
                Scan.of(r.table().def(), s.where(), rows, limit, List.of()));
    }

    private void lockMatched(Session session, Tables.Resolved r, Expr where, List<Object[]> rows, String state,
                             boolean nowait, Scan scan) throws SqlError {
        TableDef def = r.table().def();
        if (def.primaryKey().isEmpty()) {
            return; // rows without a key of their own are not named (InnoDB's hidden row id: not modelled)
        }
        List<Object[]> read = rows;
        if (KeyLookup.value(r.table(), where) == null && def.indexes().isEmpty()) {
            List<Object[]> all = new ArrayList<>();
            r.table().forEachRow(all::add); // in key order
            if (scan.descending()) {
                java.util.Collections.reverse(all);
            }
            if (scan.stopsAt() != null) {
                Object[] stopKey = r.table().key(scan.stopsAt());
                int end = 0;
                while (end < all.size() && compareKeys(r.table().key(all.get(end)), stopKey) != 0) {
                    end++;
                }
                all.subList(Math.min(end + 1, all.size()), all.size()).clear();
            }
            read = all;
        }
        List<Object[]> keys = new ArrayList<>(read.size());
        for (Object[] row : read) {
            keys.add(r.table().key(row));
        }
        server.recordLocks().acquire(server.currentThread(), session, r.db(), r.name(), keys, state, nowait);
    }

    /**
     * Collected in a transaction, or committed now. A statement that changed nothing writes nothing in row
     * format; in statement format (MIXED logs these statements as statements) it is written all the same, as
     * {@code noRow} ({@link RowChange#noRow}: whether the engine took part decides how its transaction ends).
     */
    private StatementResult commitOrCollect(List<RowChange> changes, long affected, List<Warning> warnings,
                                            String info, Session session, RowChange noRow, StatementBinlogging.Logged logged)
            throws SqlError {
        boolean unsafe = !logged.unsafe().isEmpty() && sql != null;
        boolean inRows = unsafe && session.mixed(server.variables()); // MIXED: an unsafe statement in rows
        if (unsafe && !inRows && session.logging(server.variables()).statements()) { // STATEMENT: as it is, and why
            warnings = new ArrayList<>(warnings);
            for (StatementBinlogging.Unsafe why : logged.unsafe()) {
                Warning note = binlogging.note(why);
                warnings.add(note);
                server.errorLog().log("unsafe-statement", "message", note.message(), "statement", sql);
            }
            if (info != null) { // the info line counts them too
                info = info.replaceFirst("Warnings: \\d+$", "Warnings: " + warnings.size());
            }
        }
        long insertId = logged.insertId(); // an id taken is written, with the statement, even when no row was
        if (changes.isEmpty() && sql != null && session.logging(server.variables()).statements() && !inRows) {
            changes = List.of(noRow); // binlog_query: the statement, whatever it changed
        }
        if (!changes.isEmpty() && sql != null) {
            changes = new java.util.ArrayList<>(changes);
            RowChange first = changes.get(0).withSql(sql); // its first row carries the statement's text
            Transaction.StatementLog log = inRows ? new Transaction.StatementLog(0, true, 0, null, null, List.of())
                    : new Transaction.StatementLog(insertId, false, logged.clockBytes(), logged.lastInsertId(),
                            logged.rand(), logged.userVars(), Transaction.StatementLog.databaseOf(session.database()));
            changes.set(0, log.equals(Transaction.StatementLog.NONE) ? first : first.withLog(log));
        }
        // the rows it changes are its transaction's until the transaction ends, or it waits for them
        server.recordLocks().acquire(server.currentThread(), session, changes, lockState);
        if (!session.inTransaction() && !session.autocommit(server.variables())) {
            session.begin(); // autocommit OFF: the statement opens a transaction, which COMMIT ends
        }
        if (session.inTransaction()) {
            session.add(changes);
            return new StatementResult.Ok(affected, warnings, info);
        }
        if (changes.isEmpty()) { // a REPLACE of a row by the same row counts it, and writes nothing
            return new StatementResult.Ok(affected, warnings, info);
        }
        return new StatementResult.CommitNeeded(changes, affected, null, warnings, info, false);
    }

    // --- INSERT

    private StatementResult insert(Account account, Statement.Insert s, Session session) throws SqlError {
        Statement.Select query = s.select();
        if (query != null) { // the query's rows, all read before the first is written (select_insert)
            List<List<Expr>> selected = new ArrayList<>();
            for (Object[] row : queries.rows(account, query, session, !s.ignore())) {
                List<Expr> values = new ArrayList<>(row.length);
                for (Object v : row) {
                    values.add(new Expr.Literal(v, Values.text(v)));
                }
                selected.add(values);
            }
            s = s.withRows(selected);
        }
        Tables.Resolved r = Tables.resolve(server, session, account, s.table(), "INSERT");
        Table table = r.table();
        TableDef def = table.def();
        List<Integer> targets = new ArrayList<>();
        if (s.columns() == null) {
            for (int k = 0; k < def.columns().size(); k++) {
                targets.add(k);
            }
        } else {
            for (String name : s.columns()) {
                int k = def.columnIndex(name);
                if (k < 0) {
                    throw flavor().error(1054, name, flavor().sql().columnClause("insert"));
                }
                if (targets.contains(k)) { // check_fields: a column named twice (measured on MariaDB 10.11.18)
                    throw flavor().error(1110, def.columns().get(k).name());
                }
                targets.add(k);
            }
        }
        // a value may name a column of the row being inserted: one set before it, else the column's default
        // (measured on MariaDB 10.11.18: INSERT ... SET id = 1, n = id + 1 stores n = 2)
        Evaluator ev = new Evaluator(server, session, account).abortOnTruncation(!s.ignore()).table(def, null);
        List<Warning> warnings = new ArrayList<>();
        List<RowChange> changes = new ArrayList<>();
        TreeSet<Object[]> keys = new TreeSet<>(DmlStatements::compareKeys);
        long lastInsertIdBefore = session.lastInsertId(); // what LAST_INSERT_ID() reads in this statement
        AutoIncrementRun autoIncrement = new AutoIncrementRun(server.store().catalog().table(r.db(), r.name()), table,
                query == null ? s.rows().size() : 0);
        int duplicates = 0;
        boolean uniques = !def.uniqueKeys().isEmpty();
        boolean upsert = s.replace() || !s.onDuplicate().isEmpty();
        Upsert up = upsert ? new Upsert(s, r, session, account, warnings) : null;
        // with the statement's rows so far: a REPLACE may delete several rows for one
        Table work = uniques && s.rows().size() > 1 || upsert ? table.copy() : table;
        long affected = 0;
        long firstInserted = 0;
        StatementBinlogging.Clock clock = new StatementBinlogging.Clock();
        for (int n = 0; n < s.rows().size(); n++) { // every row's count before the first is written (1136)
            int count = s.rows().get(n).size();
            if (count != targets.size() && !(def.implicit() && s.columns() == null && count == 1)) {
                throw flavor().error(1136, (long) n + 1);
            }
        }
        try {
            for (int n = 0; n < s.rows().size(); n++) {
                long rowNumber = n + 1;
                List<Expr> values = s.rows().get(n);
                List<Integer> written = targets;
                if (values.size() != targets.size()) {
                    // The implicit table takes INSERT ... VALUES (id), as it always has: v is then NULL.
                    if (def.implicit() && s.columns() == null && values.size() == 1) {
                        written = List.of(0);
                    } else {
                        throw flavor().error(1136, rowNumber);
                    }
                }
                Object[] row = new Object[def.columns().size()];
                for (int k = 0; k < row.length; k++) {
                    row[k] = ev.defaultOf(def.columns().get(k)); // what a value naming a column not yet set reads
                }
                ev.row(row);
                boolean[] given = new boolean[row.length];
                long generated = 0; // the AUTO_INCREMENT value this row took
                int generatedColumn = -1; // filled once its other values are stored, as handler::write_row asks for it
                for (int k = 0; k < written.size(); k++) {
                    Expr e = values.get(k);
                    int column = written.get(k);
                    if (e instanceof Expr.Function f && f.name().equals("DEFAULT") && f.args().isEmpty()) {
                        continue;
                    }
                    ev.check(e, "insert", false);
                    row[column] = ev.evalStored(e);
                    given[column] = true;
                }
                ev.drainWarnings(warnings); // the row's expressions' warnings, before what storing it warns of
                for (int k = 0; k < row.length; k++) {
                    ColumnDef c = def.columns().get(k);
                    if (!given[k]) {
                        if (c.defaultValue().kind() == ColumnDef.Default.Kind.NONE && !c.nullable()
                                && c.type().kind() == ColumnType.Kind.ENUM) {
                            row[k] = c.type().implicitDefault(); // an ENUM NOT NULL's first member
                            continue;
                        }
                        if (c.defaultValue().kind() == ColumnDef.Default.Kind.NONE && !c.nullable() && !c.autoIncrement()) {
                            if (!s.ignore()) {
                                throw flavor().error(1364, c.name());
                            }
                            warnings.add(new Warning("Warning", 1364, flavor().errorText(1364, c.name())));
                            row[k] = c.type().implicitDefault(); // INSERT IGNORE: the type's implicit default
                            continue;
                        } // else row[k] holds its default already, filled before the row's values were read
                    }
                    if (c.autoIncrement() && (row[k] == null || Values.compare(row[k], 0L) == 0)) {
                        generatedColumn = k;
                        continue;
                    }
                    if (given[k]) {
                        clock.given(c, row[k]);
                        if (row[k] == null && !c.nullable() && nullIsNow(c)) {
                            clock.filledNow(c);
                        }
                    }
                    row[k] = store(c, row[k], r, rowNumber, warnings, s.ignore());
                    if (c.autoIncrement() && row[k] instanceof Long v) {
                        autoIncrement.explicit(v);
                    }
                }
                if (generatedColumn >= 0) {
                    // a value a column refused (1048, 1366, 1406) failed the row before the engine saw it: no id
                    // was taken (measured on MariaDB 10.11.18); a duplicate key fails it after, with its id gone
                    generated = autoIncrement.take();
                    row[generatedColumn] = generated;
                }
                autoIncrement.rowWritten();
                clock.row(def, given);
                if (upsert) {
                    affected += up.row(work, row, changes);
                    if (up.inserted()) {
                        firstInserted = firstInserted == 0 ? generated : firstInserted;
                    } else if (generated != 0) {
                        autoIncrement.giveBack(generated); // ON DUPLICATE KEY UPDATE updated a row instead
                    }
                    continue;
                }
                if (!def.primaryKey().isEmpty()) {
                    Object[] key = table.key(row);
                    boolean stored = table.findByKey(key) != null;
                    if (stored) { // the duplicate's lock first: a transaction deleting it may yet commit
                        server.recordLocks().acquire(server.currentThread(), session, r.db(), r.name(),
                                List.<Object[]>of(key), lockState);
                    }
                    if (stored || !keys.add(key)) {
                        if (!s.ignore()) {
                            throw flavor().error(1062, keyText(key), def.name(), "PRIMARY");
                        }
                        duplicates++;
                        warnings.add(new Warning("Warning", 1062, flavor().errorText(1062, keyText(key), def.name(), "PRIMARY")));
                        if (generated != 0) {
                            autoIncrement.giveBack(generated);
                        }
                        continue;
                    }
                }
                RowChange write = RowChange.images(EventType.WRITE_ROWS, r.db(), r.name(), null, row);
                if (uniques) { // InnoDB meets the clustered index first, then each unique key in order
                    TableDef.Index clash = work.uniqueClash(row, null);
                    if (clash != null) {
                        String entry = keyText(Table.values(row, def.columnIndexes(clash)));
                        if (!s.ignore()) {
                            throw flavor().error(1062, entry, def.name(), clash.name());
                        }
                        duplicates++;
                        warnings.add(new Warning("Warning", 1062, flavor().errorText(1062, entry, def.name(), clash.name())));
                        if (!def.primaryKey().isEmpty()) {
                            keys.remove(table.key(row)); // the row is not written: its primary key stays free
                        }
                        if (generated != 0) {
                            autoIncrement.giveBack(generated);
                        }
                        continue;
                    }
                    if (work != table) {
                        work.apply(write);
                    }
                }
                changes.add(write);
                affected++;
                firstInserted = firstInserted == 0 ? generated : firstInserted;
            }
        } catch (SqlError e) {
            if (firstInserted != 0) { // a row written before the failing one set it (measured on MariaDB 10.11.18)
                session.setLastInsertId(firstInserted);
            }
            throw e;
        }
        if (autoIncrement.first() != 0) {
            // an ON DUPLICATE KEY UPDATE that updated leaves it (write_record), or what LAST_INSERT_ID(expr) set;
            // an id generated wins over that (measured on MariaDB 10.11.18)
            if (firstInserted != 0) {
                session.setLastInsertId(firstInserted);
            }
        }
        String info = s.rows().size() > 1 || query != null ? "Records: " + s.rows().size() + "  Duplicates: "
                + (upsert ? up.duplicates() : duplicates) + "  Warnings: " + warnings.size() : null;
        // every row a duplicate INSERT IGNORE skipped: the engine was asked, so its transaction has an Xid
        List<Expr> read = new ArrayList<>();
        if (query != null) {
            read.addAll(StatementBinlogging.read(query));
        } else {
            s.rows().forEach(read::addAll);
        }
        s.onDuplicate().forEach(a -> read.add(a.value()));
        boolean twoKeys = !s.onDuplicate().isEmpty()
                && (def.primaryKey().isEmpty() ? 0 : 1) + def.uniqueKeys().size() > 1; // UNSAFE_INSERT_TWO_KEYS
        java.util.Set<StatementBinlogging.Unsafe> unsafe = StatementBinlogging.unsafe(query != null && query.limit() != null,
                binlogging.callsUnsafe(read, !s.replace() && query == null), twoKeys);
        if (query != null) {
            unsafe.addAll(StatementBinlogging.insertSelect(s.ignore(), !s.onDuplicate().isEmpty(), s.replace(),
                    query.from() != null && def.columns().stream().anyMatch(ColumnDef::autoIncrement)));
        }
        // statement format writes INSERT_ID first, for the replica to take the same values; a SELECT that gave
        // no row never asked the engine, so its statement ends with COMMIT (measured on MariaDB 10.11.18)
        EventType noRow = query != null && s.rows().isEmpty() ? EventType.QUERY : EventType.WRITE_ROWS;
        return commitOrCollect(changes, affected, warnings, info, session,
                RowChange.noRow(noRow, r.db(), r.name(), sql), binlogging.logged(unsafe,
                        autoIncrement.first(), binlogging.clockBytes(read, clock.timeZone, clock.microseconds), read, lastInsertIdBefore,
                        session, ev));
    }

    /**
     * REPLACE and INSERT ... ON DUPLICATE KEY UPDATE, row by row, as sql_insert.cc write_record does: the
     * row's first clash in InnoDB's key order (the primary key, then each unique key) decides. REPLACE
     * deletes the row in the way and tries again, or, when the clash is on the table's last unique key,
     * updates that row into the new one (one row event, two rows affected); ON DUPLICATE KEY UPDATE
     * updates the row in the way with its assignments (VALUES(col): the new row's value): two rows affected,
     * none when nothing changes, and 1062 when the updated row clashes with another.
     */
    private final class Upsert {
        private final Statement.Insert s;
        private final Tables.Resolved r;
        private final TableDef def;
        private final Evaluator ev;
        private final List<Warning> warnings;
        private final int[] assigned;
        private int duplicates;
        private boolean inserted;

        Upsert(Statement.Insert s, Tables.Resolved r, Session session, Account account, List<Warning> warnings)
                throws SqlError {
            this.s = s;
            this.r = r;
            this.def = r.table().def();
            this.warnings = warnings;
            // REPLACE deletes (INSERT and DELETE privileges), ON DUPLICATE KEY UPDATE updates (INSERT and UPDATE)
            Tables.requireOn(flavor(), account, s.replace() ? "DELETE" : "UPDATE", r.db(), r.name());
            this.ev = new Evaluator(server, session, account).table(def, null);
            if (flavor().sql().valuesFunctionDeprecated()) { // one Warning per VALUES(col), as each is resolved
                for (Statement.ColumnAssignment a : s.onDuplicate()) {
                    a.value().visit(e -> {
                        if (e instanceof Expr.Function f && f.name().equals("VALUES")) {
                            warnings.add(new Warning("Warning", 1287, flavor().errorText(1287, "VALUES function",
                                    "an alias (INSERT INTO ... VALUES (...) AS alias) and replace VALUES(col) in the"
                                            + " ON DUPLICATE KEY UPDATE clause with alias.col")));
                        }
                    });
                }
            }
            this.assigned = new int[s.onDuplicate().size()];
            for (int k = 0; k < assigned.length; k++) { // literal clause keys, as TextKeysTest reads them
                Statement.ColumnAssignment a = s.onDuplicate().get(k);
                assigned[k] = def.columnIndex(a.column());
                if (assigned[k] < 0) {
                    throw flavor().error(1054, a.column(), flavor().sql().columnClause("insert"));
                }
                ev.check(a.value(), "insert", false);
            }
        }

        int duplicates() {
            return duplicates;
        }

        /** Whether the last row was written as a new row (REPLACE always; ON DUPLICATE KEY UPDATE without a clash). */
        boolean inserted() {
            return inserted;
        }

        /** Writes {@code row} as the statement says, adding its changes; the rows it affected. */
        long row(Table work, Object[] row, List<RowChange> changes) throws SqlError {
            inserted = s.replace();
            if (s.replace()) {
                long affected = 1;
                for (Clash c = clash(work, row, null); c != null; c = clash(work, row, null)) {
                    duplicates++;
                    if (c.last()) { // last_uniq_key: the row in the way becomes the new one
                        if (sameRow(c.holder(), row)) { // HA_ERR_RECORD_IS_THE_SAME: not deleted, not written
                            return affected;
                        }
                        apply(work, changes, RowChange.images(EventType.UPDATE_ROWS, r.db(), r.name(), c.holder(), row));
                        return affected + 1;
                    }
                    apply(work, changes, RowChange.images(EventType.DELETE_ROWS, r.db(), r.name(), c.holder(), null));
                    affected++;
                }
                apply(work, changes, RowChange.images(EventType.WRITE_ROWS, r.db(), r.name(), null, row));
                return affected;
            }
            Clash c = clash(work, row, null);
            if (c == null) {
                inserted = true;
                apply(work, changes, RowChange.images(EventType.WRITE_ROWS, r.db(), r.name(), null, row));
                return 1;
            }
            duplicates++;
            Object[] next = c.holder().clone();
            ev.inserting(row);
            try {
                for (int k = 0; k < assigned.length; k++) {
                    ev.row(next); // later assignments see earlier ones, as in UPDATE
                    next[assigned[k]] = store(def.columns().get(assigned[k]), ev.eval(s.onDuplicate().get(k).value()),
                            r, 1, warnings);
                }
            } finally {
                ev.inserting(null);
            }
            if (sameRow(c.holder(), next)) {
                return 0; // found, not changed: not counted, not written
            }
            Clash again = clash(work, next, c.holder());
            if (again != null) {
                String entry = keyText(again.values());
                if (!s.ignore()) {
                    throw flavor().error(1062, entry, def.name(), again.key());
                }
                warnings.add(new Warning("Warning", 1062, flavor().errorText(1062, entry, def.name(), again.key())));
                return 0;
            }
            apply(work, changes, RowChange.images(EventType.UPDATE_ROWS, r.db(), r.name(), c.holder(), next));
            return 2;
        }

        private void apply(Table work, List<RowChange> changes, RowChange c) {
            work.apply(c);
            changes.add(c);
        }

        /** The first row other than {@code self} that {@code row} clashes with, in key order; null when none. */
        private Clash clash(Table work, Object[] row, Object[] self) {
            List<TableDef.Index> uniques = def.uniqueKeys();
            if (!def.primaryKey().isEmpty()) {
                Object[] key = work.key(row);
                Object[] holder = work.findByKey(key);
                if (holder != null && (self == null || compareKeys(key, work.key(self)) != 0)) {
                    return new Clash("PRIMARY", key, holder, uniques.isEmpty());
                }
            }
            for (int u = 0; u < uniques.size(); u++) {
                Object[] values = Table.values(row, def.columnIndexes(uniques.get(u)));
                Object[] holder = values == null ? null : work.uniqueHolder(uniques.get(u), values);
                if (holder != null && (self == null || holder != self && compareKeys(holder, self) != 0)) {
                    return new Clash(uniques.get(u).name(), values, holder, u == uniques.size() - 1);
                }
            }
            return null;
        }
    }

    /** A row's clash: the key's name, the values it clashes on, the row in the way, and whether the key is the last unique one. */
    private record Clash(String key, Object[] values, Object[] holder, boolean last) {
    }

    /** A value as the column stores it: NULL into NOT NULL is 1048; the rest as strict mode converts. */
    private Object store(ColumnDef c, Object v, Tables.Resolved r, long rowNumber, List<Warning> warnings)
            throws SqlError {
        return store(c, v, r, rowNumber, warnings, false);
    }

    /**
     * {@code ignore}: INSERT IGNORE, where strict mode's errors are warnings and the value is adjusted (NULL
     * into NOT NULL becomes the type's implicit default with Warning 1048; {@link ColumnType#storeLeniently}).
     */
    private Object store(ColumnDef c, Object v, Tables.Resolved r, long rowNumber, List<Warning> warnings,
                         boolean ignore) throws SqlError {
        if (v == null) {
            if (!c.nullable() && nullIsNow(c)) {
                return VirtualTimestamps.datetime(server.now(), c.type().fsp());
            }
            if (!c.nullable()) {
                if (!ignore) {
                    throw flavor().error(1048, c.name());
                }
                warnings.add(new Warning("Warning", 1048, flavor().errorText(1048, c.name())));
                return c.type().implicitDefault();
            }
            return null;
        }
        boolean temporal = c.type().isTemporal() || c.type().kind() == ColumnType.Kind.TIME;
        ColumnType.Target at = new ColumnType.Target(r.db(), r.name(), c.name(), rowNumber,
                temporal && flavor().sql().noZeroDates(), temporal && flavor().sql().roundFractions());
        Consumer<TableError> notes = n -> warnings.add(new Warning("Note", codeOf(n),
                Tables.error(flavor(), n).getMessage()));
        try {
            if (ignore) {
                return c.type().storeLeniently(v, at, notes, w -> warnings.add(new Warning("Warning", codeOf(w),
                        Tables.error(flavor(), w).getMessage())));
            }
            return c.type().store(v, at, notes);
        } catch (TableError e) {
            throw Tables.error(flavor(), e);
        }
    }

    /**
     * Whether NULL given to this NOT NULL column stores the current time: a TIMESTAMP's, in MariaDB even with
     * explicit_defaults_for_timestamp ON, and in MySQL with it OFF (5.7) (Field_timestamp::set_time; measured
     * on MariaDB 10.11.18, INSERT and UPDATE alike).
     */
    private boolean nullIsNow(ColumnDef c) {
        return c.type().kind() == ColumnType.Kind.TIMESTAMP && flavor().sql().nullTimestampIsNow();
    }

    private int codeOf(TableError e) {
        return Tables.error(flavor(), e).code();
    }

    /** The entry 1062 quotes ({@link Table#keyText}). */
    static String keyText(Object[] key) {
        return Table.keyText(key);
    }

    static int compareKeys(Object[] a, Object[] b) {
        for (int k = 0; k < a.length; k++) {
            int c = Values.compare(a[k], b[k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    // --- UPDATE and DELETE

    /** The rows a WHERE selects, in key order, then ORDER BY and LIMIT. */
    private List<Object[]> matching(Tables.Resolved r, Evaluator ev, Expr where, List<Statement.Order> orderBy,
                                    Long limit) throws SqlError {
        if (where != null) {
            ev.check(where, "where", false);
        }
        for (Statement.Order o : orderBy) {
            ev.check(o.expr(), "order", false);
        }
        List<Object[]> rows = new ArrayList<>();
        Object key = KeyLookup.value(r.table(), where);
        if (key != null) { // WHERE pins the primary key: one lookup, not a scan of millions of keys
            Object[] row = r.table().findByKey(new Object[] {key});
            ev.row(row);
            if (row != null && ev.matches(where)) {
                rows.add(row);
            }
        } else {
            SqlError[] failed = {null};
            r.table().forEachRow(row -> {
                if (failed[0] != null) {
                    return;
                }
                try {
                    ev.row(row);
                    if (ev.matches(where)) {
                        rows.add(row);
                    }
                } catch (SqlError e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        if (!orderBy.isEmpty()) {
            List<Object[][]> keyed = new ArrayList<>();
            for (Object[] row : rows) {
                ev.row(row);
                Object[] keys = new Object[orderBy.size()];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = ev.orderKey(orderBy.get(k).expr());
                }
                keyed.add(new Object[][] {row, keys});
            }
            keyed.sort((a, b) -> {
                for (int k = 0; k < orderBy.size(); k++) {
                    Object x = a[1][k];
                    Object y = b[1][k];
                    int c = x == null || y == null ? (x == null ? (y == null ? 0 : -1) : 1) : Values.compare(x, y);
                    if (c != 0) {
                        return orderBy.get(k).descending() ? -c : c;
                    }
                }
                return 0;
            });
            rows.clear();
            keyed.forEach(k -> rows.add(k[0]));
        }
        if (limit != null && rows.size() > limit) {
            return new ArrayList<>(rows.subList(0, (int) (long) limit));
        }
        return rows;
    }

    private StatementResult update(Account account, Statement.Update s, Session session) throws SqlError {
        Tables.Resolved r = Tables.resolve(server, session, account, s.table(), "UPDATE");
        TableDef def = r.table().def();
        Evaluator ev = new Evaluator(server, session, account).table(def, null).abortOnTruncation(!s.ignore());
        int[] columns = new int[s.set().size()];
        for (int k = 0; k < columns.length; k++) {
            Statement.ColumnAssignment a = s.set().get(k);
            columns[k] = def.columnIndex(a.column());
            if (columns[k] < 0) {
                throw flavor().error(1054, a.column(), flavor().sql().columnClause("set"));
            }
            ev.check(a.value(), "set", false);
        }
        List<Object[]> rows = matching(r, ev, s.where(), s.orderBy(), s.limit());
        lockMatched(session, r, s.where(), rows, s.limit(), s.orderBy()); // every row it read, changed or not
        List<Warning> warnings = new ArrayList<>();
        ev.drainWarnings(warnings); // what reading the WHERE warned of
        List<RowChange> changes = new ArrayList<>();
        // The primary key row by row, in the order the rows are updated (ORDER BY, else the key's): the keys rows
        // moved to, and the ones they left, so that id = id + 1 ORDER BY id DESC moves each into a free key.
        TreeSet<Object[]> newKeys = new TreeSet<>(DmlStatements::compareKeys);
        TreeSet<Object[]> vacated = new TreeSet<>(DmlStatements::compareKeys);
        boolean uniques = !def.uniqueKeys().isEmpty();
        Table work = uniques && rows.size() > 1 ? r.table().copy() : r.table(); // with the rows changed so far
        StatementBinlogging.Clock clock = new StatementBinlogging.Clock();
        long rowNumber = 0;
        for (Object[] old : rows) {
            rowNumber++;
            Object[] next = old.clone();
            boolean[] assigned = new boolean[next.length];
            for (int k = 0; k < columns.length; k++) {
                ev.row(next); // MySQL assigns left to right: later SETs see earlier ones
                ColumnDef c = def.columns().get(columns[k]);
                Object v = ev.evalStored(s.set().get(k).value());
                ev.drainWarnings(warnings);
                clock.given(c, v);
                if (v == null && !c.nullable() && nullIsNow(c)) {
                    clock.filledNow(c);
                }
                next[columns[k]] = store(c, v, r, rowNumber, warnings, s.ignore());
                assigned[columns[k]] = true;
            }
            if (sameRow(old, next)) {
                continue; // matched, not changed: MySQL neither counts nor logs it
            }
            for (int k = 0; k < next.length; k++) {
                if (def.columns().get(k).onUpdateNow() && !assigned[k]) {
                    next[k] = VirtualTimestamps.datetime(server.now(), def.columns().get(k).type().fsp());
                }
            }
            clock.updated(def, assigned);
            Object[] movedFrom = null;
            Object[] movedTo = null;
            if (!def.primaryKey().isEmpty()) {
                Object[] key = r.table().key(next);
                Object[] oldKey = r.table().key(old);
                if (compareKeys(key, oldKey) != 0) {
                    if (newKeys.contains(key) || r.table().findByKey(key) != null && !vacated.contains(key)) {
                        if (!s.ignore()) {
                            throw flavor().error(1062, keyText(key), def.name(), "PRIMARY");
                        }
                        skipDuplicate(warnings, keyText(key), def.name(), "PRIMARY");
                        continue;
                    }
                    newKeys.add(key);
                    vacated.add(oldKey);
                    movedFrom = oldKey;
                    movedTo = key;
                }
            }
            RowChange update = RowChange.images(EventType.UPDATE_ROWS, r.db(), r.name(), old, next);
            if (uniques) { // row by row, as InnoDB checks each against the rows changed before it
                TableDef.Index clash = work.uniqueClash(next, old);
                if (clash != null) {
                    String entry = keyText(Table.values(next, def.columnIndexes(clash)));
                    if (!s.ignore()) {
                        throw flavor().error(1062, entry, def.name(), clash.name());
                    }
                    if (movedTo != null) { // the row stays where it was
                        newKeys.remove(movedTo);
                        vacated.remove(movedFrom);
                    }
                    skipDuplicate(warnings, entry, def.name(), clash.name());
                    continue;
                }
                if (work != r.table()) {
                    work.apply(update);
                }
            }
            changes.add(update);
        }
        String info = "Rows matched: " + rows.size() + "  Changed: " + changes.size() + "  Warnings: " + warnings.size();
        return commitOrCollect(changes, changes.size(), warnings, info, session,
                // matched rows left as they were: the engine took part (an Xid ends it), unless the table has a
                // column ON UPDATE CURRENT_TIMESTAMP, whose rows are compared before the engine is asked (COMMIT,
                // measured on MariaDB 10.11.18)
                RowChange.noRow(rows.isEmpty() || def.columns().stream().anyMatch(ColumnDef::onUpdateNow)
                        ? EventType.QUERY : EventType.UPDATE_ROWS, r.db(), r.name(), sql),
                binlogging.logged(StatementBinlogging.unsafe(s.limit() != null, binlogging.callsUnsafe(StatementBinlogging.read(s.set(), s.where(), s.orderBy()), false), s.ignore(), false), 0,
                        binlogging.clockBytes(StatementBinlogging.read(s.set(), s.where(), s.orderBy()), clock.timeZone, clock.microseconds),
                        StatementBinlogging.read(s.set(), s.where(), s.orderBy()), session.lastInsertId(), session, ev));
    }

    /**
     * UPDATE IGNORE leaves a row whose new key values another row holds as it was: silently on MariaDB
     * (measured on 10.11.18: no warning), with Warning 1062 on MySQL (its Ignore_error_handler; UNVERIFIED).
     */
    private void skipDuplicate(List<Warning> warnings, String entry, String table, String key) {
        if (flavor().sql().updateIgnoreWarnsDuplicate()) {
            warnings.add(new Warning("Warning", 1062, flavor().errorText(1062, entry, table, key)));
        }
    }

    private static boolean sameRow(Object[] a, Object[] b) {
        for (int k = 0; k < a.length; k++) {
            if (!Objects.equals(a[k], b[k]) && (a[k] == null || b[k] == null || Values.compare(a[k], b[k]) != 0
                    || !Values.text(a[k]).equals(Values.text(b[k])))) {
                return false;
            }
        }
        return true;
    }

    private StatementResult delete(Account account, Statement.Delete s, Session session) throws SqlError {
        Tables.Resolved r = Tables.resolve(server, session, account, s.table(), "DELETE");
        Evaluator ev = new Evaluator(server, session, account).table(r.table().def(), null);
        List<RowChange> changes = new ArrayList<>();
        List<Object[]> rows = matching(r, ev, s.where(), s.orderBy(), s.limit());
        lockMatched(session, r, s.where(), rows, s.limit(), s.orderBy());
        for (Object[] row : rows) {
            changes.add(RowChange.images(EventType.DELETE_ROWS, r.db(), r.name(), row, null));
        }
        return commitOrCollect(changes, changes.size(), List.copyOf(ev.warnings()), null, session,
                RowChange.noRow(EventType.QUERY, r.db(), r.name(), sql),
                binlogging.logged(StatementBinlogging.unsafe(s.limit() != null, binlogging.callsUnsafe(StatementBinlogging.read(List.of(), s.where(), s.orderBy()), false), false), 0,
                        binlogging.clockBytes(StatementBinlogging.read(List.of(), s.where(), s.orderBy()), false, false),
                        StatementBinlogging.read(List.of(), s.where(), s.orderBy()), session.lastInsertId(), session, ev));
    }
}
