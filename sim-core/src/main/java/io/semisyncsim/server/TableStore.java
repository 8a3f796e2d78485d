package io.semisyncsim.server;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.QueryEffect;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.Ddl;
import io.semisyncsim.table.ImplicitTable;
import io.semisyncsim.table.RowConflict;
import io.semisyncsim.table.Table;
import io.semisyncsim.table.TableDef;
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

    /** The change at {@code index} of a transaction, and what stops a replica applying it. */
    public record Conflict(int index, RowConflict conflict) {
    }

    /**
     * The first change of {@code trx} a replica cannot apply as its source made it (null: all apply), each
     * judged on the data as the changes before it in the transaction leave it (a row the transaction
     * inserted may be updated next). Nothing is changed. A table's primary key, then its unique keys, are
     * checked for duplicates; a table without a primary key is searched whole for the row to change, unless
     * the transaction changed that table before.
     */
    public Conflict conflict(Transaction trx) {
        List<Conflict> found = conflicts(trx, false);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Every change of {@code trx} a replica cannot apply as its source made it ({@code all}), or only the
     * first; as {@link #conflict} judges them, each against the data as the changes before it would leave it.
     */
    public List<Conflict> conflicts(Transaction trx, boolean all) {
        List<Transaction.RowChange> changes = trx.changes();
        if (changes.size() == 1 && changes.get(0).before() == null && changes.get(0).after() == null
                && catalog.tableOf(changes.get(0)) instanceof ImplicitTable t) {
            return generated(changes.get(0), t); // a commit or workload step's row: every replica, every commit
        }
        List<Conflict> out = List.of();
        java.util.Map<String, Boolean> own = changes.size() > 1 ? new java.util.HashMap<>() : null; // lookup only
        java.util.Map<Table, Table> working = null;
        for (int i = 0; i < changes.size(); i++) {
            Transaction.RowChange c = changes.get(i);
            if (!c.changesRow()) {
                continue;
            }
            String db = c.db() == null ? Catalog.DEFAULT_DB : c.db();
            Table t = catalog.readable(db, c.table()); // an implicit table before its first row: empty
            if (t == null) { // dropped here, or of another database the replica lacks (or lacks whole): 1146
                if (!db.equals(Catalog.DEFAULT_DB) || catalog.dropped(c.table())) {
                    out = out.isEmpty() ? new java.util.ArrayList<>(1) : out;
                    out.add(new Conflict(i, RowConflict.tableMissing()));
                    if (!all) {
                        return out;
                    }
                }
                continue; // else the default database's implicit table before its first row: it comes into being
            }
            String where = own == null ? null : db + "." + c.table() + "\0";
            Object[] before = t.beforeKey(c);
            Object[] after = t.afterKey(c);
            RowConflict found = null;
            if (c.kind() != EventType.WRITE_ROWS) {
                boolean there;
                if (before != null) {
                    Boolean mine = own == null ? null : own.get(where + Table.keyText(before));
                    there = mine != null ? mine : t.hasKey(before);
                } else {
                    there = own != null && own.containsKey(where) || t.hasRowWithoutKey(c);
                }
                if (!there) {
                    found = RowConflict.notFound();
                }
            }
            if (found == null && after != null && (before == null || !Table.sameKey(after, before))) {
                Boolean mine = own == null ? null : own.get(where + Table.keyText(after));
                if (mine != null ? mine : t.hasKey(after)) {
                    found = RowConflict.duplicate(Table.keyText(after));
                }
            }
            Table uniques = null; // the table as the changes before this one leave it, for its unique keys
            if (t.def().hasUniqueKeys()) {
                if (own == null) {
                    uniques = t;
                } else {
                    working = working == null ? new java.util.IdentityHashMap<>() : working;
                    uniques = working.computeIfAbsent(t, Table::copy);
                }
            }
            if (uniques != null && found == null && c.after() != null && c.kind() != EventType.DELETE_ROWS) {
                Object[] row = c.after().toArray();
                TableDef.Index clash = uniques.uniqueClash(row, c.before() == null ? null : c.before().toArray());
                if (clash != null) { // after the primary key, each unique key in order (InnoDB's order)
                    found = RowConflict.duplicate(Table.keyText(Table.values(row, t.def().columnIndexes(clash))),
                            clash.name());
                }
            }
            if (found != null) {
                if (out.isEmpty()) {
                    out = new java.util.ArrayList<>(1);
                }
                out.add(new Conflict(i, found));
                if (!all) {
                    return out;
                }
                if (found.kind() == RowConflict.Kind.ROW_NOT_FOUND) {
                    continue; // gone past, it changes nothing (a duplicate overwrites, as below)
                }
            }
            if (uniques != null && uniques != t) {
                uniques.apply(c);
            }
            if (own != null) {
                own.put(where, Boolean.TRUE); // the table was changed by this transaction
                if (before != null) {
                    own.put(where + Table.keyText(before), Boolean.FALSE);
                }
                if (after != null) {
                    own.put(where + Table.keyText(after), Boolean.TRUE);
                }
            }
        }
        return out;
    }

    private static List<Conflict> generated(Transaction.RowChange c, ImplicitTable t) {
        boolean there = t.contains(c.key());
        if (c.kind() == EventType.WRITE_ROWS) {
            return there ? List.of(new Conflict(0, RowConflict.duplicate(Long.toString(c.key())))) : List.of();
        }
        return there ? List.of() : List.of(new Conflict(0, RowConflict.notFound()));
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
