package io.semisyncsim.scenario.lang;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client knows of its connection's transaction from the statements it sent and their answers, as
 * a client of a real server can tell too: whether one is open, whether it changed rows, and the session's
 * autocommit. {@link #answered} says when an answer was a commit of rows this client changed: an INSERT,
 * UPDATE or DELETE that changed rows with autocommit ON outside a transaction, or the end of a transaction
 * that changed rows by COMMIT, by SET autocommit = 1 from 0 (sys_vars.cc fix_autocommit), or by the implicit
 * commit of BEGIN, DDL, account statements and FLUSH.
 */
final class ClientTransaction {
    private static final Pattern DML = Pattern.compile("(?is)\\s*(INSERT|UPDATE|DELETE|REPLACE)\\b.*");
    private static final Pattern BEGIN = Pattern.compile("(?is)\\s*(BEGIN|START\\s+TRANSACTION)\\b.*");
    private static final Pattern COMMIT = Pattern.compile("(?is)\\s*COMMIT\\b.*");
    private static final Pattern ROLLBACK = Pattern.compile("(?is)\\s*ROLLBACK\\b.*");
    /** Statements that commit an open transaction before they run (sql_parse.cc CF_AUTO_COMMIT_TRANS). */
    private static final Pattern IMPLICIT_COMMIT = Pattern.compile(
            "(?is)\\s*(CREATE|ALTER|DROP|TRUNCATE|RENAME|GRANT|REVOKE|FLUSH)\\b.*");
    /** SET [SESSION | LOCAL] autocommit = v, or SET @@[session. | local.]autocommit = v, first in its SET. */
    private static final Pattern SET_AUTOCOMMIT = Pattern.compile(
            "(?is)\\s*SET\\s+(?:(?:SESSION|LOCAL)\\s+|@@(?:SESSION\\.|LOCAL\\.)?)?AUTOCOMMIT\\s*:?=\\s*'?(\\w+)'?.*");

    private boolean autocommit = true;
    private boolean open;
    private boolean changed;

    /**
     * Whether statement {@code sql} may commit rows this client changed, so its commit's acknowledgement is
     * worth reading around it: a change or COMMIT, or a statement that ends a transaction that changed rows.
     */
    boolean mayCommit(String sql) {
        return DML.matcher(sql).matches() || COMMIT.matcher(sql).matches() || open && changed
                && (BEGIN.matcher(sql).matches() || IMPLICIT_COMMIT.matcher(sql).matches()
                || SET_AUTOCOMMIT.matcher(sql).matches());
    }

    /** Whether statement {@code sql}, answered OK having changed {@code affectedRows} rows, committed rows. */
    boolean answered(String sql, long affectedRows) {
        if (DML.matcher(sql).matches()) {
            if (affectedRows > 0 && (open || !autocommit)) {
                open = true;
                changed = true;
                return false;
            }
            if (!autocommit) {
                open = true; // the statement opened a transaction, even one that changed nothing
                return false;
            }
            return affectedRows > 0 && !open;
        }
        if (COMMIT.matcher(sql).matches()) {
            return end();
        }
        if (ROLLBACK.matcher(sql).matches()) {
            open = false;
            changed = false;
            return false;
        }
        if (BEGIN.matcher(sql).matches()) {
            boolean committed = end();
            open = true;
            return committed;
        }
        if (IMPLICIT_COMMIT.matcher(sql).matches()) {
            return end();
        }
        Matcher m = SET_AUTOCOMMIT.matcher(sql);
        if (m.matches()) {
            boolean on = switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "0", "OFF", "FALSE" -> false;
                default -> true;
            };
            boolean committed = on && !autocommit && end();
            autocommit = on;
            return committed;
        }
        return false;
    }

    /** The open transaction ends: whether it had changed rows. */
    private boolean end() {
        boolean committed = open && changed;
        open = false;
        changed = false;
        return committed;
    }

    /** The connection's server went down: the open transaction is gone, the session too. */
    void lost() {
        open = false;
        changed = false;
        autocommit = true;
    }
}
