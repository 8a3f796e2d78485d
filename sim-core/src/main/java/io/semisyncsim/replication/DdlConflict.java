package io.semisyncsim.replication;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.sql.ParseException;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.Catalog;
import java.util.ArrayList;
import java.util.List;

/**
 * A replicated DDL statement that a strict replica cannot apply because its own schema differs: the SQL
 * thread runs the statement's text again, as the server does (Query_log_event::do_apply_event), and it
 * fails as a client's would: a CREATE of a database or table that is there (1007, 1050), a DROP of one that
 * is not (1008, 1051), IF [NOT] EXISTS excepted. MySQL is always strict; MariaDB only with
 * slave_ddl_exec_mode = STRICT, its default IDEMPOTENT making CREATE a CREATE OR REPLACE and DROP a DROP IF
 * EXISTS (measured on 10.11.18).
 */
final class DdlConflict {
    private DdlConflict() {
    }

    /** What stops the SQL thread at {@code query} on a replica with this {@code catalog}, or null. */
    static ApplyError of(Flavor flavor, Catalog catalog, Transaction.Query query) {
        Statement s;
        try {
            s = Parser.parse(query.sql(), flavor.dialect());
        } catch (ParseException e) {
            return null; // the source ran it: a text the model writes that it does not read back changes nothing here
        }
        String db = query.db() == null ? "" : query.db();
        SqlError error = null;
        if (s instanceof Statement.CreateDatabase c && !c.ifNotExists() && catalog.hasDatabase(c.name())) {
            error = flavor.error(1007, c.name());
        } else if (s instanceof Statement.DropDatabase d && !d.ifExists() && !catalog.hasDatabase(d.name())) {
            error = flavor.error(1008, d.name());
        } else if (s instanceof Statement.CreateTable c && !c.ifNotExists()
                && catalog.table(c.table().db() == null ? db : c.table().db(), c.table().name()) != null) {
            error = flavor.error(1050, c.table().name());
        } else if (s instanceof Statement.DropTable d && !d.ifExists()) {
            List<String> missing = new ArrayList<>();
            for (Statement.TableRef t : d.tables()) {
                String in = t.db() == null ? db : t.db();
                if (catalog.table(in, t.name()) == null) {
                    missing.add(in + "." + t.name());
                }
            }
            error = missing.isEmpty() ? null : flavor.error(1051, String.join(",", missing));
        }
        if (error == null) {
            return null;
        }
        String reported = flavor.replicaApplyError(false, "message", error.getMessage(), "db", db, "query", query.sql());
        return ApplyError.stopping(error.code(), reported, error.getMessage());
    }
}
