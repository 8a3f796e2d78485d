package io.semisyncsim.server;

import io.semisyncsim.channel.ReplicaChannel;

import java.util.Map;
import java.util.SortedMap;

/**
 * SHOW STATUS's replication variables (mysqld.cc status_vars), each read from the model when it is shown.
 * The flavour lists the ones its server has ({@code replication-status}): MariaDB all of these, MySQL only
 * the open temporary tables (its others moved to performance_schema). One entry per variable.
 */
final class ReplicationStatusVariables {
    private ReplicationStatusVariables() {
    }

    /** A variable's value on a running server: a connection's own ({@code session}), or GLOBAL (null). */
    private interface Value {
        String of(Mysqld server, Session session);
    }

    private static GtidWaitCounters gtidWaits(Mysqld server, Session session) {
        return session == null ? server.gtidWaits() : session.gtidWaits();
    }

    private static final Map<String, Value> VALUES = Map.ofEntries(
            // COM_REGISTER_SLAVE per connection (STATUS_VAR com_register_slave, SHOW_LONG_STATUS): the global sum
            // counts every registration since the start, which FLUSH STATUS leaves; a client's session made none.
            Map.entry("Slave_connections", (s, session) -> session != null ? "0" : Long.toString(s.replicaRegistrations())),
            // show_heartbeat_period: the default connection's period, "%.3f"; 0.000 before any CHANGE MASTER.
            Map.entry("Slave_heartbeat_period", (s, session) -> s.channel().heartbeatPeriodShown()),
            // show_slave_received_heartbeats: counted by queue_event, until CHANGE MASTER or a restart.
            Map.entry("Slave_received_heartbeats", (s, session) -> Long.toString(s.channel().receivedHeartbeats())),
            // show_slave_running: the I/O thread reading (after its dump request) and the SQL thread running.
            Map.entry("Slave_running", (s, session) -> s.channel().ioRunning() == ReplicaChannel.IoRunning.YES
                    && s.channel().sqlRunning() ? "ON" : "OFF"),
            // binlog_dump_thread_count: registered replicas whose dump thread has not ended (repl_failsafe.cc).
            Map.entry("Slaves_connected", (s, session) -> Integer.toString(s.dumps().all().size())),
            // show_slaves_running: any_slave_sql_running, the connections whose SQL thread runs.
            Map.entry("Slaves_running", (s, session) -> s.channel().sqlRunning() ? "1" : "0"),
            // Temporary tables are not modelled (CREATE TEMPORARY TABLE is refused as 9000), so none is open.
            Map.entry("Slave_open_temp_tables", (s, session) -> "0"),
            Map.entry("Replica_open_temp_tables", (s, session) -> "0"),
            // The default connection's transactions run again after a lock wait timeout (rli->retried_trans).
            Map.entry("Slave_retried_transactions", (s, session) -> Long.toString(s.channel().retriedTransactions())),
            // Errors the SQL thread went past for slave_skip_errors, since the process started.
            Map.entry("Slave_skipped_errors", (s, session) -> Long.toString(s.skippedErrors())),
            // MASTER_GTID_WAIT's counters (rpl_gtid.cc gtid_waiting::wait_for_pos), per connection like
            // Slave_connections; the time in microseconds, here the virtual ones waited.
            Map.entry("Master_gtid_wait_count", (s, session) -> Long.toString(gtidWaits(s, session).count())),
            Map.entry("Master_gtid_wait_time", (s, session) -> Long.toString(gtidWaits(s, session).timeMicros())),
            Map.entry("Master_gtid_wait_timeouts", (s, session) -> Long.toString(gtidWaits(s, session).timeouts())),
            // MariaDB's old fail-safe state (repl_failsafe.cc rpl_status): set to AUTH_MASTER and never changed.
            Map.entry("Rpl_status", (s, session) -> "AUTH_MASTER"),
            // Replicated transactions that changed tables of more than one engine (mysqld.cc
            // rpl_transactions_multi_engine): every table here is InnoDB.
            Map.entry("Rpl_transactions_multi_engine", (s, session) -> "0"));

    /** The flavour's replication variables and their values, added to {@code into}. */
    static void addTo(SortedMap<String, String> into, Mysqld server, Session session) {
        for (String name : server.flavor().replicationStatus()) {
            into.put(name, value(name).of(server, session));
        }
    }

    /** Whether the model knows how to read the named variable (every flavour's list must name known ones). */
    static boolean known(String name) {
        return VALUES.containsKey(name);
    }

    private static Value value(String name) {
        Value v = VALUES.get(name);
        if (v == null) {
            throw new IllegalStateException("replication-status names " + name + ", which the model does not read");
        }
        return v;
    }
}
