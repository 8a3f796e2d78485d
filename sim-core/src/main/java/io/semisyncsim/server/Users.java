package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.UserChange.UserKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A node's user table ({@code mysql.user} and the grant tables): accounts by user and host pattern.
 * Every node starts with {@code 'root'@'localhost'} (every privilege, WITH GRANT OPTION),
 * {@code 'app'@'localhost'} (SELECT, INSERT, UPDATE, DELETE on {@code test}.*) and the replication
 * account the topology's CHANGE MASTER TO names, {@code 'repl'@'%'} identified by {@code 'repl'} (REPLICATION
 * SLAVE), as the real-server harness creates them.
 */
public final class Users {
    private final TreeMap<UserKey, Grants> accounts = new TreeMap<>();
    private final Flavor flavor;

    public Users(Flavor flavor) {
        this.flavor = flavor;
        Grants root = new Grants();
        root.grant(null, null, allGlobal(flavor), true);
        accounts.put(new UserKey("root", "localhost"), root);
        Grants app = new Grants();
        app.grant("test", null, Set.of("SELECT", "INSERT", "UPDATE", "DELETE"), false);
        accounts.put(new UserKey("app", "localhost"), app);
        Grants repl = new Grants();
        repl.grant(null, null, Set.of(Privilege.key("REPLICATION SLAVE")), false);
        repl.setPasswordHash(nativePasswordHash("repl")); // IDENTIFIED BY 'repl', as the harness creates it
        accounts.put(new UserKey("repl", "%"), repl);
    }

    /** Every privilege a global ALL grants: the static ones and 8.0's dynamic ones. */
    static Set<String> allGlobal(Flavor flavor) {
        return ALL_GLOBAL.computeIfAbsent(flavor.name(), n -> readAllGlobal(flavor));
    }

    /** {@link #allGlobal} by flavour: every run's root account is granted it. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Set<String>> ALL_GLOBAL =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> readAllGlobal(Flavor flavor) {
        Set<String> all = new LinkedHashSet<>();
        for (String p : flavor.privileges().staticPrivileges()) {
            all.add(Privilege.key(p));
        }
        for (String p : flavor.privileges().dynamicPrivileges()) {
            all.add(Privilege.key(p));
        }
        return java.util.Collections.unmodifiableSet(all);
    }

    public boolean exists(UserKey key) {
        return accounts.containsKey(key);
    }

    public Grants grants(UserKey key) {
        return accounts.get(key);
    }

    /**
     * The account a client {@code user} connecting from {@code host} is: an exact host first, then a
     * host pattern that matches it (the most specific: fewest wildcards), as MySQL sorts mysql.user;
     * null when there is none.
     */
    public Map.Entry<UserKey, Grants> match(String user, String host) {
        Map.Entry<UserKey, Grants> best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Map.Entry<UserKey, Grants> e : accounts.entrySet()) {
            if (!e.getKey().user().equals(user)) {
                continue;
            }
            String pattern = e.getKey().host();
            int rank = pattern.equalsIgnoreCase(host) ? 0 : new Like(pattern).matches(host)
                    ? (pattern.equals("%") ? 2 : 1) : -1;
            if (rank >= 0 && rank < bestRank) {
                best = e;
                bestRank = rank;
            }
        }
        return best;
    }

    /**
     * Whether {@code user} from {@code host} logs in with {@code password} (null or empty: none): an account
     * matches and its password is that one (sql_acl.cc acl_authenticate, mysql_native_password).
     */
    public boolean authenticates(String user, String host, String password) {
        Map.Entry<UserKey, Grants> account = match(user, host);
        if (account == null) {
            return false;
        }
        String hash = account.getValue().passwordHash();
        boolean none = password == null || password.isEmpty();
        return hash == null || hash.isEmpty() ? none : !none && hash.equals(nativePasswordHash(password));
    }

    /** A committed account change (the source at commit, a replica's SQL thread); applied idempotently. */
    public void apply(UserChange change) {
        if (change instanceof UserChange.CreateUsers c) {
            for (int i = 0; i < c.users().size(); i++) {
                if (!accounts.containsKey(c.users().get(i))) {
                    Grants g = new Grants();
                    g.setPasswordHash(c.passwordHashes().get(i));
                    accounts.put(c.users().get(i), g);
                }
            }
        } else if (change instanceof UserChange.DropUsers d) {
            d.users().forEach(accounts::remove);
        } else if (change instanceof UserChange.Privileges p) {
            for (UserKey u : p.users()) {
                Grants g = accounts.get(u);
                if (g == null) {
                    continue;
                }
                if (p.revoke()) {
                    g.revoke(p.db(), p.table(), p.keys(), p.grantOption());
                } else {
                    g.grant(p.db(), p.table(), p.keys(), p.grantOption());
                }
            }
        }
    }

    /** mysql_native_password's stored form of a password: {@code *} and SHA1(SHA1(password)) in hex. */
    public static String nativePasswordHash(String password) {
        String known = HASHES.get(password);
        if (known != null) {
            return known;
        }
        try {
            byte[] once = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            String hash = "*" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(once));
            if (HASHES.size() < 256) {
                HASHES.putIfAbsent(password, hash);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /**
     * Hashes already computed, shared by a sweep's runs: every run's servers hash the harness's 'repl' at
     * start and at each replica's login, and finding SHA-1's provider costs more than the hash.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> HASHES =
            new java.util.concurrent.ConcurrentHashMap<>();

    Flavor flavor() {
        return flavor;
    }
}
