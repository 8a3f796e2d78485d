package io.semisyncsim.server;

import io.semisyncsim.binlog.QueryEffect;
import java.util.List;
import java.util.Set;

/**
 * What CREATE USER, DROP USER, GRANT and REVOKE do to a node's user table. MySQL writes these
 * statements to the binary log as Query events, so replicas apply the same change (as the source
 * decided it); a node's users are otherwise its own.
 */
public sealed interface UserChange extends QueryEffect {

    /** An account: user name and host pattern, as {@code 'user'@'host'}. */
    record UserKey(String user, String host) implements Comparable<UserKey> {
        @Override
        public int compareTo(UserKey o) {
            int c = user.compareTo(o.user);
            return c != 0 ? c : host.compareTo(o.host);
        }

        @Override
        public String toString() {
            return "'" + user + "'@'" + host + "'";
        }
    }

    /** Creates accounts that do not exist yet, with their password hash (null: none). */
    record CreateUsers(List<UserKey> users, List<String> passwordHashes) implements UserChange {
        public CreateUsers {
            users = List.copyOf(users);
            passwordHashes = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(passwordHashes));
        }
    }

    record DropUsers(List<UserKey> users) implements UserChange {
        public DropUsers {
            users = List.copyOf(users);
        }
    }

    /**
     * Privileges granted (or revoked) at a level: {@code db} null is {@code *.*}; {@code table} null
     * {@code db.*}. For a revoke, {@code keys} null means all of them.
     */
    record Privileges(boolean revoke, List<UserKey> users, String db, String table, Set<String> keys,
                      boolean grantOption) implements UserChange {
        public Privileges {
            users = List.copyOf(users);
            keys = keys == null ? null : Set.copyOf(keys);
        }
    }
}
