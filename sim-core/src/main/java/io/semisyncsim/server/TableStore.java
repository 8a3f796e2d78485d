package io.semisyncsim.server;

import io.semisyncsim.binlog.QueryEffect;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.Ddl;
import io.semisyncsim.table.ImplicitTable;
import io.semisyncsim.table.Table;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A node's data, what lives on disk and survives a restart: its databases and tables
 * ({@link Catalog}) and its user table ({@link Users}). Committed transactions are applied here, by
 * the source at engine commit and by a replica's SQL thread, through {@link #apply}.
 */
public final class TableStore {
    private final Catalog catalog = new Catalog();
    private final Users users;
    private long appliedTransactions;

    public TableStore(Flavor flavor) {
        this.users = new Users(flavor);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Users users() {
        return users;
    }

    /** A committed transaction: its row changes, or its Query event's effect (DDL, accounts). */
    public void apply(Transaction trx) {
        Transaction.Query query = trx.query();
        if (query != null) {
            QueryEffect effect = query.effect();
            if (effect instanceof Ddl ddl) {
                catalog.apply(ddl);
            } else if (effect instanceof UserChange change) {
                users.apply(change);
            }
        }
        List<Transaction.RowChange> changes = trx.changes();
        for (int i = 0; i < changes.size(); i++) { // per transaction on every node: no iterator
            catalog.apply(changes.get(i));
        }
        appliedTransactions++;
    }

    /** Every row of every table. */
    public long rowCount() {
        return catalog.rowCount();
    }

    /** The rows of a table of the default database. */
    public long rowCount(String table) {
        Table t = catalog.table(Catalog.DEFAULT_DB, table);
        return t == null ? 0 : t.size();
    }

    public long appliedTransactions() {
        return appliedTransactions;
    }

    /** The keys of a table's rows in the default database, in order (an implicit table's, or a whole-number key). */
    public SortedSet<Long> keys(String table) {
        Table t = catalog.table(Catalog.DEFAULT_DB, table);
        if (t instanceof ImplicitTable implicit) {
            return implicit.keys().toSortedSet();
        }
        TreeSet<Long> keys = new TreeSet<>();
        if (t != null && t.def().primaryKey().size() == 1) {
            t.forEachRow(row -> {
                if (t.key(row)[0] instanceof Long k) {
                    keys.add(k);
                }
            });
        }
        return keys;
    }

    public boolean contains(String table, long key) {
        Table t = catalog.table(Catalog.DEFAULT_DB, table);
        return t instanceof ImplicitTable implicit ? implicit.contains(key) : t != null && t.findByKey(new Object[] {key}) != null;
    }
}
