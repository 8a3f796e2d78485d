package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.Table;
import io.semisyncsim.table.TableError;
import java.util.ArrayList;
import java.util.List;

/**
 * How a statement finds the table it names, in MySQL's order: the database (the session's when none
 * is written: 1046 without one), the privilege (1142), then the table itself (1146). What a session
 * reads inside its transaction includes its own uncommitted changes.
 */
final class Tables {
    private Tables() {
    }

    /** A table as one statement of one session sees it. */
    record Resolved(String db, String name, Table table) {
    }

    static String database(Flavor flavor, Session session, String written) throws SqlError {
        String db = written != null ? written : session.database();
        if (db == null) {
            throw flavor.error(1046);
        }
        return db;
    }

    /** Refuses the system schemas' tables, which the model does not have (INFORMATION_SCHEMA.PLUGINS aside). */
    static void notSystem(Flavor flavor, String db, String name) throws SqlError {
        if (Catalog.isSystemSchema(db)) {
            throw flavor.error("9000-table", db, name);
        }
    }

    /**
     * The table a statement reads or writes, with {@code privilege} checked ("SELECT", "INSERT"...):
     * a created table, or in the default database an implicit one; with the session's own changes.
     */
    static Resolved resolve(Mysqld server, Session session, Account account, Statement.TableRef ref,
                            String privilege) throws SqlError {
        Flavor flavor = server.flavor();
        String db = database(flavor, session, ref.db());
        requireOn(flavor, account, privilege, db, ref.name());
        notSystem(flavor, db, ref.name());
        Table t = server.store().catalog().readable(db, ref.name());
        if (t == null) {
            throw flavor.error(1146, db, ref.name());
        }
        return new Resolved(db, ref.name(), withPending(t, session, db, ref.name()));
    }

    /** The table with this session's uncommitted changes to it applied (a copy), or the table itself. */
    static Table withPending(Table t, Session session, String db, String name) {
        List<RowChange> mine = new ArrayList<>();
        for (RowChange c : session.pending()) {
            String changeDb = c.db() == null ? Catalog.DEFAULT_DB : c.db();
            if (changeDb.equals(db) && c.table().equals(name)) {
                mine.add(c);
            }
        }
        if (mine.isEmpty()) {
            return t;
        }
        Table view = t.copy();
        mine.forEach(view::apply);
        return view;
    }

    /** 1142 unless the account holds {@code privilege} on the table at some level. */
    static void requireOn(Flavor flavor, Account account, String privilege, String db, String table) throws SqlError {
        if (!account.hasOn(Privilege.key(privilege), db, table)) {
            throw flavor.error(1142, privilege, account.user(), account.host(), db, table);
        }
    }

    /** A table-package error in the flavour's words. */
    static SqlError error(Flavor flavor, TableError e) {
        SqlError error = flavor.error(e.key(), e.args());
        return e.note() == null ? error : error.afterNote(error(flavor, e.note()));
    }
}
