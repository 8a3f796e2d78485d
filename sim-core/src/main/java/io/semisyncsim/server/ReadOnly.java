package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.sysvar.SysVarDef;
import java.util.List;

/**
 * read_only, and MySQL's super_read_only: a client's statement that would change tables, databases or accounts
 * is refused with 1290 before anything else is looked at (privileges, the table, its columns, its keys), unless
 * the account may ignore read_only (MariaDB 10.11: READ_ONLY ADMIN, which SUPER no longer holds; MySQL: SUPER
 * or CONNECTION_ADMIN, and no one under super_read_only). A transaction that wrote before read_only was turned on
 * cannot commit: the COMMIT, the BEGIN or the SET autocommit = 1 that would commit it fails with 1290 and rolls it
 * back. The replica's SQL thread is never refused.
 *
 * <p>MariaDB sql_parse.cc deny_updates_if_read_only_option and handler.cc ha_commit_trans; MySQL sql_parse.cc
 * check_readonly and err_readonly. Measured on MariaDB 10.11.18; MySQL's rules code-read.
 */
final class ReadOnly {
    private ReadOnly() {
    }

    /** The 1290 this account's statement that changes data gets now, or null when it may run. */
    static SqlError refusal(Mysqld server, Account account, Session session) {
        SystemVariables vars = server.variables();
        if (session.replicaApplier() || !vars.getBool("read_only")) {
            return null;
        }
        boolean superReadOnly = vars.find("super_read_only") != null && vars.getBool("super_read_only");
        if (!superReadOnly && ProcessStatements.holds(account, server.flavor().privileges().need("ignore-read-only"))) {
            return null;
        }
        return server.flavor().error(1290, superReadOnly && account.has(Privilege.key("SUPER"))
                ? "--super-read-only" : "--read-only");
    }

    /** Refuses {@code s} when it changes data and read_only holds for the account (1290). */
    static void check(Mysqld server, Account account, Statement s, Session session) throws SqlError {
        if (changesData(s) && !namesATableWithoutADatabase(s, session)) {
            SqlError refused = refusal(server, account, session);
            if (refused != null) {
                throw refused;
            }
        }
    }

    /**
     * The open transaction's changes, to be committed now; when it wrote and read_only holds for the account,
     * it is rolled back and 1290 thrown instead.
     */
    static List<RowChange> commit(Mysqld server, Account account, Session session) throws SqlError {
        List<RowChange> changes = session.take();
        for (RowChange c : changes) {
            if (c.changesRow()) {
                SqlError refused = refusal(server, account, session);
                if (refused != null) {
                    throw refused; // ha_commit_trans: the read-write transaction is rolled back
                }
                break;
            }
        }
        return changes;
    }

    /**
     * SET GLOBAL read_only or super_read_only inside a transaction: 1192 (sys_vars.cc check_read_only, "prevent
     * self dead-lock": the server would wait for its own transaction).
     */
    static void checkSet(Mysqld server, SysVarDef def, Session session) throws SqlError {
        if ((def.name().equals("read_only") || def.name().equals("super_read_only")) && session.inTransaction()) {
            throw server.flavor().error(1192);
        }
    }

    /**
     * What a SET of {@code def} does to the other of the two: super_read_only ON turns read_only ON, read_only
     * OFF turns super_read_only OFF (MySQL sys_vars.cc fix_super_read_only, fix_read_only).
     */
    static void afterSet(SystemVariables vars, SysVarDef def, String value) {
        SysVarDef superReadOnly = vars.find("super_read_only");
        if (superReadOnly == null) {
            return;
        }
        if (def == superReadOnly && value.equals("ON")) {
            vars.put(vars.find("read_only"), "ON");
        } else if (def.name().equals("read_only") && value.equals("OFF")) {
            vars.put(superReadOnly, "OFF");
        }
    }

    /** The statements with CF_CHANGES_DATA the model runs: DML, DDL and account statements. */
    private static boolean changesData(Statement s) {
        return s instanceof Statement.Insert || s instanceof Statement.Update || s instanceof Statement.Delete
                || s instanceof Statement.CreateTable || s instanceof Statement.DropTable
                || s instanceof Statement.Truncate || s instanceof Statement.AlterTable
                || s instanceof Statement.CreateDatabase || s instanceof Statement.DropDatabase
                || s instanceof Statement.CreateUser || s instanceof Statement.DropUser
                || s instanceof Statement.Grant;
    }

    /** The parser's 1046 for a table named without a database, with none selected, comes first. */
    private static boolean namesATableWithoutADatabase(Statement s, Session session) {
        if (session.database() != null) {
            return false;
        }
        Statement.TableRef t = s instanceof Statement.Insert i ? i.table()
                : s instanceof Statement.Update u ? u.table()
                : s instanceof Statement.Delete d ? d.table()
                : s instanceof Statement.CreateTable c ? c.table()
                : s instanceof Statement.Truncate tr ? tr.table()
                : s instanceof Statement.AlterTable a ? a.table()
                : s instanceof Statement.DropTable dt && !dt.tables().isEmpty() ? dt.tables().get(0) : null;
        return t != null && t.db() == null;
    }
}
