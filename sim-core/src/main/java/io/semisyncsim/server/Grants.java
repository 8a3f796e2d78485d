package io.semisyncsim.server;

import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one account may do, by level as MySQL's grant tables keep it: global ({@code mysql.user}),
 * per database ({@code mysql.db}) and per table ({@code mysql.tables_priv}), each with its own GRANT
 * OPTION. Privileges are kept by {@link Privilege#key}.
 */
public final class Grants {
    private final SortedSet<String> global = new TreeSet<>();
    private boolean globalGrantOption;
    private final SortedMap<String, SortedSet<String>> databases = new TreeMap<>();
    private final SortedSet<String> databaseGrantOption = new TreeSet<>();
    /** By {@code db + "." + table}. */
    private final SortedMap<String, SortedSet<String>> tables = new TreeMap<>();
    private final SortedSet<String> tableGrantOption = new TreeSet<>();
    /** mysql_native_password's hash of IDENTIFIED BY (MariaDB shows it in SHOW GRANTS), or null. */
    private String passwordHash;

    public boolean hasGlobal(String key) {
        return global.contains(key);
    }

    /**
     * These grants with the global level as a connection saw it when it logged in: a change to global
     * privileges reaches new connections only (sql_acl.cc acl_getroot copies them into the session's
     * security context), while database and table privileges are looked up as the statement runs.
     */
    public Grants withGlobalAsOf(java.util.Set<String> loginGlobal, boolean loginGrantOption) {
        Grants g = new Grants();
        g.global.addAll(loginGlobal);
        g.globalGrantOption = loginGrantOption;
        g.databases.putAll(databases);
        g.databaseGrantOption.addAll(databaseGrantOption);
        g.tables.putAll(tables);
        g.tableGrantOption.addAll(tableGrantOption);
        g.passwordHash = passwordHash;
        return g;
    }

    /** Whether the account holds {@code key} on {@code db.table} at any level (global, database, table). */
    public boolean hasOn(String key, String db, String table) {
        if (global.contains(key)) {
            return true;
        }
        if (db == null) {
            return false;
        }
        if (databases.getOrDefault(db, Collections.emptySortedSet()).contains(key)) {
            return true;
        }
        return table != null && tables.getOrDefault(db + "." + table, Collections.emptySortedSet()).contains(key);
    }

    /** Whether the account holds anything on the database (USE, SHOW DATABASES) or a table in it. */
    public boolean hasAnyOn(String db) {
        if (!global.isEmpty() || databases.containsKey(db)) {
            return true;
        }
        for (String t : tables.keySet()) {
            if (t.startsWith(db + ".")) {
                return true;
            }
        }
        return false;
    }

    public boolean hasAnyOnTable(String db, String table) {
        return !global.isEmpty() || databases.containsKey(db) || tables.containsKey(db + "." + table);
    }

    public boolean globalGrantOption() {
        return globalGrantOption;
    }

    /** GRANT OPTION for the level: global ({@code db} null), a database, or a table. */
    public boolean grantOptionOn(String db, String table) {
        return globalGrantOption || db != null && (databaseGrantOption.contains(db)
                || table != null && tableGrantOption.contains(db + "." + table));
    }

    // --- changes

    /** Adds privileges at a level: {@code db} null is global; {@code table} null the whole database. */
    public void grant(String db, String table, Set<String> keys, boolean grantOption) {
        if (db == null) {
            global.addAll(keys);
            globalGrantOption |= grantOption;
        } else if (table == null) {
            databases.computeIfAbsent(db, k -> new TreeSet<>()).addAll(keys);
            if (grantOption) {
                databaseGrantOption.add(db);
            }
        } else {
            tables.computeIfAbsent(db + "." + table, k -> new TreeSet<>()).addAll(keys);
            if (grantOption) {
                tableGrantOption.add(db + "." + table);
            }
        }
    }

    /** Whether the level has a grant row at all (REVOKE of a level without one is error 1141). */
    public boolean hasLevel(String db, String table) {
        if (db == null) {
            return true;
        }
        return table == null ? databases.containsKey(db) || databaseGrantOption.contains(db)
                : tables.containsKey(db + "." + table) || tableGrantOption.contains(db + "." + table);
    }

    /** Removes privileges at a level ({@code keys} null: all of them); an emptied level goes. */
    public void revoke(String db, String table, Set<String> keys, boolean grantOption) {
        if (db == null) {
            if (keys == null) {
                global.clear();
            } else {
                global.removeAll(keys);
            }
            globalGrantOption &= !grantOption;
            return;
        }
        String level = table == null ? db : db + "." + table;
        SortedMap<String, SortedSet<String>> map = table == null ? databases : tables;
        SortedSet<String> option = table == null ? databaseGrantOption : tableGrantOption;
        SortedSet<String> held = map.get(level);
        if (held != null) {
            if (keys == null) {
                held.clear();
            } else {
                held.removeAll(keys);
            }
            if (held.isEmpty()) {
                map.remove(level);
            }
        }
        if (grantOption) {
            option.remove(level);
        }
    }

    public void setPasswordHash(String hash) {
        this.passwordHash = hash;
    }

    public String passwordHash() {
        return passwordHash;
    }

    // --- what SHOW GRANTS reads

    public SortedSet<String> global() {
        return Collections.unmodifiableSortedSet(global);
    }

    public SortedMap<String, SortedSet<String>> databases() {
        return Collections.unmodifiableSortedMap(databases);
    }

    public SortedSet<String> databasesWithGrantOption() {
        return Collections.unmodifiableSortedSet(databaseGrantOption);
    }

    /** By {@code db.table}. */
    public SortedMap<String, SortedSet<String>> tables() {
        return Collections.unmodifiableSortedMap(tables);
    }

    public SortedSet<String> tablesWithGrantOption() {
        return Collections.unmodifiableSortedSet(tableGrantOption);
    }
}
