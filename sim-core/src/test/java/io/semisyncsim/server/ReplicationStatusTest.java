package io.semisyncsim.server;

import static io.semisyncsim.server.MysqldFixture.error;
import static io.semisyncsim.server.MysqldFixture.node;
import static io.semisyncsim.server.MysqldFixture.root;
import static io.semisyncsim.server.MysqldFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SHOW STATUS's replication variables and MASTER_HEARTBEAT_PERIOD, as MariaDB 10.11.19 showed them
 * (scenarios/library/replication/mariadb-slave-status-variables.yaml plays the rest on a cluster).
 */
class ReplicationStatusTest {

    @Test
    void everyFlavoursReplicationVariablesAreOnesTheModelReads() {
        for (String flavor : Flavors.standard().names()) {
            for (String name : Flavors.standard().get(flavor).replicationStatus()) {
                assertTrue(ReplicationStatusVariables.known(name), flavor + " lists " + name);
            }
        }
    }

    @Test
    void anIdleMariadbShowsItsDefaultConnectionNeverConfigured() {
        assertEquals(List.of(
                List.of("Slave_connections", "0"), List.of("Slave_heartbeat_period", "0.000"),
                List.of("Slave_open_temp_tables", "0"), List.of("Slave_received_heartbeats", "0"),
                List.of("Slave_retried_transactions", "0"), List.of("Slave_running", "OFF"),
                List.of("Slave_skipped_errors", "0"), List.of("Slaves_connected", "0"), List.of("Slaves_running", "0")),
                rows(root(node("mariadb-10.11"), "SHOW GLOBAL STATUS LIKE 'Slave%'")));
    }

    @Test
    void mysql80ShowsOnlyTheOpenTemporaryTablesUnderBothNames() {
        Mysqld mysql = node("mysql-8.0");
        assertEquals(List.of(List.of("Slave_open_temp_tables", "0")), rows(root(mysql, "SHOW STATUS LIKE 'Slave%'")));
        assertEquals(List.of(List.of("Replica_open_temp_tables", "0")), rows(root(mysql, "SHOW STATUS LIKE 'Replica%'")));
    }

    @Test
    void aRegistrationCountsInTheGlobalSumNotInAClientsSession() {
        Mysqld source = node("mariadb-10.11");
        source.replicaRegistered();
        assertEquals(List.of(List.of("Slave_connections", "1")),
                rows(root(source, "SHOW GLOBAL STATUS LIKE 'Slave_connections'")));
        assertEquals(List.of(List.of("Slave_connections", "0")),
                rows(root(source, "SHOW SESSION STATUS LIKE 'Slave_connections'")));
        root(source, "FLUSH STATUS");
        assertEquals("1", source.status().get("Slave_connections"));
    }

    @Test
    void mariadbsChangeMasterWithoutAPeriodTakesHalfOfSlaveNetTimeoutAsItIsThen() {
        Mysqld replica = node("mariadb-10.11", "slave_net_timeout", "10");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_HEARTBEAT_PERIOD = 1.23456");
        assertEquals("1.235", replica.status().get("Slave_heartbeat_period"));
        root(replica, "SET GLOBAL slave_net_timeout = 60");
        assertEquals("1.235", replica.status().get("Slave_heartbeat_period"));
        root(replica, "CHANGE MASTER TO MASTER_CONNECT_RETRY = 5");
        assertEquals("30.000", replica.status().get("Slave_heartbeat_period"));
    }

    @Test
    void mysqlsChangeSourceKeepsThePeriodUnlessItNamesAHostOrPort() {
        Mysqld replica = node("mysql-8.0");
        root(replica, "CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'source', SOURCE_HEARTBEAT_PERIOD = 2");
        root(replica, "CHANGE REPLICATION SOURCE TO SOURCE_CONNECT_RETRY = 5");
        assertEquals(2_000_000L, replica.channel().heartbeatPeriodMicros());
        root(replica, "CHANGE REPLICATION SOURCE TO SOURCE_PORT = 3306");
        assertEquals(30_000_001L, replica.channel().heartbeatPeriodMicros()); // 30 * 1e9 in float arithmetic
    }

    @Test
    void resetSlaveSetsThePeriodBackAndKeepsTheHeartbeatsCounted() {
        Mysqld replica = node("mariadb-10.11");
        root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_HEARTBEAT_PERIOD = 1");
        replica.channel().heartbeatReceived();
        root(replica, "SET GLOBAL slave_net_timeout = 10");
        root(replica, "RESET SLAVE");
        assertEquals("5.000", replica.status().get("Slave_heartbeat_period"));
        assertEquals("1", replica.status().get("Slave_received_heartbeats"));
        root(replica, "CHANGE MASTER TO MASTER_CONNECT_RETRY = 5");
        assertEquals("0", replica.status().get("Slave_received_heartbeats"));
    }

    @Test
    void aPeriodUnderAMillisecondIsZeroWithAWarning() {
        Mysqld replica = node("mariadb-10.11");
        StatementResult r = root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_HEARTBEAT_PERIOD = 0.0005");
        assertEquals(List.of(1703), r.warnings().stream().map(StatementResult.Warning::code).toList());
        assertEquals("0.000", replica.status().get("Slave_heartbeat_period"));
        assertEquals(0L, replica.channel().heartbeatPeriodMicros());
    }

    @Test
    void aPeriodPastSlaveNetTimeoutWarnsAndPastTheMaximumIsRefused() {
        Mysqld replica = node("mariadb-10.11");
        StatementResult r = root(replica, "CHANGE MASTER TO MASTER_HOST = 'source', MASTER_HEARTBEAT_PERIOD = 1e2");
        assertEquals(List.of(1704), r.warnings().stream().map(StatementResult.Warning::code).toList());
        assertEquals("100.000", replica.status().get("Slave_heartbeat_period"));
        assertEquals("ERROR 1624 (HY000): The requested value for the heartbeat period is either negative or exceeds "
                + "the maximum allowed (4294967 seconds)",
                error(root(replica, "CHANGE MASTER TO MASTER_HEARTBEAT_PERIOD = 4294968")));
    }
}
