package io.semisyncsim.flavor;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Where a flavour's semisync code behaves differently (flavors.conf {@code semisync}): MySQL's
 * semisync_source.cc against MariaDB's semisync_master.cc. Each field says what the code does.
 *
 * @param nodePerTransaction       active nodes per transaction (MariaDB), not per flush group
 * @param killAbortsWait           the wait loop checks thd_killed (MariaDB); MySQL re-waits
 * @param removeReplicaSwitchesOff remove_slave switches OFF on the last replica with wait_no_replica OFF (MySQL)
 * @param waitNoReplicaHook        SET wait_no_replica switches OFF/ON (MySQL); MariaDB's has no hook
 * @param enableAlwaysOn           enabling sets the status ON whatever the replicas (MariaDB)
 * @param ackCounters              MariaDB's request_ack, get_ack and send_ack counters exist
 * @param flushStatusResets        the counters FLUSH STATUS zeroes, by suffix
 * @param replicaKillsDumpOnStop   the replica KILLs its dump connection when its I/O thread stops (MariaDB)
 * @param replicaChecksSourceEnabled the replica notes a source whose semisync is disabled (MariaDB)
 * @param afterSyncWait            how group commit waits at after_sync
 * @param afterCommitWait          how group commit waits at after_commit
 * @param logLock                  how long a group commit leader holds LOCK_log (GroupCommit.LogLock)
 * @param failedDumpWaitsForClose  a semisync dump whose first read fails stops its semisync part and then waits,
 *                                 sending nothing, until the replica closes the connection (MariaDB, measured)
 * @param switchOffWhenOnOnly      switch_off counts in no_times and logs only when the status was ON (MariaDB
 *                                 10.6+ semisync_master.cc; MySQL's switch_off does both every time)
 * @param resetMasterReenables     RESET MASTER disables an enabled source and enables it again around the reset
 *                                 (MariaDB sql_repl.cc reset_master: before_reset_master, after_reset_master)
 * @param formatDescriptionAsksAck a file's Format_description may ask for an ACK (MySQL's dump sends it as any
 *                                 event; MariaDB's send_format_descriptor_event skips update_sync_header)
 */
public record SemisyncRules(boolean nodePerTransaction, boolean killAbortsWait, boolean removeReplicaSwitchesOff,
                            boolean waitNoReplicaHook, boolean enableAlwaysOn, boolean ackCounters,
                            List<String> flushStatusResets, boolean replicaKillsDumpOnStop,
                            boolean replicaChecksSourceEnabled, String afterSyncWait, String afterCommitWait,
                            boolean switchOffWhenOnOnly, boolean resetMasterReenables,
                            boolean formatDescriptionAsksAck, String logLock, boolean failedDumpWaitsForClose) {

    static SemisyncRules from(Config c) {
        return new SemisyncRules(c.getString("node-per").equals("transaction"), c.getBoolean("kill-aborts-wait"),
                c.getBoolean("remove-replica-switches-off"), c.getBoolean("wait-no-replica-hook"),
                c.getBoolean("enable-always-on"), c.getBoolean("ack-counters"),
                c.getStringList("flush-status-resets"), c.getBoolean("replica-kills-dump-on-stop"),
                c.getBoolean("replica-checks-source-enabled"), c.getString("after-sync-wait"),
                c.getString("after-commit-wait"), c.getBoolean("switch-off-when-on-only"),
                c.getBoolean("reset-master-reenables"), c.getBoolean("format-description-asks-ack"),
                c.getString("log-lock"), c.getBoolean("failed-dump-waits-for-close"));
    }

    /** MySQL's rules (the source plugin's defaults), for tests that build a source without a flavour. */
    public static SemisyncRules mysql() {
        return new SemisyncRules(false, false, true, true, false, false,
                List.of("yes_tx", "no_tx", "no_times", "timefunc_failures", "wait_pos_backtraverse"), false, false,
                "PER_GROUP", "STAGE_LEADER", false, false, true, "FLUSH_STAGE", false);
    }
}
