package io.semisyncsim.sql;

import io.semisyncsim.sysvar.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The statements the simulated server understands, as the parser hands them over. */
public sealed interface Statement {

    /** Where a variable is read or written: {@code GLOBAL}, {@code SESSION}, {@code PERSIST}... */
    enum Scope { DEFAULT, GLOBAL, SESSION, PERSIST, PERSIST_ONLY }

    /** Which replication threads START/STOP address. */
    enum Threads { BOTH, IO_THREAD, SQL_THREAD }

    /** {@code [db.]name}; {@code db} null means the session's current database. */
    record TableRef(String db, String name) {
    }

    /** A comment-only statement (an executable comment this flavour skips, say): nothing to do. */
    record Empty() implements Statement {
    }

    record InstallPlugin(String name, String soname) implements Statement {
    }

    record UninstallPlugin(String name) implements Statement {
    }

    /** One item of a SET: a system variable or a user variable. */
    sealed interface SetItem {
    }

    /**
     * One {@code name = value} of a SET for a system variable; {@code value} null means DEFAULT, unless
     * {@code expression} holds a value to compute first ({@code 10000--1}).
     */
    record Assignment(Scope scope, String name, Input value, Expr expression) implements SetItem {
        public Assignment(Scope scope, String name, Input value) {
            this(scope, name, value, null);
        }
    }

    /** {@code SET @name = expr}. */
    record UserAssignment(String name, Expr value) implements SetItem {
    }

    record SetVariables(List<SetItem> items) implements Statement {
        public SetVariables {
            items = List.copyOf(items);
        }

        /** The system-variable assignments, in order. */
        public List<Assignment> assignments() {
            List<Assignment> out = new ArrayList<>();
            for (SetItem i : items) {
                if (i instanceof Assignment a) {
                    out.add(a);
                }
            }
            return out;
        }
    }

    /** A select list item: an expression with an optional alias, or {@code *} / {@code t.*} (expr null). */
    record SelectItem(Expr expr, String alias, String starTable) {
        public boolean isStar() {
            return expr == null;
        }
    }

    /** ORDER BY item. */
    record Order(Expr expr, boolean descending) {
    }

    /** A locking read's FOR UPDATE: the rows it reads are locked as an UPDATE's are; NOWAIT: 1205 at once. */
    record ForUpdate(boolean nowait) {
    }

    /**
     * SELECT [DISTINCT] [SQL_CALC_FOUND_ROWS] items [INTO @v, ...] [FROM table [[AS] alias] [WHERE ...]]
     * [GROUP BY ... [HAVING ...]] [ORDER BY ...] [LIMIT n [OFFSET m]] [INTO @v, ...]. {@code from} null:
     * expressions only; {@code groupBy} empty: no groups ({@code having} then null).
     */
    record Select(List<SelectItem> items, boolean distinct, TableRef from, String alias, Expr where,
                  List<Order> orderBy, Long limit, long offset, List<String> into, boolean calcFoundRows,
                  List<Expr> groupBy, Expr having, ForUpdate forUpdate)
            implements Statement {
        public Select {
            items = List.copyOf(items);
            orderBy = List.copyOf(orderBy);
            into = List.copyOf(into);
            groupBy = List.copyOf(groupBy);
        }
    }

    /** DO expr [, expr]...: the expressions evaluated for what they do, their values thrown away. */
    record Do(List<Expr> expressions) implements Statement {
        public Do {
            expressions = List.copyOf(expressions);
        }
    }

    /** SHOW [GLOBAL|SESSION] VARIABLES|STATUS [LIKE 'pattern']. */
    record Show(boolean status, Scope scope, String like) implements Statement {
    }

    record ShowPlugins() implements Statement {
    }

    /** SHOW [FULL] PROCESSLIST. */
    record ShowProcesslist(boolean full) implements Statement {
    }

    /** KILL [CONNECTION | QUERY] id: {@code queryOnly} for KILL QUERY. */
    record Kill(Expr thread, boolean queryOnly) implements Statement {
    }

    /** SHUTDOWN: a clean shutdown of the server the client is connected to. */
    record Shutdown() implements Statement {
    }

    /** SHOW WARNINGS / SHOW ERRORS ({@code errorsOnly}), or their COUNT(*) forms ({@code count}); LIMIT. */
    record ShowWarnings(boolean errorsOnly, boolean count, Long limit, long offset) implements Statement {
        public ShowWarnings() {
            this(false, false, null, 0);
        }
    }

    /** SHOW [FULL] TABLES [FROM db] [LIKE 'pattern']. */
    record ShowTables(String db, boolean full, String like) implements Statement {
    }

    /** SHOW DATABASES [LIKE 'pattern'] (SHOW SCHEMAS). */
    record ShowDatabases(String like) implements Statement {
    }

    record ShowCreateTable(TableRef table) implements Statement {
    }

    /** SHOW CREATE DATABASE name. */
    record ShowCreateDatabase(String name) implements Statement {
    }

    /** SHOW GRANTS [FOR user]; {@code user} null means the current user. */
    record ShowGrants(UserName user) implements Statement {
    }

    /** FLUSH [NO_WRITE_TO_BINLOG | LOCAL] STATUS; {@code local}: not written to the binary log. */
    record FlushStatus(boolean local) implements Statement {
    }

    /**
     * FLUSH [NO_WRITE_TO_BINLOG | LOCAL] {BINARY LOGS | RELAY LOGS | LOGS}: the logs named rotate to new files
     * (sql_reload.cc reload_acl_and_cache: REFRESH_BINARY_LOG, REFRESH_RELAY_LOG; REFRESH_LOG is both, with
     * the error, general, slow and engine logs, which the model does not keep). Whenever the binary log
     * rotates the statement is not written to it, whatever the option.
     */
    record FlushLogs(boolean binary, boolean relay, boolean local) implements Statement {
        public static FlushLogs binaryLogs(boolean local) {
            return new FlushLogs(true, false, local);
        }

        public static FlushLogs relayLogs(boolean local) {
            return new FlushLogs(false, true, local);
        }

        public static FlushLogs all(boolean local) {
            return new FlushLogs(true, true, local);
        }

        /** FLUSH ERROR, ENGINE, GENERAL or SLOW LOGS: logs the model does not keep; only its binlogging shows. */
        public static FlushLogs unkept(boolean local) {
            return new FlushLogs(false, false, local);
        }

        public boolean unkept() {
            return !binary && !relay;
        }
    }

    /** START SLAVE|REPLICA [IO_THREAD|SQL_THREAD] [UNTIL ...]; {@code until} null without one. */
    record StartReplica(Threads threads, Until until) implements Statement {
        public StartReplica(Threads threads) {
            this(threads, null);
        }
    }

    /**
     * START SLAVE's UNTIL: the source's coordinates (MASTER_LOG_FILE/POS, SOURCE_ on MySQL) or the relay log's
     * (RELAY_LOG_FILE/POS), each part null when not given.
     */
    record Until(String sourceFile, Long sourcePos, String relayFile, Long relayPos) {
    }

    /** STOP SLAVE|REPLICA [IO_THREAD|SQL_THREAD]. */
    record StopReplica(Threads threads) implements Statement {
    }

    /** CHANGE MASTER TO / CHANGE REPLICATION SOURCE TO with its options, names upper-cased. */
    record ChangeSource(Map<String, Input> options) implements Statement {
    }

    /** SHOW SLAVE STATUS (old column names) or SHOW REPLICA STATUS (new ones). */
    record ShowReplicaStatus(boolean newNames) implements Statement {
    }

    /** SHOW MASTER STATUS / SHOW BINARY LOG STATUS. */
    record ShowSourceStatus() implements Statement {
    }

    /** SHOW SLAVE HOSTS (MariaDB also SHOW REPLICA HOSTS): the replicas registered with this source. */
    record ShowReplicaHosts() implements Statement {
    }

    /** SHOW BINARY LOGS / SHOW MASTER LOGS: the files in the binlog index. */
    record ShowBinaryLogs() implements Statement {
    }

    /**
     * SHOW {BINLOG | RELAYLOG} EVENTS [IN 'file'] [FROM pos] [LIMIT [offset,] count]: {@code relayLog} for the
     * replica's relay log, {@code file} null for the index's first, {@code limit} null for no limit.
     */
    record ShowBinlogEvents(boolean relayLog, String file, long from, long offset, Long limit) implements Statement {
        public ShowBinlogEvents(String file, long from, long offset, Long limit) {
            this(false, file, from, offset, limit);
        }
    }

    /**
     * PURGE {BINARY | MASTER} LOGS TO 'file' ({@code to}: the files before it are deleted) or BEFORE expr
     * ({@code before}: the files last written before that time).
     */
    record PurgeBinaryLogs(String to, Expr before) implements Statement {
    }

    /** RESET MASTER / RESET BINARY LOGS AND GTIDS. */
    record ResetSource() implements Statement {
    }

    /** RESET SLAVE|REPLICA [ALL]. */
    record ResetReplica(boolean all) implements Statement {
    }

    /** BEGIN / START TRANSACTION. */
    record Begin() implements Statement {
    }

    record Commit() implements Statement {
    }

    record Rollback() implements Statement {
    }

    /**
     * INSERT [IGNORE] INTO table [(columns)] VALUES (...), ... [ON DUPLICATE KEY UPDATE ...], or REPLACE INTO
     * ({@code replace}); {@code columns} null: all, in order; {@code onDuplicate} empty: no such clause;
     * {@code select}: INSERT ... SELECT's query (null: VALUES or SET), whose rows the server takes as the values.
     */
    record Insert(TableRef table, List<String> columns, List<List<Expr>> rows, boolean ignore, boolean replace,
                  List<ColumnAssignment> onDuplicate, Select select) implements Statement {
        public Insert {
            rows = List.copyOf(rows);
            onDuplicate = List.copyOf(onDuplicate);
        }

        public Insert(TableRef table, List<String> columns, List<List<Expr>> rows, boolean ignore, boolean replace,
                      List<ColumnAssignment> onDuplicate) {
            this(table, columns, rows, ignore, replace, onDuplicate, null);
        }

        public Insert(TableRef table, List<String> columns, List<List<Expr>> rows, boolean ignore) {
            this(table, columns, rows, ignore, false, List.of());
        }

        /** INSERT ... SELECT's rows, as the SELECT gave them: the same statement with them as its VALUES. */
        public Insert withRows(List<List<Expr>> selected) {
            return new Insert(table, columns, selected, ignore, replace, onDuplicate, select);
        }
    }

    /** One {@code column = expr} of UPDATE ... SET. */
    record ColumnAssignment(String column, Expr value) {
    }

    /** UPDATE table SET ... [WHERE ...] [ORDER BY ...] [LIMIT n]. */
    record Update(TableRef table, List<ColumnAssignment> set, Expr where, List<Order> orderBy, Long limit,
                  boolean ignore) implements Statement {
        public Update {
            set = List.copyOf(set);
            orderBy = List.copyOf(orderBy);
        }

        public Update(TableRef table, List<ColumnAssignment> set, Expr where, List<Order> orderBy, Long limit) {
            this(table, set, where, orderBy, limit, false);
        }
    }

    /** DELETE FROM table [WHERE ...] [ORDER BY ...] [LIMIT n]. */
    record Delete(TableRef table, Expr where, List<Order> orderBy, Long limit) implements Statement {
        public Delete {
            orderBy = List.copyOf(orderBy);
        }
    }

    // --- DDL

    record CreateDatabase(String name, boolean ifNotExists) implements Statement {
    }

    record DropDatabase(String name, boolean ifExists) implements Statement {
    }

    record Use(String db) implements Statement {
    }

    /** A column type as written: name upper-cased, its numbers, UNSIGNED, and an ENUM's members. */
    record TypeSpec(String name, List<Integer> args, boolean unsigned, List<String> values) {
        public TypeSpec {
            args = List.copyOf(args);
            values = List.copyOf(values);
        }

        public TypeSpec(String name, List<Integer> args, boolean unsigned) {
            this(name, args, unsigned, List.of());
        }
    }

    /**
     * A column definition: {@code nullable} null when neither NULL nor NOT NULL was written;
     * {@code defaultValue} is the DEFAULT expression (null: none written).
     */
    record ColumnSpec(String name, TypeSpec type, Boolean nullable, Expr defaultValue, boolean autoIncrement,
                      boolean primaryKey, boolean unique, boolean onUpdateNow, String comment) {
    }

    /**
     * A secondary index, {@code [UNIQUE] KEY [name] (columns)}, or a column's own {@code UNIQUE}; {@code name}
     * null when not written.
     */
    record IndexSpec(String name, List<String> columns, boolean unique) {
        public IndexSpec {
            columns = List.copyOf(columns);
        }
    }

    /**
     * CREATE TABLE [IF NOT EXISTS] name (columns, [PRIMARY KEY (...)], [KEY (...)]) [options], or
     * {@code CREATE TABLE name LIKE other} ({@code like} set, columns empty). {@code primaryKeys}: each
     * PRIMARY KEY clause written (more than one, or one besides a column's PRIMARY KEY, is error 1068).
     * {@code options} upper-cased names: ENGINE, CHARSET, COLLATE, COMMENT, AUTO_INCREMENT...
     */
    record CreateTable(TableRef table, boolean ifNotExists, List<ColumnSpec> columns, List<List<String>> primaryKeys,
                       List<IndexSpec> indexes, Map<String, String> options, TableRef like) implements Statement {
        public CreateTable {
            columns = List.copyOf(columns);
            primaryKeys = List.copyOf(primaryKeys);
            indexes = List.copyOf(indexes);
        }
    }

    record DropTable(List<TableRef> tables, boolean ifExists) implements Statement {
        public DropTable {
            tables = List.copyOf(tables);
        }
    }

    record Truncate(TableRef table) implements Statement {
    }

    /** One ALTER TABLE change. */
    sealed interface AlterAction {
    }

    /** ADD [COLUMN] spec [FIRST | AFTER column]; {@code after} "" means FIRST, null the end. */
    record AddColumn(ColumnSpec column, String after) implements AlterAction {
    }

    record DropColumn(String name) implements AlterAction {
    }

    /** ADD [UNIQUE] {INDEX | KEY} [name] (columns). */
    record AddIndex(IndexSpec index) implements AlterAction {
    }

    /** DROP {INDEX | KEY} name. */
    record DropIndex(String name) implements AlterAction {
    }

    /** AUTO_INCREMENT [=] n: the counter's next value, or past the largest value in the table. */
    record SetAutoIncrement(long value) implements AlterAction {
    }

    /**
     * ALTER TABLE, or CREATE/DROP INDEX, which the server runs as one: {@code privilege} is the one it needs
     * on the table (ALTER, or INDEX for CREATE and DROP INDEX).
     */
    record AlterTable(TableRef table, List<AlterAction> actions, String privilege) implements Statement {
        public AlterTable {
            actions = List.copyOf(actions);
        }

        public AlterTable(TableRef table, List<AlterAction> actions) {
            this(table, actions, "ALTER");
        }
    }

    // --- accounts

    /** {@code 'user'@'host'} (host {@code %} when not written); {@code currentUser}: CURRENT_USER[()]. */
    record UserName(String user, String host, boolean currentUser) {
        @Override
        public String toString() {
            return "'" + user + "'@'" + host + "'";
        }
    }

    /** A user of CREATE USER, with whether IDENTIFIED BY was given. */
    record UserSpec(UserName name, String password) {
    }

    record CreateUser(List<UserSpec> users, boolean ifNotExists) implements Statement {
        public CreateUser {
            users = List.copyOf(users);
        }
    }

    record DropUser(List<UserName> users, boolean ifExists) implements Statement {
        public DropUser {
            users = List.copyOf(users);
        }
    }

    /** Where GRANT/REVOKE apply: {@code *.*} (both null), {@code db.*} (table null), {@code db.t}. */
    record GrantLevel(String db, String table) {
        public boolean global() {
            return db == null && table == null;
        }
    }

    /**
     * GRANT privileges ON level TO users [WITH GRANT OPTION], or REVOKE ... FROM. {@code privileges}
     * are as written, upper-cased ({@code ALL} for ALL [PRIVILEGES]); {@code currentDb}: the level named
     * no database ({@code *} or a bare table), resolved against the current database. For REVOKE,
     * {@code grantOption} means GRANT OPTION is revoked too.
     */
    record Grant(boolean revoke, List<String> privileges, GrantLevel level, boolean currentDb, List<UserSpec> users,
                 boolean grantOption) implements Statement {
        public Grant {
            privileges = List.copyOf(privileges);
            users = List.copyOf(users);
        }
    }
}
