package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.gtid.Gtid;
import io.semisyncsim.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One session's {@code @@SESSION.gtid_next} (MySQL) and the rules around it, as a plain class:
 * {@code AUTOMATIC} (the server numbers the next transaction), {@code ANONYMOUS}, or a GTID the client
 * names, which the session owns until its transaction commits or rolls back; then gtid_next is
 * "undefined" (it still reads as that GTID) and a statement that would change data is refused until the
 * client sets it again: one named GTID, one transaction. A GTID already executed makes the session skip
 * its transaction's statements. Sources: rpl_gtid_execution.cc {@code set_gtid_next},
 * {@code gtid_pre_statement_checks}; rpl_gtid_state.cc {@code update_gtids_impl_do_nothing} and
 * {@code update_gtids_impl_own_gtid}; sys_vars.cc {@code check_gtid_next}.
 */
public final class GtidNext {
    static final String NAME = "gtid_next";
    private static final Pattern UUID_GNO = Pattern.compile(
            "(?i)\\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\s*:\\s*(\\d{1,19})\\s*");

    private enum Type { AUTOMATIC, ANONYMOUS, ASSIGNED, UNDEFINED }

    private Type type = Type.AUTOMATIC;
    private Gtid.Uuid gtid;
    /** Whether the session owns its GTID (or anonymous ownership): released at commit or rollback. */
    private boolean owned;

    /** What {@code SELECT @@gtid_next} shows: AUTOMATIC, ANONYMOUS, or the GTID (also once undefined). */
    public String text() {
        return switch (type) {
            case AUTOMATIC -> "AUTOMATIC";
            case ANONYMOUS -> "ANONYMOUS";
            default -> gtid.toString();
        };
    }

    /**
     * {@code SET gtid_next = value}, checked in MySQL's order: sys_vars.cc {@code check_gtid_next} (not in a
     * transaction, then the privilege), then {@code Gtid_specification::parse} (AUTOMATIC and ANONYMOUS
     * exactly, in any case; else {@code uuid:gno}, error 1774), then {@code set_gtid_next}. Returns the
     * change, applied once every assignment of the SET passed its checks.
     */
    Runnable set(String value, boolean inTransaction, Account account, Mysqld server) throws SqlError {
        var flavor = server.flavor();
        if (inTransaction) {
            throw flavor.error(1766, NAME);
        }
        StatementExecutor.require(account, flavor.privileges().need("gtid-next"), flavor);
        String v = value == null ? "AUTOMATIC" : value.toUpperCase(Locale.ROOT);
        Gtid.Uuid named = null;
        if (!v.equals("AUTOMATIC") && !v.equals("ANONYMOUS")) {
            var m = UUID_GNO.matcher(value);
            long gno = m.matches() ? parseGno(m.group(2)) : -1;
            if (gno < 1) {
                throw flavor.error(1774, value); // rpl_gtid_misc.cc Gtid::parse
            }
            named = new Gtid.Uuid(m.group(1), gno);
        }
        if (owned) {
            throw flavor.error(1790, type == Type.ANONYMOUS ? "ANONYMOUS" : gtid.toString());
        }
        MysqlGtids gtids = (MysqlGtids) server.gtids();
        if (v.equals("ANONYMOUS")) {
            if (gtids.mode().equals("ON")) {
                throw flavor.error(1782);
            }
            if (gtids.on()) { // ON_PERMISSIVE: the transaction would be anonymous among numbered ones
                throw flavor.error("9000-clause", "SET", "gtid_next = ANONYMOUS while gtid_mode is ON_PERMISSIVE");
            }
            return () -> {
                type = Type.ANONYMOUS;
                owned = true;
            };
        }
        if (named == null) {
            return () -> type = Type.AUTOMATIC;
        }
        if (gtids.mode().equals("OFF")) {
            throw flavor.error(1781);
        }
        Gtid.Uuid g = named;
        boolean executed = gtids.isExecuted(g);
        if (!executed && gtids.isTaken(g)) { // another session's transaction is committing it: MySQL waits
            throw flavor.error("9000-clause", "SET", "a wait for a GTID another session is committing");
        }
        return () -> {
            type = Type.ASSIGNED;
            gtid = g;
            owned = !executed; // executed already: the transaction's statements are skipped
        };
    }

    private static long parseGno(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * gtid_pre_statement_checks, before {@code s}: throws when it is refused; true when it is to be
     * skipped (its GTID is executed already), false when it runs. BEGIN, COMMIT, ROLLBACK and statements
     * that change nothing (SET, SELECT, SHOW, USE) always run; a statement with an implicit commit, or
     * BEGIN, inside a transaction is refused while a GTID is named.
     */
    boolean skips(Statement s, boolean inTransaction, boolean implicitCommit, Mysqld server) throws SqlError {
        if ((implicitCommit || s instanceof Statement.Begin) && inTransaction && type == Type.ASSIGNED) {
            throw server.flavor().error(1778);
        }
        if (s instanceof Statement.Begin || s instanceof Statement.Commit || s instanceof Statement.Rollback) {
            return false;
        }
        if (type == Type.UNDEFINED) {
            throw server.flavor().error(1837, gtid.toString());
        }
        if (type == Type.ANONYMOUS) {
            owned = true; // gtid_reacquire_ownership_if_anonymous
        }
        return type == Type.ASSIGNED && !owned;
    }

    /** Whether the session owns a named GTID: a commit point logs its transaction, empty or not, with it. */
    boolean ownsGtid() {
        return type == Type.ASSIGNED && owned;
    }

    /**
     * A commit or rollback point of the session's transaction: returns the GTID a commit logs (null:
     * the server numbers it, or it is anonymous); a named GTID is released and gtid_next becomes
     * undefined, owned or skipped (update_gtids_impl_own_gtid, update_gtids_impl_do_nothing).
     */
    Gtid.Uuid ended() {
        Gtid.Uuid given = ownsGtid() ? gtid : null;
        owned = false;
        if (type == Type.ASSIGNED) {
            type = Type.UNDEFINED;
        }
        return given;
    }
}
