package io.semisyncsim.sql;

import io.semisyncsim.server.SystemVariables;
import java.util.List;
import java.util.Map;

/** The admin statements the simulated server understands, as the parser hands them over. */
public sealed interface Statement {

    /** Where a variable is read or written: {@code GLOBAL}, {@code SESSION}, {@code PERSIST}... */
    enum Scope { DEFAULT, GLOBAL, SESSION, PERSIST, PERSIST_ONLY }

    /** Which replication threads START/STOP address. */
    enum Threads { BOTH, IO_THREAD, SQL_THREAD }

    record InstallPlugin(String name, String soname) implements Statement {
    }

    record UninstallPlugin(String name) implements Statement {
    }

    /** One {@code name = value} of a SET; {@code value} null means DEFAULT. */
    record Assignment(Scope scope, String name, SystemVariables.Input value) {
    }

    record SetVariables(List<Assignment> assignments) implements Statement {
    }

    /** {@code @@[global.|session.]name [AS label]}. */
    record SelectItem(String label, Scope scope, String name) {
    }

    record SelectVariables(List<SelectItem> items) implements Statement {
    }

    /** A WHERE condition of ANDed column comparisons: {@code LIKE}, {@code NOT LIKE} or {@code =}. */
    record Comparison(String column, String operator, String value) {
    }

    /** SELECT over INFORMATION_SCHEMA.PLUGINS; an empty column list means {@code *}. */
    record SelectPlugins(List<String> columns, List<Comparison> where) implements Statement {
    }

    /** SHOW [GLOBAL|SESSION] VARIABLES|STATUS [LIKE 'pattern']. */
    record Show(boolean status, Scope scope, String like) implements Statement {
    }

    record ShowPlugins() implements Statement {
    }

    record ShowWarnings() implements Statement {
    }

    record FlushStatus() implements Statement {
    }

    /** START SLAVE|REPLICA [IO_THREAD|SQL_THREAD]. */
    record StartReplica(Threads threads) implements Statement {
    }

    /** STOP SLAVE|REPLICA [IO_THREAD|SQL_THREAD]. */
    record StopReplica(Threads threads) implements Statement {
    }

    /** CHANGE MASTER TO / CHANGE REPLICATION SOURCE TO with its options, names upper-cased. */
    record ChangeSource(Map<String, SystemVariables.Input> options) implements Statement {
    }

    /** SHOW SLAVE STATUS (old column names) or SHOW REPLICA STATUS (new ones). */
    record ShowReplicaStatus(boolean newNames) implements Statement {
    }

    /** SHOW MASTER STATUS / SHOW BINARY LOG STATUS. */
    record ShowSourceStatus() implements Statement {
    }

    /** SHOW BINARY LOGS / SHOW MASTER LOGS: the files in the binlog index. */
    record ShowBinaryLogs() implements Statement {
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

    /** A row of the simple table model: an integer primary key and one value. */
    record Row(long key, String value) {
    }

    /** INSERT INTO table [(id, v)] VALUES (id[, v])[, ...]. */
    record Insert(String table, List<Row> rows) implements Statement {
    }

    /** UPDATE table SET column = value WHERE id = key. */
    record Update(String table, long key, String value) implements Statement {
    }

    /** DELETE FROM table WHERE id = key. */
    record Delete(String table, long key) implements Statement {
    }

    /** SELECT COUNT(*) FROM table: the rows other sessions can see. */
    record CountRows(String table) implements Statement {
    }
}
