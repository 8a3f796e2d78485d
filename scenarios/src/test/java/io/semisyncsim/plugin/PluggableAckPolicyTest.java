package io.semisyncsim.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A new ACK policy is a library in the flavour tables and a registered behaviour: installed with
 * INSTALL PLUGIN in a scenario, with no change to the server or replication code.
 */
class PluggableAckPolicyTest {

    /** The lecture's library: one plugin, its kind, and the variable the replicas' probe looks for. */
    private static final Config LECTURE = ConfigFactory.parseString("""
            semisync-sim.plugin-kinds.ack-every-replica.variables = [
              { name = "rpl_semi_sync_{source}_enabled", type = bool, default = "ON" }
            ]
            semisync-sim.flavors."mysql-8.0".libraries."ack_every_replica.so" = [ rpl_ack_every_replica ]
            semisync-sim.flavors."mysql-8.0".plugins.rpl_ack_every_replica {
              kind = ack-every-replica, terms = new, type = REPLICATION, version = "0.1", author = "A lecturer"
              description = "Waits for every connected semi-sync replica.", license = GPL
            }
            """).withFallback(ConfigFactory.load()).resolve();

    private static final String SCENARIO = """
            name: ack-from-every-replica
            description: A commit waits for the slowest of two semisync replicas, one 0.5 ms and one 5 ms away.
            topology:
              source: source
              replicas: [near, far]
            network:
              links:
                source<->far: { latency: 5ms }
            config:
              near: { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }
              far:  { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }
            steps:
              - on: source
                sql: INSTALL PLUGIN rpl_ack_every_replica SONAME 'ack_every_replica.so'
              - on: near
                sql: [ "STOP REPLICA IO_THREAD", "START REPLICA IO_THREAD" ]
              - on: far
                sql: [ "STOP REPLICA IO_THREAD", "START REPLICA IO_THREAD" ]
              - sleep: 300ms          # far's reconnect: a dozen set-up round trips of 10 ms
              - expect:
                  source.plugins.rpl_ack_every_replica: ACTIVE
                  source.status.Ack_all_replicas: 2
                  near.status.Rpl_semi_sync_replica_status: "ON"
              - on: source
                commit: 1
              - expect:
                  commits.last.semisync: "true"
                  commits.last.latency: ">= 10ms"
            """;

    @Test
    void aLecturesOwnAckPolicyInstallsAndRunsWithoutServerChanges() throws InvalidScenarioException {
        Flavors flavors = new Flavors(LECTURE);
        PluginFactories factories = SemisyncPlugins.register(new PluginFactories())
                .register("ack-every-replica", AckFromEveryReplica::new);
        RunResult r = new ScenarioRunner(factories, flavors).run(
                ScenarioReader.read(SCENARIO, "lecture.yaml", flavors), new RunListener() { });
        String failures = r.outcomes().stream().filter(o -> !o.held())
                .map(o -> o.description() + " -- actual " + o.actual()).collect(Collectors.joining("\n"));
        assertTrue(r.passed(), failures);
        assertTrue(r.outcomes().stream().anyMatch(Outcome::held));
    }
}
