package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What SHOW STATUS's connection counters count (measured on MariaDB 10.11.19 by the library scenario
 * lifecycle/connection-counters-mariadb).
 */
class ConnectionStatusTest {
    private static final List<String> MARIADB = List.of("Aborted_clients", "Aborted_connects",
            "Aborted_connects_preauth", "Access_denied_errors");
    private final ConnectionStatus counters = new ConnectionStatus();

    private Map<String, String> shown(Session session) {
        Map<String, String> status = new TreeMap<>();
        counters.addStatusTo(status, session, MARIADB);
        return status;
    }

    @Test
    void aRefusedLoginIsAnAbortedConnectAndAnAccessDenied() {
        counters.loginRefused();
        assertEquals(Map.of("Aborted_clients", "0", "Aborted_connects", "1", "Aborted_connects_preauth", "0",
                "Access_denied_errors", "1"), shown(null));
    }

    @Test
    void aPrivilegeErrorCountsForItsConnectionAndGloballyAndOtherErrorsDoNot() {
        Session ops = new Session();
        counters.statementFailed(1227, ops);
        counters.statementFailed(1142, ops);
        counters.statementFailed(1062, ops);
        assertEquals("2", shown(ops).get("Access_denied_errors"));
        assertEquals("0", shown(new Session()).get("Access_denied_errors"));
        assertEquals("2", shown(null).get("Access_denied_errors"));
    }

    @Test
    void flushStatusZeroesTheAbortedCountersAndKeepsAccessDenied() {
        counters.loginRefused();
        counters.connectionAborted();
        counters.closedBeforeLogin();
        counters.flush();
        assertEquals(Map.of("Aborted_clients", "0", "Aborted_connects", "0", "Aborted_connects_preauth", "0",
                "Access_denied_errors", "1"), shown(null));
    }

    @Test
    void mysqlShowsOnlyTheAbortedPair() {
        counters.connectionAborted();
        Map<String, String> status = new TreeMap<>();
        counters.addStatusTo(status, null, List.of("Aborted_clients", "Aborted_connects"));
        assertEquals(Map.of("Aborted_clients", "1", "Aborted_connects", "0"), status);
    }
}
