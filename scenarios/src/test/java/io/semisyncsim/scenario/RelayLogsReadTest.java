package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.Scenario;
import org.junit.jupiter.api.Test;

/**
 * A run keeps the events of relay files its SQL threads applied only when one of its statements reads
 * relay logs (SHOW RELAYLOG EVENTS): nothing else reads them (Cluster.Spec.relayLogsRead).
 */
class RelayLogsReadTest {

    private static Scenario scenario(String steps) throws Exception {
        String text = """
                name: relay-logs-read
                flavor: mariadb-10.11
                topology: {source: source, replicas: [replica1]}
                steps:
                """ + steps;
        return ScenarioReader.read(text, "relay-logs-read.yaml", Flavors.standard());
    }

    @Test
    void aScenarioThatNeverAsksKeepsNoAppliedRelayEvents() throws Exception {
        assertFalse(ScenarioRunner.readsRelayLogs(scenario("""
                  - on: source
                    sql: SHOW BINLOG EVENTS
                """).steps()));
    }

    @Test
    void aStatementInsideARepeatCounts() throws Exception {
        assertTrue(ScenarioRunner.readsRelayLogs(scenario("""
                  - repeat: 2
                    steps:
                      - on: replica1
                        sql: show relaylog events
                """).steps()));
    }

    @Test
    void aCapturedValueCounts() throws Exception {
        assertTrue(ScenarioRunner.readsRelayLogs(scenario("""
                  - let:
                      pos: { on: replica1, sql: SHOW RELAYLOG EVENTS LIMIT 1, column: Pos }
                """).steps()));
    }
}
