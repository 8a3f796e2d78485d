package io.semisyncsim.sql;

/**
 * The statement spellings a flavour accepts.
 *
 * @param legacyReplicationSyntax START SLAVE, CHANGE MASTER TO, SHOW MASTER STATUS, RESET MASTER
 *     (removed in MySQL 8.4)
 * @param replicaKeyword START REPLICA, CHANGE REPLICATION SOURCE TO, SHOW REPLICA STATUS (8.0.22+)
 * @param binaryLogStatus SHOW BINARY LOG STATUS, RESET BINARY LOGS AND GTIDS (8.4)
 * @param persist SET PERSIST and SET PERSIST_ONLY (8.0+)
 */
public record Dialect(boolean legacyReplicationSyntax, boolean replicaKeyword, boolean binaryLogStatus,
                      boolean persist) {
}
