package io.semisyncsim.server;

/** The privileges the admin statements check. */
public enum Privilege {
    SUPER,
    SYSTEM_VARIABLES_ADMIN,
    REPLICATION_SLAVE_ADMIN,
    RELOAD,
    /** INSERT on mysql.plugin: what INSTALL PLUGIN needs. */
    INSERT_MYSQL_PLUGIN,
    /** DELETE on mysql.plugin: what UNINSTALL PLUGIN needs. */
    DELETE_MYSQL_PLUGIN,
    /** SELECT, INSERT, UPDATE, DELETE on application tables. */
    DML
}
