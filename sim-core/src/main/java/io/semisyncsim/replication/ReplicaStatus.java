package io.semisyncsim.replication;

import io.semisyncsim.flavor.Terms;
import io.semisyncsim.server.VirtualTimestamps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The row of SHOW SLAVE STATUS (old names) or SHOW REPLICA STATUS (new names, 8.0.22+), in MySQL's
 * column order; columns the model has no notion of show MySQL's values for a plain setup.
 */
public final class ReplicaStatus {
    private ReplicaStatus() {
    }

    private static final List<String> COLUMNS = List.of("Slave_IO_State", "Master_Host", "Master_User", "Master_Port",
            "Connect_Retry", "Master_Log_File", "Read_Master_Log_Pos", "Relay_Log_File", "Relay_Log_Pos",
            "Relay_Master_Log_File", "Slave_IO_Running", "Slave_SQL_Running", "Replicate_Do_DB", "Replicate_Ignore_DB",
            "Replicate_Do_Table", "Replicate_Ignore_Table", "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table",
            "Last_Errno", "Last_Error", "Skip_Counter", "Exec_Master_Log_Pos", "Relay_Log_Space", "Until_Condition",
            "Until_Log_File", "Until_Log_Pos", "Master_SSL_Allowed", "Master_SSL_CA_File", "Master_SSL_CA_Path",
            "Master_SSL_Cert", "Master_SSL_Cipher", "Master_SSL_Key", "Seconds_Behind_Master",
            "Master_SSL_Verify_Server_Cert", "Last_IO_Errno", "Last_IO_Error", "Last_SQL_Errno", "Last_SQL_Error",
            "Replicate_Ignore_Server_Ids", "Master_Server_Id", "Master_UUID", "Master_Info_File", "SQL_Delay",
            "SQL_Remaining_Delay", "Slave_SQL_Running_State", "Master_Retry_Count", "Master_Bind",
            "Last_IO_Error_Timestamp", "Last_SQL_Error_Timestamp", "Master_SSL_Crl", "Master_SSL_Crlpath",
            "Retrieved_Gtid_Set", "Executed_Gtid_Set", "Auto_Position", "Replicate_Rewrite_DB", "Channel_Name",
            "Master_TLS_Version");

    /** Column names: old ones, or the 8.0.22+ ones (Slave -> Replica, Master -> Source). */
    public static List<String> columns(boolean newNames) {
        if (!newNames) {
            return COLUMNS;
        }
        List<String> out = new ArrayList<>();
        for (String c : COLUMNS) {
            out.add(c.replace("Slave", "Replica").replace("Master", "Source"));
        }
        return out;
    }

    /** The values, in column order; null is SQL NULL. */
    public static List<String> row(ReplicaChannel ch, String node, Terms terms, String sourceUuid, long now) {
        String replica = terms.replica().substring(0, 1).toUpperCase() + terms.replica().substring(1);
        Long behind = ch.secondsBehind(now);
        String sqlState = !ch.sqlRunning() ? ""
                : ch.relayLogBacklog() == 0 ? replica + " has read all relay log; waiting for more updates"
                : "Reading event from the relay log";
        return Arrays.asList(
                ch.ioState(), ch.sourceHost(), ch.sourceUser(), Integer.toString(ch.sourcePort()),
                Long.toString(ch.connectRetrySeconds()), ch.sourceLogFile(), Long.toString(ch.readSourceLogPos()),
                node + "-relay-bin.000002", Long.toString(ch.relayLogPos()), ch.relaySourceLogFile(),
                switch (ch.ioRunning()) {
                    case YES -> "Yes";
                    case CONNECTING -> "Connecting";
                    case NO -> "No";
                },
                ch.sqlRunning() ? "Yes" : "No", "", "", "", "", "", "",
                "0", "", "0", Long.toString(ch.execSourceLogPos()), Long.toString(ch.relayLogSpace()), "None",
                "", "0", "No", "", "", "", "", "", behind == null ? null : Long.toString(behind),
                "No", Integer.toString(ch.lastIoErrno()), ch.lastIoError(), "0", "",
                "", Long.toString(ch.sourceServerId()), sourceUuid, "mysql.slave_master_info", "0",
                null, sqlState, "86400", "",
                ch.ioErrorTime() < 0 ? "" : errorTimestamp(ch.ioErrorTime()), "", "", "",
                "", "", ch.autoPosition() ? "1" : "0", "", "",
                "");
    }

    /** {@code 260101 00:00:05}: the YYMMDD HH:MM:SS form of Last_IO_Error_Timestamp. */
    static String errorTimestamp(long micros) {
        String iso = VirtualTimestamps.iso(micros); // 2026-01-01T00:00:05.000000Z
        return iso.substring(2, 4) + iso.substring(5, 7) + iso.substring(8, 10) + " " + iso.substring(11, 19);
    }
}
