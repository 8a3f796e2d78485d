package io.semisyncsim.server;

import java.util.Locale;

/**
 * Privileges that code checks by name. Every privilege a flavour has is data (flavors.conf
 * {@code privileges}); a grant stores privileges by {@link #key}: the name upper-cased with spaces as
 * underscores, so MySQL's REPLICATION_SLAVE_ADMIN and MariaDB's REPLICATION SLAVE ADMIN are one key.
 */
public enum Privilege {
    SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, RELOAD, SHUTDOWN, SUPER, CREATE_USER, REPLICATION_SLAVE,
    REPLICATION_CLIENT, SYSTEM_VARIABLES_ADMIN, REPLICATION_SLAVE_ADMIN, CONNECTION_ADMIN, BINLOG_ADMIN;

    /** The key of a privilege name as a server writes it. */
    public static String key(String name) {
        return name.toUpperCase(Locale.ROOT).replace(' ', '_');
    }
}
