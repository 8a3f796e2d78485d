package io.semisyncsim.server;

import io.semisyncsim.binlog.BinaryLog;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.channel.GtidDump;
import io.semisyncsim.channel.GtidRequest;
import io.semisyncsim.channel.ReplicaChannel;
import io.semisyncsim.error.SqlError;
import io.semisyncsim.sysvar.SysVarDef;

/**
 * A server's GTID bookkeeping, one implementation per family (flavors.conf {@code gtid.kind}): MySQL's
 * gtid_mode, server_uuid numbering and GTID sets ({@link MysqlGtids}), MariaDB's always-on
 * domain-server-sequence GTIDs, binlog state and gtid_slave_pos ({@link MariaGtids}). The server calls
 * it at the points where the real servers update theirs: a transaction entering group commit, the
 * binary log writing and purging, the engine commit, the replica's SQL thread; the replication threads
 * ask it what a replica requests and how a source serves that request. As the binary log's
 * {@link BinaryLog.GtidHeaders} it also sizes and records each file's Previous_gtids / Gtid_list.
 */
public interface Gtids extends BinaryLog.GtidHeaders {

    /** Whether local transactions get GTIDs now (MySQL: gtid_mode ON or ON_PERMISSIVE; MariaDB: always). */
    boolean on();

    /** Whether sessions have MySQL's {@code gtid_next} ({@link GtidNext}); MariaDB has none. */
    default boolean hasGtidNext() {
        return false;
    }

    /** A local transaction enters group commit: it gets its GTID here, or stays anonymous. */
    Transaction stamp(Transaction trx);

    /** The engine committed a local transaction (or crash recovery did): it is executed now. */
    void committed(Transaction trx);

    /** Whether the SQL thread skips a replicated transaction because its GTID is executed already (MySQL). */
    boolean executedAlready(Transaction trx);

    /** Before the SQL thread logs a replicated transaction (log_slave_updates): MariaDB's strict-mode check. */
    void beforeLogging(Transaction trx) throws SqlError;

    /** The SQL thread applied a replicated transaction, logged or not. */
    void replicated(Transaction trx, boolean logged);

    /**
     * The SQL thread skipped a replicated transaction for sql_slave_skip_counter. MariaDB records its GTID in
     * gtid_slave_pos all the same, so a replica that reconnects by GTID does not ask for it again (measured on
     * 10.11.18); MySQL executes no GTID by skipping (none here: its skip counter serves anonymous transactions).
     */
    default void skipped(Transaction trx) {
    }

    /** The server starts again: what its binary log holds now is what it logged (crash recovery, truncation). */
    void restarted(BinaryLog binlog);

    /** RESET MASTER / RESET BINARY LOGS AND GTIDS. */
    void reset();

    /** The value of a GTID system variable this class computes (gtid_executed, gtid_binlog_pos...), or null. */
    String variable(String name);

    /** SET GLOBAL of a GTID variable: refuses what the server refuses (checked before any is applied). */
    void checkSet(SysVarDef def, String value, Mysqld server) throws SqlError;

    /** SET GLOBAL of a GTID variable, after every check passed. */
    void set(SysVarDef def, String value);

    /** What a replica's I/O thread asks a source for when its channel positions by GTID (null: by position). */
    GtidRequest request(ReplicaChannel channel);

    /** How this server, as a source, serves a replica's GTID request. */
    GtidDump dump(GtidRequest request, BinaryLog binlog);

    /** {@code NODE.gtid.executed}: gtid_executed (MySQL), gtid_current_pos (MariaDB). */
    String executed();

    /** {@code NODE.gtid.purged}: gtid_purged (MySQL); what the oldest binary log file's Gtid_list says was before it (MariaDB). */
    String purged();

    /** {@code NODE.gtid.errant}: what this server executed that {@code source} has not. */
    String errantAgainst(Gtids source);

    /** The GTIDs this server committed that {@code other} lacks, one text per transaction, in order. */
    java.util.List<String> missingOn(Gtids other);
}
