package io.semisyncsim.sql;

/**
 * The statement spellings a flavour accepts, and which executable comments it runs.
 *
 * @param legacyReplicationSyntax START SLAVE, CHANGE MASTER TO, SHOW MASTER STATUS, RESET MASTER
 *     (removed in MySQL 8.4)
 * @param replicaKeyword START REPLICA, SHOW REPLICA STATUS (8.0.22+; MariaDB 10.5+)
 * @param binaryLogStatus SHOW BINARY LOG STATUS, RESET BINARY LOGS AND GTIDS (8.4)
 * @param persist SET PERSIST and SET PERSIST_ONLY (8.0+)
 * @param comments the {@code /*!NNNNN ... *}{@code /} rules
 * @param changeReplicationSource CHANGE REPLICATION SOURCE TO and the SOURCE_ option names (MySQL 8.0.23+; MariaDB
 *     10.11 has neither: 1064)
 * @param binlogStatus SHOW BINLOG STATUS, MariaDB's name for SHOW MASTER STATUS since 10.5.2 (MySQL: 1064)
 * @param reservedWords upper-case words that are never a name unless back-quoted (1064 where one stands)
 */
public record Dialect(boolean legacyReplicationSyntax, boolean replicaKeyword, boolean binaryLogStatus,
                      boolean persist, ExecutableComments comments, boolean changeReplicationSource,
                      boolean binlogStatus, java.util.Set<String> reservedWords) {

    /**
     * The reserved words this grammar's own statements meet, for a dialect made without a flavour's list
     * (the parser's tests): every flavour reserves them.
     */
    public static final java.util.Set<String> GRAMMAR_RESERVED = java.util.Set.of("FROM", "WHERE", "ORDER", "LIMIT",
            "INTO", "GROUP", "HAVING", "UNION", "AND", "OR", "NOT", "XOR", "IS", "IN", "BETWEEN", "LIKE", "AS", "ON",
            "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "FOR", "LOCK", "SELECT", "SET", "VALUES", "DESC",
            "ASC", "BY", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE", "DEFAULT", "DIV", "MOD", "REGEXP",
            "RLIKE", "INTERVAL", "EXISTS", "DISTINCT", "ALL", "USING", "PRIMARY", "KEY", "UNIQUE", "CONSTRAINT",
            "FOREIGN", "REFERENCES", "CHECK", "INDEX", "TO", "WITH", "CREATE", "DROP", "TABLE", "INSERT", "UPDATE",
            "DELETE", "ALTER", "GRANT", "REVOKE", "USE", "SHOW", "KILL", "LOW_PRIORITY", "HIGH_PRIORITY", "IGNORE",
            "STRAIGHT_JOIN");

    public Dialect {
        reservedWords = java.util.Set.copyOf(reservedWords);
    }

    public Dialect(boolean legacyReplicationSyntax, boolean replicaKeyword, boolean binaryLogStatus, boolean persist,
                   ExecutableComments comments, boolean changeReplicationSource, boolean binlogStatus) {
        this(legacyReplicationSyntax, replicaKeyword, binaryLogStatus, persist, comments, changeReplicationSource,
                binlogStatus, GRAMMAR_RESERVED);
    }

    public Dialect(boolean legacyReplicationSyntax, boolean replicaKeyword, boolean binaryLogStatus, boolean persist,
                   ExecutableComments comments, boolean changeReplicationSource) {
        this(legacyReplicationSyntax, replicaKeyword, binaryLogStatus, persist, comments, changeReplicationSource,
                false);
    }

    public Dialect(boolean legacyReplicationSyntax, boolean replicaKeyword, boolean binaryLogStatus, boolean persist) {
        this(legacyReplicationSyntax, replicaKeyword, binaryLogStatus, persist, ExecutableComments.mysql(80036));
    }

    public Dialect(boolean legacyReplicationSyntax, boolean replicaKeyword, boolean binaryLogStatus, boolean persist,
                   ExecutableComments comments) {
        this(legacyReplicationSyntax, replicaKeyword, binaryLogStatus, persist, comments, replicaKeyword);
    }

    /**
     * When {@code /*!NNNNN ... *}{@code /} runs. MySQL reads exactly five digits and runs the text when
     * NNNNN is at most its own version id (sql_lex.cc, lex_one_token). MariaDB reads up to six and
     * ignores 50700 to 99999, which it takes for MySQL 5.7+ only code; its own
     * {@code /*M!NNNNNN} form runs up to its version (MariaDB sql_lex.cc).
     *
     * @param versionId the server's MYSQL_VERSION_ID, e.g. 80036 or 101109
     * @param maxDigits 5 (MySQL) or 6 (MariaDB)
     * @param ignoreFrom first version MariaDB skips in {@code /*!} comments (0: none)
     * @param ignoreTo last version skipped
     * @param mariadbMarker whether {@code /*M!} is executable (else an ordinary comment)
     */
    public record ExecutableComments(long versionId, int maxDigits, long ignoreFrom, long ignoreTo,
                                     boolean mariadbMarker) {

        public static ExecutableComments mysql(long versionId) {
            return new ExecutableComments(versionId, 5, 0, -1, false);
        }

        /** Whether a {@code /*!} (or {@code /*M!} when {@code mariadb}) comment of this version runs. */
        boolean runs(long version, boolean mariadb) {
            if (version > versionId) {
                return false;
            }
            return mariadb || version < ignoreFrom || version > ignoreTo;
        }
    }
}
