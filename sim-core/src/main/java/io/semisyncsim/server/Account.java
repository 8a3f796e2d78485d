package io.semisyncsim.server;

import java.util.EnumSet;
import java.util.Set;

/** A user account: {@code 'root'@'localhost'} has every privilege; {@code 'app'@'%'} only DML. */
public record Account(String user, String host, Set<Privilege> privileges) {

    public static final Account ROOT = new Account("root", "localhost", EnumSet.allOf(Privilege.class));
    public static final Account APP = new Account("app", "localhost", EnumSet.of(Privilege.DML));

    public Account {
        privileges = privileges.isEmpty() ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(privileges);
    }

    public boolean has(Privilege p) {
        return privileges.contains(p);
    }

    /** The accounts every simulated node has, by user name. */
    public static Account named(String user) {
        return switch (user) {
            case "root" -> ROOT;
            case "app" -> APP;
            default -> null;
        };
    }
}
