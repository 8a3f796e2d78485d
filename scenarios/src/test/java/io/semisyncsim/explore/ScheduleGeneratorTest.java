package io.semisyncsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.YNode;
import org.junit.jupiter.api.Test;

/**
 * The failovers explore draws move semisync with the role ({@code semisync: true}) only where every node
 * has both plugins, as the operator's step requires; elsewhere they are plain promotions.
 */
class ScheduleGeneratorTest {

    private static Scenario scenario(String flavor, String config) throws InvalidScenarioException {
        return ScenarioReader.read("name: s\nflavor: " + flavor + "\ntopology:\n  source: source\n"
                + "  replicas: [replica1, replica2]\n" + config + "steps:\n  - sleep: 10ms\n", "s.yaml", Flavors.standard());
    }

    private static final String BOTH_EVERYWHERE = """
            config:
              source:   &node { plugin-load-add: "semisync_source.so;semisync_replica.so" }
              replica1: *node
              replica2: *node
            """;

    private static final String REPLICAS_WITHOUT_SOURCE_PLUGIN = """
            config:
              source:   { plugin-load-add: "semisync_source.so" }
              replica1: { plugin-load-add: "semisync_replica.so" }
              replica2: { plugin-load-add: "rpl_semi_sync_replica=semisync_replica.so" }
            """;

    private static int handoverFailovers(Scenario s, boolean handover) {
        int n = 0;
        for (long seed = 1; seed <= 100; seed++) {
            for (YNode step : new ScheduleGenerator(seed, "source", s.topology().nodes(), handover).draw()) {
                if (step instanceof YNode.Map m && m.entries().get("failover") != null
                        && m.entries().get("failover").value() instanceof YNode.Map f && f.entries().containsKey("semisync")) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void everyNodeNeedsBothPluginsLoadedOrBuiltIn() throws InvalidScenarioException {
        assertTrue(Explorer.everyNodeHasBothPlugins(scenario("mysql-8.0", BOTH_EVERYWHERE)));
        assertFalse(Explorer.everyNodeHasBothPlugins(scenario("mysql-8.0", REPLICAS_WITHOUT_SOURCE_PLUGIN)));
        assertFalse(Explorer.everyNodeHasBothPlugins(scenario("mysql-8.0", "")), "nothing loaded: INSTALL PLUGIN later");
        assertTrue(Explorer.everyNodeHasBothPlugins(scenario("mariadb-10.11", "")), "MariaDB builds semisync in");
    }

    @Test
    void someFailoversMoveSemisyncWhereTheyCan() throws InvalidScenarioException {
        Scenario s = scenario("mysql-8.0", BOTH_EVERYWHERE);
        assertTrue(handoverFailovers(s, true) > 0);
        assertEquals(0, handoverFailovers(s, false));
    }
}
