package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.server.UserChange.UserKey;
import io.semisyncsim.sql.Parser;
import io.semisyncsim.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * CREATE USER, DROP USER, GRANT, REVOKE and SHOW GRANTS, with each server's checks and texts
 * (sql_acl.cc / auth/sql_user.cc, MariaDB measured in research/texts/mariadb-privileges.txt). The first
 * four are written to the binary log as Query events (their own transactions, as DDL), so replicas get
 * the same accounts.
 */
final class UserStatements {
    private final Mysqld server;

    UserStatements(Mysqld server) {
        this.server = server;
    }

    private Flavor flavor() {
        return server.flavor();
    }

    private Users users() {
        return server.store().users();
    }

    static boolean handles(Statement s) {
        return s instanceof Statement.CreateUser || s instanceof Statement.DropUser || s instanceof Statement.Grant;
    }

    private static StatementResult logged(Session session, String sql, UserChange effect, List<Warning> warnings) {
        return logged(session, sql, effect, warnings, null);
    }

    private static StatementResult logged(Session session, String sql, UserChange effect, List<Warning> warnings,
                                          Transaction.Invoker invoker) {
        return new StatementResult.CommitNeeded(List.of(), 0,
                new Transaction.Query(session.database(), Parser.withoutTerminator(sql), effect, invoker), warnings,
                null, false);
    }

    StatementResult run(Account account, Statement s, Session session, String sql) throws SqlError {
        if (s instanceof Statement.CreateUser c) {
            return createUser(account, c, session, sql);
        }
        if (s instanceof Statement.DropUser d) {
            return dropUser(account, d, session, sql);
        }
        return grant(account, (Statement.Grant) s, session, sql);
    }

    private UserKey key(Account account, Statement.UserName name) {
        if (name.currentUser()) {
            Map.Entry<UserKey, Grants> me = users().match(account.user(), account.host());
            return me == null ? new UserKey(account.user(), account.host()) : me.getKey();
        }
        return new UserKey(name.user(), name.host());
    }

    private Warning note(String key, Object... args) {
        SqlError e = flavor().error(key, args);
        return new Warning("Note", e.code(), e.getMessage());
    }

    private void require(Account account, String operation) throws SqlError {
        StatementExecutor.require(account, flavor().privileges().need(operation), flavor());
    }

    private StatementResult createUser(Account account, Statement.CreateUser s, Session session, String sql)
            throws SqlError {
        require(account, "create-user");
        List<UserKey> created = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<Warning> notes = new ArrayList<>();
        for (Statement.UserSpec u : s.users()) {
            UserKey k = key(account, u.name());
            if (users().exists(k) || created.contains(k)) {
                existing.add(k.toString());
                notes.add(note("user-exists", k.toString()));
            } else {
                created.add(k);
                hashes.add(u.password() == null ? null : Users.nativePasswordHash(u.password()));
            }
        }
        if (!existing.isEmpty() && !s.ifNotExists()) {
            throw flavor().error(1396, "CREATE USER", String.join(",", existing));
        }
        return logged(session, sql, new UserChange.CreateUsers(created, hashes), notes);
    }

    private StatementResult dropUser(Account account, Statement.DropUser s, Session session, String sql)
            throws SqlError {
        require(account, "create-user");
        List<UserKey> dropped = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Warning> notes = new ArrayList<>();
        for (Statement.UserName n : s.users()) {
            UserKey k = key(account, n);
            if (users().exists(k)) {
                dropped.add(k);
            } else {
                missing.add(k.toString());
                notes.add(note("user-missing", k.toString()));
            }
        }
        if (!missing.isEmpty() && !s.ifExists()) {
            throw flavor().error(1396, "DROP USER", String.join(",", missing));
        }
        return logged(session, sql, new UserChange.DropUsers(dropped), notes);
    }

    /**
     * GRANT and REVOKE: the privileges resolved for the level (ALL meaning that level's set), the
     * issuer's right to grant them (1045 on *.*, 1044 on db.*, 1142 on a table), then the users.
     */
    private StatementResult grant(Account account, Statement.Grant s, Session session, String sql) throws SqlError {
        String db = s.level().global() ? null : s.currentDb() ? Tables.database(flavor(), session, null) : s.level().db();
        String table = s.level().table();
        Flavor.Privileges privileges = flavor().privileges();
        Set<String> keys = new LinkedHashSet<>();
        boolean all = false;
        for (String written : s.privileges()) {
            if (written.equals("ALL")) {
                all = true;
                keys.addAll(levelPrivileges(db, table));
                continue;
            }
            if (written.equals("USAGE")) {
                continue;
            }
            String p = privileges.canonical(written);
            if (p == null) {
                // An unknown word is read as a role name: the ON that follows is the syntax error.
                int on = sql.toUpperCase(java.util.Locale.ROOT).indexOf(" ON ");
                throw flavor().error(1064, on < 0 ? "" : sql.substring(on + 1), 1);
            }
            String k = Privilege.key(p);
            if (db != null && table == null && !keys(privileges.databaseLevel()).contains(k)) {
                throw flavor().error(1221, "DB GRANT", "GLOBAL PRIVILEGES");
            }
            if (table != null && !keys(privileges.tableLevel()).contains(k)) {
                throw flavor().error(1144);
            }
            keys.add(k);
        }
        Grants mine = account.grants();
        boolean allowed = mine.grantOptionOn(db, table);
        for (String k : keys) {
            allowed &= db == null ? mine.hasGlobal(k) : mine.hasOn(k, db, table);
        }
        if (!allowed) {
            if (db == null) {
                // The account as the grant tables hold it (its host pattern, '%' say), not the client's host.
                var entry = users().match(account.user(), account.host());
                throw flavor().error(1045, account.user(), entry == null ? account.host() : entry.getKey().host(), "NO");
            }
            if (table == null) {
                throw flavor().error(1044, account.user(), account.host(), db);
            }
            throw flavor().error(1142, s.revoke() ? "REVOKE" : "GRANT", account.user(), account.host(), db, table);
        }
        if (table != null && server.store().catalog().table(db, table) == null) {
            throw flavor().error(1146, db, table);
        }
        List<UserKey> targets = new ArrayList<>();
        for (Statement.UserSpec u : s.users()) {
            UserKey k = key(account, u.name());
            if (!users().exists(k)) {
                if (s.revoke()) {
                    throw flavor().error(1141, k.user(), k.host());
                }
                int code = privileges.grantToMissingUser();
                throw flavor().error(code);
            }
            if (s.revoke() && !users().grants(k).hasLevel(db, table)) {
                throw flavor().error(1141, k.user(), k.host());
            }
            targets.add(k);
        }
        return logged(session, sql, new UserChange.Privileges(s.revoke(), targets, db, table,
                s.revoke() && all ? null : keys, s.grantOption()), List.of(),
                new Transaction.Invoker(account.user(), account.host()));
    }

    private static Set<String> keys(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            out.add(Privilege.key(n));
        }
        return out;
    }

    /** What ALL [PRIVILEGES] means at a level. */
    private Set<String> levelPrivileges(String db, String table) {
        if (db == null) {
            return Users.allGlobal(flavor());
        }
        return keys(table == null ? flavor().privileges().databaseLevel() : flavor().privileges().tableLevel());
    }

    // --- SHOW GRANTS

    StatementResult showGrants(Account account, Statement.ShowGrants s) throws SqlError {
        UserKey who;
        if (s.user() == null || s.user().currentUser()
                || s.user().user().equals(account.user()) && users().match(account.user(), account.host()) != null
                && users().match(account.user(), account.host()).getKey().host().equals(s.user().host())) {
            Map.Entry<UserKey, Grants> me = users().match(account.user(), account.host());
            who = me.getKey();
        } else {
            if (!account.hasOn("SELECT", "mysql", null)) {
                throw flavor().error(1044, account.user(), account.host(), "mysql");
            }
            who = new UserKey(s.user().user(), s.user().host());
            if (!users().exists(who)) {
                throw flavor().error(1141, who.user(), who.host());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : grantLines(who, users().grants(who))) {
            rows.add(List.of(line));
        }
        return new StatementResult.Rows(ResultSet.of(List.of("Grants for " + who.user() + "@" + who.host()), rows),
                List.of());
    }

    /** The account's grants as SHOW GRANTS writes them, one statement per level. */
    List<String> grantLines(UserKey who, Grants g) {
        Flavor.Privileges p = flavor().privileges();
        String q = p.userQuote();
        String to = " TO " + q + who.user() + q + "@" + q + who.host() + q;
        List<String> lines = new ArrayList<>();
        List<String> statics = new ArrayList<>();
        for (String name : p.staticPrivileges()) {
            if (g.hasGlobal(Privilege.key(name))) {
                statics.add(name);
            }
        }
        List<String> dynamics = new ArrayList<>();
        for (String name : p.dynamicPrivileges()) {
            if (g.hasGlobal(Privilege.key(name))) {
                dynamics.add(name);
            }
        }
        boolean everything = g.global().containsAll(Users.allGlobal(flavor()));
        String global = everything && p.allPrivilegesGlobally() ? "ALL PRIVILEGES"
                : statics.isEmpty() ? "USAGE" : String.join(", ", statics);
        String password = p.showGrantsPassword() && g.passwordHash() != null
                ? " IDENTIFIED BY PASSWORD '" + g.passwordHash() + "'" : "";
        String option = g.globalGrantOption() ? " WITH GRANT OPTION" : "";
        lines.add("GRANT " + global + " ON *.*" + to + password + option);
        if (!dynamics.isEmpty() && !(everything && p.allPrivilegesGlobally())) {
            lines.add("GRANT " + String.join(",", dynamics) + " ON *.*" + to + option);
        }
        if (who.user().equals("root") && who.host().equals("localhost")) {
            lines.addAll(p.rootExtraGrants());
        }
        for (Map.Entry<String, SortedSet<String>> d : g.databases().entrySet()) {
            lines.add("GRANT " + privilegeList(d.getValue(), p.databaseLevel()) + " ON `" + d.getKey() + "`.*" + to
                    + (g.databasesWithGrantOption().contains(d.getKey()) ? " WITH GRANT OPTION" : ""));
        }
        for (Map.Entry<String, SortedSet<String>> t : g.tables().entrySet()) {
            int dot = t.getKey().indexOf('.');
            lines.add("GRANT " + privilegeList(t.getValue(), p.tableLevel()) + " ON `" + t.getKey().substring(0, dot)
                    + "`.`" + t.getKey().substring(dot + 1) + "`" + to
                    + (g.tablesWithGrantOption().contains(t.getKey()) ? " WITH GRANT OPTION" : ""));
        }
        return lines;
    }

    /** A level's privileges in the server's order, or ALL PRIVILEGES when it holds all of them. */
    private String privilegeList(SortedSet<String> held, List<String> levelNames) {
        if (held.containsAll(keys(levelNames))) {
            return "ALL PRIVILEGES";
        }
        List<String> names = new ArrayList<>();
        for (String name : flavor().privileges().staticPrivileges()) {
            if (held.contains(Privilege.key(name))) {
                names.add(name);
            }
        }
        return names.isEmpty() ? "USAGE" : String.join(", ", names);
    }
}
