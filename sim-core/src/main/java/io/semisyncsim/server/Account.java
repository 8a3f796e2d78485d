package io.semisyncsim.server;

/**
 * Who runs a statement: a user connecting from {@code host} (always {@code localhost} for the
 * simulator's clients). A client names an account by user name only; the node resolves it through its
 * own user table at each statement, and the executor sees the resolved account with its {@link Grants}
 * ({@code 'root'@'localhost'} has every privilege; {@code 'app'@'localhost'} SELECT, INSERT, UPDATE and
 * DELETE on {@code test}, as real mode creates them).
 *
 * @param grants what the account may do; null until the node resolved it
 */
public record Account(String user, String host, Grants grants) {

    public static final Account ROOT = named("root");
    public static final Account APP = named("app");

    /** A client's account by user name, connecting from localhost; the node resolves it. */
    public static Account named(String user) {
        return new Account(user, "localhost", null);
    }

    /** Whether a user name is one MySQL takes (at most 32 characters, 80 in MariaDB; no quote or control). */
    public static boolean validName(String user) {
        return user != null && !user.isEmpty() && user.length() <= 80
                && user.chars().allMatch(c -> c > ' ' && c != '\'' && c != '"' && c != '`' && c != '@' && c != 127);
    }

    /** Whether the account holds the privilege globally. */
    public boolean has(Privilege p) {
        return has(p.name());
    }

    /** Whether the account holds the privilege (by {@link Privilege#key}) globally. */
    public boolean has(String key) {
        return grants != null && grants.hasGlobal(key);
    }

    /** Whether the account holds the privilege on {@code db.table} at any level. */
    public boolean hasOn(String key, String db, String table) {
        return grants != null && grants.hasOn(key, db, table);
    }
}
