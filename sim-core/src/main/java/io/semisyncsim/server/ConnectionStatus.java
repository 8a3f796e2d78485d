package io.semisyncsim.server;

import java.util.List;
import java.util.Map;

/**
 * SHOW STATUS's counters of connections that failed or ended badly (mysqld.cc status_vars): Aborted_connects, a
 * login refused or a client gone before its login; MariaDB's Aborted_connects_preauth, the latter only;
 * Aborted_clients, a client connection killed (sql_connect.cc end_connection: aborted_threads); and MariaDB's
 * Access_denied_errors, a refused login and every statement refused for a privilege (1044, 1142, 1143, 1227,
 * 1370), global and per connection. Measured on MariaDB 10.11.19: a wrong replication password and its STOP
 * SLAVE's refused KILL connection are two of each; a KILL of a client connection is one Aborted_clients, and so is
 * a semisync replica's KILL of its dump thread at STOP SLAVE and a zombie dump thread a reconnecting replica ends; FLUSH STATUS zeroes the aborted counters and leaves
 * Access_denied_errors. The flavour names the ones its server has ({@code connection-status}).
 */
public final class ConnectionStatus {
    private static final java.util.Set<Integer> PRIVILEGE_ERRORS = java.util.Set.of(1044, 1142, 1143, 1227, 1370);

    private long abortedClients;
    private long abortedConnects;
    private long abortedConnectsPreauth;
    private long accessDeniedErrors;

    /** A login the server refused (acl_authenticate): an aborted connect, and an access denied. */
    public void loginRefused() {
        abortedConnects++;
        accessDeniedErrors++;
    }

    /** A client that closed its connection before it logged in (check_connection). */
    public void closedBeforeLogin() {
        abortedConnects++;
        abortedConnectsPreauth++;
    }

    /**
     * A connection ended killed, a client's or a dump thread's, or on a network error (sql_connect.cc
     * end_connection: thd->killed, or net->error with the socket still there).
     */
    public void connectionAborted() {
        abortedClients++;
    }

    /** FLUSH STATUS: the aborted counters start again; Access_denied_errors stays (measured on MariaDB 10.11.19). */
    void flush() {
        abortedClients = 0;
        abortedConnects = 0;
        abortedConnectsPreauth = 0;
    }

    /** A statement of {@code session} failed with {@code code}: a privilege it lacks counts as an access denied. */
    void statementFailed(int code, Session session) {
        if (PRIVILEGE_ERRORS.contains(code)) {
            accessDeniedErrors++;
            session.accessDenied();
        }
    }

    /** A new process: every counter starts again. */
    void restart() {
        flush();
        accessDeniedErrors = 0;
    }

    /** The counters {@code names} lists, global, or {@code session}'s own Access_denied_errors. */
    void addStatusTo(Map<String, String> status, Session session, List<String> names) {
        for (String name : names) {
            long value = switch (name) {
                case "Aborted_clients" -> abortedClients;
                case "Aborted_connects" -> abortedConnects;
                case "Aborted_connects_preauth" -> abortedConnectsPreauth;
                case "Access_denied_errors" -> session == null ? accessDeniedErrors : session.accessDeniedErrors();
                default -> throw new IllegalStateException("connection-status names an unknown counter: " + name);
            };
            status.put(name, Long.toString(value));
        }
    }
}
