package io.semisyncsim.server;

import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.flavor.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The row of SHOW SLAVE STATUS (old names) or SHOW REPLICA STATUS (new names), in the flavour's own
 * columns and order (flavors.conf {@code replica-status}); columns the model has no notion of show what
 * the server shows for a plain positional setup.
 */
public final class ReplicaStatus {
    private ReplicaStatus() {
    }

    /** The flavour's columns: SHOW SLAVE STATUS's, or with {@code newNames} SHOW REPLICA STATUS's. */
    public static List<String> columns(Flavor flavor, boolean newNames) {
        return flavor.replicaStatusColumns(newNames);
    }

    /** The values, in the flavour's column order; null is SQL NULL. */
    public static List<String> row(ReplicaChannel ch, String node, Flavor flavor, long now) {
        Map<String, String> f = fields(ch, node, flavor, now);
        List<String> row = new ArrayList<>();
        for (String column : flavor.replicaStatusColumns(false)) {
            if (!f.containsKey(column)) {
                throw new IllegalStateException("SHOW SLAVE STATUS has no value for column " + column);
            }
            row.add(f.get(column));
        }
        return row;
    }

    /** The row as column → value under the old names, SQL NULL written as "NULL". */
    public static Map<String, String> byColumn(ReplicaChannel ch, String node, Flavor flavor, long now) {
        List<String> row = row(ch, node, flavor, now);
        List<String> columns = flavor.replicaStatusColumns(false);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            out.put(columns.get(i), row.get(i) == null ? "NULL" : row.get(i));
        }
        return out;
    }

    /** One column by its old or new name (case-insensitive), or null when the flavour has no such column. */
    public static String field(ReplicaChannel ch, String node, Flavor flavor, long now, String column) {
        List<String> row = row(ch, node, flavor, now);
        for (boolean newNames : new boolean[] {false, true}) {
            List<String> columns = flavor.replicaStatusColumns(newNames);
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(column)) {
                    return row.get(i) == null ? "NULL" : row.get(i);
                }
            }
        }
        return null;
    }

    /** Every column any flavour shows, by its old name. */
    private static Map<String, String> fields(ReplicaChannel ch, String node, Flavor flavor, long now) {
        String replica = flavor.logTerms().replica().substring(0, 1).toUpperCase() + flavor.logTerms().replica().substring(1);
        Long behind = ch.secondsBehind(now);
        String sqlState = !ch.sqlRunning() ? ""
                : ch.sqlCommittingState() != null ? ch.sqlCommittingState()
                : ch.sqlRetryingState() != null ? ch.sqlRetryingState()
                : ch.sqlRemainingDelay(now) != null ? flavor.threadStyle().sqlDelayState()
                : ch.relayLogBacklog() == 0 ? replica + " has read all relay log; waiting for more updates"
                : "Reading event from the relay log";
        Map<String, String> f = new TreeMap<>();
        f.put("Slave_IO_State", ch.ioState());
        f.put("Master_Host", ch.sourceHost());
        f.put("Master_User", ch.sourceUser());
        f.put("Master_Port", Integer.toString(ch.sourcePort()));
        f.put("Connect_Retry", Long.toString(ch.connectRetrySeconds()));
        f.put("Master_Log_File", ch.sourceLogFile());
        f.put("Read_Master_Log_Pos", Long.toString(ch.readSourceLogPos()));
        f.put("Relay_Log_File", !ch.relayLogInited() ? ""
                : io.semisyncsim.channel.ReplicaChannel.relayFileName(node, ch.relayFileNumber()));
        f.put("Relay_Log_Pos", Long.toString(ch.shownRelayLogPos()));
        f.put("Relay_Master_Log_File", ch.relaySourceLogFile());
        f.put("Slave_IO_Running", switch (ch.ioRunning()) {
            case YES -> "Yes";
            case CONNECTING -> "Connecting";
            case PREPARING -> flavor.replicaStatusSetting("preparing");
            case NO -> "No";
        });
        f.put("Slave_SQL_Running", ch.sqlRunning() ? "Yes" : "No");
        for (String empty : List.of("Replicate_Do_DB", "Replicate_Ignore_DB", "Replicate_Do_Table",
                "Replicate_Ignore_Table", "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table", "Last_Error",
                "Until_Log_File", "Master_SSL_CA_File", "Master_SSL_CA_Path", "Master_SSL_Cert", "Master_SSL_Cipher",
                "Master_SSL_Key", "Replicate_Ignore_Server_Ids", "Master_Bind",
                "Master_SSL_Crl", "Master_SSL_Crlpath",
                "Replicate_Rewrite_DB", "Channel_Name", "Master_TLS_Version",
                "Master_public_key_path", "Network_Namespace", "Replicate_Do_Domain_Ids",
                "Replicate_Ignore_Domain_Ids")) {
            f.put(empty, "");
        }
        f.put("Last_Errno", Integer.toString(ch.lastSqlErrno()));
        f.put("Last_Error", ch.lastSqlError());
        f.put("Last_SQL_Error", ch.lastSqlError());
        f.put("Last_SQL_Error_Timestamp", ch.sqlErrorTime() < 0 ? "" : errorTimestamp(ch.sqlErrorTime()));
        // GTIDs: MySQL's sets (received into the relay log; the server's gtid_executed), MariaDB's position.
        f.put("Retrieved_Gtid_Set", ch.retrievedGtids().toString());
        f.put("Executed_Gtid_Set", ch.executedGtids());
        f.put("Gtid_IO_Pos", ch.gtidIoPos());
        f.put("Skip_Counter", Long.toString(ch.skipCounter()));
        f.put("Exec_Master_Log_Pos", Long.toString(ch.execSourceLogPos()));
        f.put("Relay_Log_Space", Long.toString(ch.shownRelayLogSpace()));
        ReplicaChannel.Until until = ch.until();
        f.put("Until_Condition", until == null ? "None" : until.condition());
        f.put("Until_Log_File", until == null ? "" : until.file());
        f.put("Until_Log_Pos", until == null ? "0" : Long.toString(until.pos()));
        f.put("Master_SSL_Allowed", "No");
        f.put("Seconds_Behind_Master", behind == null ? null : Long.toString(behind));
        f.put("Master_SSL_Verify_Server_Cert", "No");
        f.put("Last_IO_Errno", Integer.toString(ch.lastIoErrno()));
        f.put("Last_IO_Error", ch.lastIoError());
        f.put("Last_SQL_Errno", Integer.toString(ch.lastSqlErrno()));
        f.put("Master_Server_Id", Long.toString(ch.sourceServerId()));
        f.put("Master_UUID", ch.sourceUuid());
        f.put("Master_Info_File", flavor.replicaStatusSetting("info-file"));
        f.put("SQL_Delay", Long.toString(ch.sqlDelay()));
        Long remaining = ch.sqlRemainingDelay(now);
        f.put("SQL_Remaining_Delay", remaining == null ? null : Long.toString(remaining));
        f.put("Slave_SQL_Running_State", sqlState);
        f.put("Master_Retry_Count", flavor.replicaStatusSetting("retry-count"));
        f.put("Last_IO_Error_Timestamp", ch.ioErrorTime() < 0 ? "" : errorTimestamp(ch.ioErrorTime()));
        f.put("Auto_Position", ch.autoPosition() ? "1" : "0");
        f.put("Get_master_public_key", "0");
        // MariaDB's own columns (measured on 10.11): positional replication, its parallel applier's mode.
        f.put("Using_Gtid", ch.usingGtid().shown());
        f.put("Parallel_Mode", "optimistic");
        f.put("Slave_DDL_Groups", Long.toString(ch.ddlGroups()));
        f.put("Slave_Non_Transactional_Groups", "0");
        f.put("Slave_Transactional_Groups", Long.toString(ch.transactionalGroups()));
        return f;
    }

    /** {@code 260101 00:00:05}: the YYMMDD HH:MM:SS form of Last_IO_Error_Timestamp. */
    static String errorTimestamp(long micros) {
        String iso = VirtualTimestamps.iso(micros); // 2026-01-01T00:00:05.000000Z
        return iso.substring(2, 4) + iso.substring(5, 7) + iso.substring(8, 10) + " " + iso.substring(11, 19);
    }
}
