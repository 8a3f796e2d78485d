package io.semisyncsim.flavor;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * How a flavour numbers and names its threads (flavors.conf {@code threads}): where client ids start,
 * which daemons a fresh server lists, the process list's words for replication threads and for a
 * session around a commit, and its columns. {@code ioSetupQueries}: the set-up round trips a connecting
 * I/O thread makes before its dump when it positions by file and position; {@code ioSetupQueriesGtid}: by
 * GTID (MariaDB asks four other things there; MySQL the same as by position). {@code ioSpaceWaitState}: the
 * I/O thread's state while the relay log is over relay_log_space_limit (stage_waiting_for_relay_log_space);
 * {@code positionWaitState}: a client's in MASTER_POS_WAIT (stage_waiting_for_the_slave_thread_to_advance_position);
 * {@code sqlDelayState}: the SQL thread's while MASTER_DELAY holds a transaction back (stage_sql_delay), and
 * {@code sqlDelayFromCommitSecondUp}: whether the delay counts from the commit's second rounded up (MySQL 8)
 * or from the event's rounded down (MariaDB, 5.7).
 */
public record ThreadStyle(long firstId, List<Daemon> daemons, String ioCommand, int ioSetupQueries,
                          int ioSetupQueriesGtid, String sqlCommand,
                          String dumpCommand,
                          boolean ackReceiverHasId, String commitQueuedState, String dumpIdleState,
                          String ioSpaceWaitState, String positionWaitState, String sqlDelayState,
                          boolean sqlDelayFromCommitSecondUp,
                          List<String> processlistColumns, String selfState, boolean zombieByServerId,
                          Shutdown shutdown, ProcesslistTable processlistTable) {

    /**
     * INFORMATION_SCHEMA.PROCESSLIST: its columns in order, the reading session's own state, the columns
     * the model has no values for (refused by name when read), and whether its rows come newest first.
     */
    public record ProcesslistTable(List<String> columns, String selfState, List<String> unmodelled,
                                   boolean newestFirst) {
    }

    /**
     * How a clean shutdown treats connections (close_connections): whether clients' sockets are shut at
     * once (MariaDB kill_thread_phase_1: a waiting client gets 2013 within milliseconds; MySQL only
     * flags them), how long after the clients the dump threads are killed, which ends the replicas'
     * streams (MariaDB: once connection threads are gone, tens of ms; MySQL: after up to 8 s), and how
     * long after that the connections still open are closed by force and the process ends (MySQL:
     * sleep(2) while any thread is left; MariaDB: a 1 ms round until the dump threads are gone).
     */
    public record Shutdown(boolean clientsLoseConnection, long dumpThreadsAfterMicros, long remainingAfterMicros) {
    }

    /** A thread a fresh server runs before any client connects (MySQL 8.0's event scheduler). */
    public record Daemon(long id, String user, String host, String command, String state) {
    }

    static ThreadStyle from(Config c) {
        List<Daemon> daemons = new ArrayList<>();
        for (Config d : c.getConfigList("daemons")) {
            daemons.add(new Daemon(d.getLong("id"), d.getString("user"), d.getString("host"), d.getString("command"),
                    d.getString("state")));
        }
        int setup = c.getInt("io-setup-queries");
        return new ThreadStyle(c.getLong("first-id"), daemons, c.getString("io-command"), setup,
                c.hasPath("io-setup-queries-gtid") ? c.getInt("io-setup-queries-gtid") : setup,
                c.getString("sql-command"),
                c.getString("dump-command"), c.getBoolean("ack-receiver-has-id"), c.getString("commit-queued-state"),
                c.getString("dump-idle-state"), c.getString("io-space-wait-state"),
                c.getString("position-wait-state"),
                c.getString("sql-delay-state"), c.getBoolean("sql-delay-from-commit-second-up"), c.getStringList("processlist-columns"), c.getString("self-state"),
                c.getString("zombie-dump-match").equals("server-id"),
                new Shutdown(c.getBoolean("shutdown.clients-lose-connection"),
                        c.getDuration("shutdown.dump-threads-after").toNanos() / 1000,
                        c.getDuration("shutdown.remaining-after").toNanos() / 1000),
                new ProcesslistTable(c.getStringList("processlist-table.columns"),
                        c.getString("processlist-table.self-state"), c.getStringList("processlist-table.unmodelled"),
                        c.getBoolean("processlist-table.newest-first")));
    }
}
