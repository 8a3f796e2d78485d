package io.semisyncsim.table;

import io.semisyncsim.binlog.Transaction.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A node's databases and their tables. The database {@code test} exists from the start and is every
 * session's default: a table in it that nobody created exists implicitly (the model's {@code (id, v)}
 * table) and comes into being with its first row. The system schemas exist by name only (SHOW
 * DATABASES, CREATE DATABASE mysql); their tables are not modelled, except what the server answers
 * itself (INFORMATION_SCHEMA.PLUGINS). Names compare case-sensitively, as on Linux
 * ({@code lower_case_table_names = 0}).
 */
public final class Catalog {
    public static final String DEFAULT_DB = "test";
    public static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema",
            "sys");

    private final TreeMap<String, TreeMap<String, Table>> databases = new TreeMap<>();
    /** The default database's tables, at hand for the commit path. */
    private TreeMap<String, Table> defaultTables;
    /** Default-database tables dropped and not created again ({@link #dropped(String)}). */
    private final java.util.TreeSet<String> dropped = new java.util.TreeSet<>();

    public Catalog() {
        for (String schema : new java.util.TreeSet<>(SYSTEM_SCHEMAS)) {
            databases.put(schema, new TreeMap<>());
        }
        createDatabase(DEFAULT_DB);
    }

    public boolean hasDatabase(String name) {
        return name != null && databases.containsKey(name);
    }

    public static boolean isSystemSchema(String name) {
        return SYSTEM_SCHEMAS.contains(Values.fold(name));
    }

    /** Database names, sorted (SHOW DATABASES). */
    public List<String> databaseNames() {
        return new ArrayList<>(databases.keySet());
    }

    /** The table names of a database, sorted (SHOW TABLES); implicit tables once they hold a row. */
    public List<String> tableNames(String db) {
        TreeMap<String, Table> tables = databases.get(db);
        return tables == null ? List.of() : new ArrayList<>(tables.keySet());
    }

    /** The table, or null when it does not exist (an implicit table before its first row does not). */
    public Table table(String db, String name) {
        TreeMap<String, Table> tables = db.equals(DEFAULT_DB) ? defaultTables : databases.get(db); // per replicated row
        return tables == null ? null : tables.get(name);
    }

    /**
     * The table as a statement reads it: the table, or in the default database an empty implicit
     * table when none of that name exists yet; null when there is no such table.
     */
    public Table readable(String db, String name) {
        Table t = table(db, name);
        if (t == null && DEFAULT_DB.equals(db) && hasDatabase(db) && !dropped.contains(name)) {
            return new ImplicitTable(TableDef.implicit(db, name));
        }
        return t;
    }

    /** Whether a statement may write to {@code db.name}: it exists, or it is implicit in the default database. */
    public boolean writable(String db, String name) {
        return readable(db, name) != null;
    }

    // --- changes, as committed

    /**
     * Whether a default-database table was dropped here and not created again: no longer the implicit one
     * (a real server has no such table: 1146), on the source and on a replica alike.
     */
    public boolean dropped(String name) {
        return dropped.contains(name);
    }

    /** The table a row change is made to, or null when it is not there (yet). */
    public Table tableOf(RowChange c) {
        return table(c.db() == null ? DEFAULT_DB : c.db(), c.table());
    }

    /** A committed row change; the implicit table of the default database comes into being here. */
    public void apply(RowChange c) {
        if (!c.changesRow()) {
            return; // a statement that changed nothing, written in statement format
        }
        TreeMap<String, Table> tables = c.db() == null || c.db().equals(DEFAULT_DB) ? defaultTables
                : databases.get(c.db());
        if (tables == null) {
            if (c.db() != null && !c.db().equals(DEFAULT_DB)) {
                return; // the database went away meanwhile (a replica applying behind a DROP DATABASE)
            }
            createDatabase(DEFAULT_DB);
            tables = defaultTables;
        }
        Table t = tables.get(c.table());
        if (t == null) {
            if (tables != defaultTables || dropped.contains(c.table())) {
                return; // no such table here: a replica that went past the error (1146)
            }
            t = new ImplicitTable(TableDef.implicit(DEFAULT_DB, c.table()));
            tables.put(c.table(), t);
        }
        t.apply(c);
    }

    /** A committed DDL. Applied idempotently: a replica never stops on one (see docs/MYSQL-CHOICES.md). */
    public void apply(Ddl ddl) {
        if (ddl instanceof Ddl.CreateDatabase d) {
            if (!databases.containsKey(d.name())) {
                createDatabase(d.name());
            }
        } else if (ddl instanceof Ddl.DropDatabase d) {
            if (!isSystemSchema(d.name())) {
                databases.remove(d.name());
                if (d.name().equals(DEFAULT_DB)) {
                    defaultTables = null;
                    dropped.clear();
                }
            }
        } else if (ddl instanceof Ddl.CreateTable c) {
            TreeMap<String, Table> tables = databases.get(c.def().db());
            if (tables != null && !(c.ifNotExists() && tables.containsKey(c.def().name()))) {
                tables.put(c.def().name(), new TypedTable(c.def())); // a replica's own table is replaced
            }
            if (c.def().db().equals(DEFAULT_DB)) {
                dropped.remove(c.def().name());
            }
        } else if (ddl instanceof Ddl.DropTables d) {
            for (TableName n : d.names()) {
                TreeMap<String, Table> tables = databases.get(n.db());
                if (tables != null) {
                    tables.remove(n.name());
                }
                if (n.db().equals(DEFAULT_DB)) {
                    dropped.add(n.name());
                }
            }
        } else if (ddl instanceof Ddl.TruncateTable t) {
            Table table = table(t.name().db(), t.name().name());
            if (table != null) {
                table.truncate();
            }
        } else if (ddl instanceof Ddl.AlterTable a) {
            alter(a);
        }
    }

    private void alter(Ddl.AlterTable a) {
        TreeMap<String, Table> tables = databases.get(a.name().db());
        Table old = tables == null ? null : tables.get(a.name().name());
        if (old == null) {
            return;
        }
        TypedTable altered = new TypedTable(a.newDef());
        old.forEachRow(row -> {
            Object[] next = new Object[a.from().length];
            for (int i = 0; i < next.length; i++) {
                next[i] = a.from()[i] >= 0 ? row[a.from()[i]] : a.fill()[i];
            }
            altered.insert(next);
        });
        if (a.autoIncrement() > 0) { // InnoDB: n, or past the largest value the table holds (which may lower it)
            altered.reserveAutoIncrement(a.autoIncrement());
        } else if (old instanceof TypedTable typed) {
            altered.reserveAutoIncrement(typed.nextAutoIncrement()); // the rebuild keeps the counter, gaps and all
        }
        tables.put(a.name().name(), altered);
    }

    private void createDatabase(String name) {
        TreeMap<String, Table> tables = new TreeMap<>();
        databases.put(name, tables);
        if (name.equals(DEFAULT_DB)) {
            defaultTables = tables;
        }
    }

    /** Every row of every table (the {@code NODE.rows} path). */
    public long rowCount() {
        long n = 0;
        for (TreeMap<String, Table> tables : databases.values()) {
            for (Table t : tables.values()) {
                n += t.size();
            }
        }
        return n;
    }
}
