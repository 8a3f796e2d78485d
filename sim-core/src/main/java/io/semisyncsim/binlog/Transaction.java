package io.semisyncsim.binlog;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A committed transaction as the binlog carries it: its number on the source ({@code id}, in commit
 * order), its GTID (null: anonymous), when it began on the source (virtual µs, the events' timestamp, which
 * Seconds_Behind_Master is measured from), and its row changes; or, for DDL and account statements,
 * the {@link Query} the binlog writes as one Query event (its own transaction, as MySQL writes DDL).
 * In statement format each row change is written as a statement (see {@link RowChange#statement}).
 * {@code serverId} is the server_id of the server that committed it (0: not known), which every event
 * header carries and replicas keep when they log it (log_event.cc Log_event::write_header).
 * {@code logging} is how its session's variables have it written ({@link Logging}); null: as the server's
 * global variables say.
 */
public record Transaction(long id, io.semisyncsim.gtid.Gtid gtid, long timestamp, List<RowChange> changes, Query query,
                          long serverId, Logging logging) {

    /** The default database the model's statements run in (the real harness's JDBC default too). */
    public static final String DATABASE = "test";

    public Transaction {
        changes = List.copyOf(changes);
    }

    /**
     * What the committing session's own variables say about writing it, where both servers give each
     * connection a value of its own (SET SESSION): {@code statements}, binlog_format STATEMENT or MIXED
     * (else ROW); {@code annotate}, MariaDB's binlog_annotate_row_events; {@code domainId}, MariaDB's
     * gtid_domain_id. A session cannot change binlog_format or gtid_domain_id inside a transaction, so
     * the values at commit are the statements' own.
     */
    public record Logging(boolean statements, boolean annotate, long domainId) {
    }

    /** A transaction written as the server's global variables say. */
    public Transaction(long id, io.semisyncsim.gtid.Gtid gtid, long timestamp, List<RowChange> changes, Query query,
                       long serverId) {
        this(id, gtid, timestamp, changes, query, serverId, null);
    }

    /** A transaction of row changes. */
    public Transaction(long id, io.semisyncsim.gtid.Gtid gtid, long timestamp, List<RowChange> changes) {
        this(id, gtid, timestamp, changes, null, 0);
    }

    public Transaction(long id, io.semisyncsim.gtid.Gtid gtid, long timestamp, List<RowChange> changes, Query query) {
        this(id, gtid, timestamp, changes, query, 0);
    }

    /**
     * Where the statement whose first change is {@code start} ends: the index of the next statement's first
     * change ({@link RowChange#logsStatement}), or the number of changes.
     */
    public int statementEnd(int start) {
        int end = start + 1;
        while (end < changes.size() && !changes.get(end).logsStatement()) {
            end++;
        }
        return end;
    }

    /**
     * Where the run of changes of one kind that starts at {@code i} ends, within its statement: row format
     * writes a statement's changes as one rows event per such run (a REPLACE's Delete_rows then Write_rows,
     * an ON DUPLICATE KEY UPDATE's Write_rows then Update_rows; measured on MariaDB 10.11.18).
     */
    public int runEnd(int i) {
        int end = statementEnd(i);
        int j = i + 1;
        while (j < end && changes.get(j).kind() == changes.get(i).kind()) {
            j++;
        }
        return j;
    }

    /** The same transaction with other changes (a replica that went past some of them). */
    public Transaction withChanges(List<RowChange> changes) {
        return new Transaction(id, gtid, timestamp, changes, query, serverId, logging);
    }

    /** The same transaction with a GTID (given when it enters group commit, or by its source). */
    public Transaction withGtid(io.semisyncsim.gtid.Gtid gtid) {
        return new Transaction(id, gtid, timestamp, changes, query, serverId, logging);
    }

    /**
     * A statement written as a Query event: the default database it ran in (or null), its text as the
     * client sent it, and what applying it does to a node's data (the SQL thread applies it there).
     * {@code clockBytes}: its clock status variables, as {@link StatementLog#clockBytes}.
     */
    public record Query(String db, String sql, QueryEffect effect, Invoker invoker, int clockBytes) {
        public Query(String db, String sql, QueryEffect effect) {
            this(db, sql, effect, null, 0);
        }

        public Query(String db, String sql, QueryEffect effect, Invoker invoker) {
            this(db, sql, effect, invoker, 0);
        }
    }

    /**
     * What statement format writes with a statement besides its text (log_event.cc Query_log_event::write,
     * and the events before it). {@code insertId}: the first AUTO_INCREMENT value it generated, an Intvar
     * INSERT_ID event before it (0: none). {@code rows}: binlog_format MIXED writes it in row format, as a
     * statement unsafe to replay (THD::decide_logging_format). {@code clockBytes}: the status variables of a
     * statement that reads the clock, Q_TIME_ZONE_CODE when it converts with the session's time zone and
     * the sub-second Q_HRNOW (MySQL: Q_MICROSECONDS) when it reads the statement's start to the microsecond.
     * {@code lastInsertId}: the LAST_INSERT_ID() it reads, an Intvar LAST_INSERT_ID event first (null: none);
     * {@code rand}: the seeds of the session's RAND() it calls, a Rand event after the Intvars (null: none);
     * {@code userVars}: the user variables it reads, a User var event each, in the order it names them.
     * {@code database}: the session's current database, which the Query event carries (`use db`) and a replica
     * runs it in, when it is not {@link #DATABASE} (null); "" when none was selected.
     */
    public record StatementLog(long insertId, boolean rows, int clockBytes, Long lastInsertId, RandSeeds rand,
                               List<UserVar> userVars, String database) {
        public static final StatementLog NONE = new StatementLog(0, false, 0, null, null, List.of());

        public StatementLog {
            userVars = List.copyOf(userVars);
        }

        public StatementLog(long insertId, boolean rows, int clockBytes, Long lastInsertId, RandSeeds rand,
                            List<UserVar> userVars) {
            this(insertId, rows, clockBytes, lastInsertId, rand, userVars, null);
        }

        /**
         * Whether the statement read something of its session that the events before it carry to a replica (the
         * clock, RAND()'s seeds, a user variable, LAST_INSERT_ID(), an INSERT_ID).
         */
        public boolean readsTheSession() {
            return clockBytes != 0 || rand != null || !userVars.isEmpty() || lastInsertId != null || insertId != 0;
        }

        /** How {@code database} records a session's current database ({@code db}; null: none). */
        public static String databaseOf(String db) {
            return db == null ? "" : db.equals(DATABASE) ? null : db;
        }
    }

    /**
     * The seeds of the session's RAND() generator before a statement that calls RAND(): a Rand event before
     * it sets them on the replica, which then draws the same numbers (log_event.h Rand_log_event).
     */
    public record RandSeeds(long seed1, long seed2) {
    }

    /**
     * A user variable a statement written as a statement reads, with its value then: a User var event before
     * it sets it on the replica (log_event.h User_var_log_event). {@code value}: Long, String, BigDecimal,
     * Double or null.
     */
    public record UserVar(String name, Object value) {
    }

    /**
     * The account a GRANT or REVOKE ran as, which its Query event names in a status variable
     * (log_event.cc Q_INVOKER: the user's and the host's length and bytes).
     */
    public record Invoker(String user, String host) {
    }

    /**
     * One row change. The {@code commit:}/{@code workload:} path writes a key of the implicit table in
     * the default database, with a value that is the generated {@code 'row-KEY'} (or null for it), so
     * that tables of millions of rows stay keys only. Statements in SQL carry the whole row images
     * instead: {@code before} (UPDATE, DELETE) and {@code after} (INSERT, UPDATE), column by column.
     *
     * @param db the database, or null for the default one
     * @param log on the first change of an SQL statement, what the binlog writes with it in statement format
     *     ({@link StatementLog}); null when nothing
     */
    public record RowChange(EventType kind, String db, String table, long key, String value, List<Object> before,
                            List<Object> after, String sql, StatementLog log) {

        public RowChange(EventType kind, String db, String table, long key, String value, List<Object> before,
                         List<Object> after) {
            this(kind, db, table, key, value, before, after, null, null);
        }

        public RowChange(EventType kind, String table, long key, String value) {
            this(kind, null, table, key, value, null, null, null, null);
        }

        /** The first AUTO_INCREMENT value the statement generated (its Intvar INSERT_ID), or 0. */
        public long insertId() {
            return log == null ? 0 : log.insertId();
        }

        /** The database its statement ran in, which its Query event names; null when none was selected. */
        public String statementDatabase() {
            String db = log == null ? null : log.database();
            return db == null ? DATABASE : db.isEmpty() ? null : db;
        }

        /** Whether the statement is written in row format although its session writes statements (MIXED). */
        public boolean rows() {
            return log != null && log.rows();
        }

        /** The bytes of clock status variables its Query event carries ({@link StatementLog#clockBytes}). */
        public int clockBytes() {
            return log == null ? 0 : log.clockBytes();
        }

        /**
         * A statement that changed no row, which statement format writes all the same: {@code kind} QUERY when
         * it matched none (the engine only read), else the statement's own kind (an UPDATE that matched rows and
         * left them as they were, an INSERT IGNORE of duplicates: the engine took part, so the transaction ends
         * with an Xid). Row format writes nothing for it, and applying it changes nothing.
         */
        public static RowChange noRow(EventType kind, String db, String table, String sql) {
            return new RowChange(kind, db, table, 0, null, null, null, sql, null);
        }

        /** Whether this is a row change, not a statement that changed none ({@link #noRow}). */
        public boolean changesRow() {
            return sql == null || before != null || after != null;
        }

        /** This change as the first of the statement {@code sql} made: statement format logs that text once. */
        public RowChange withSql(String sql) {
            return new RowChange(kind, db, table, key, value, before, after, sql, log);
        }

        /** This change as the first of a statement the binlog writes with {@code statementLog}. */
        public RowChange withLog(StatementLog statementLog) {
            return new RowChange(kind, db, table, key, value, before, after, sql, statementLog);
        }

        /**
         * Whether statement format writes a Query event for this change: a generated row (commit and
         * workload steps) always, a change made in SQL once per statement, at its first row.
         */
        public boolean logsStatement() {
            return sql != null || before == null && after == null;
        }

        /** A change of a table written in SQL: whole row images. */
        public static RowChange images(EventType kind, String db, String table, Object[] before, Object[] after) {
            return new RowChange(kind, db, table, 0, null, image(before), image(after));
        }

        private static List<Object> image(Object[] row) {
            return row == null ? null : Collections.unmodifiableList(Arrays.asList(row.clone()));
        }

        /** The row a commit or workload step inserts: its value is {@code row-KEY}, as the real harness's. */
        public static RowChange generatedInsert(String table, long key) {
            return new RowChange(EventType.WRITE_ROWS, table, key, null);
        }

        /**
         * The statement that made this change, as a client sends it (statement-format binlogs log the
         * text): for commit and workload steps the same text the real-server harness sends; for a change
         * made in SQL the client's statement (written back from the row images if it is not known).
         */
        public String statement() {
            if (sql != null) {
                return sql; // the client's own text, as the server logs it
            }
            String where = (db == null ? DATABASE : db) + ".`" + table + "`";
            if (before == null && after == null) {
                String v = value == null ? "row-" + key : value;
                return switch (kind) {
                    case WRITE_ROWS -> "INSERT INTO " + where + " VALUES (" + key + ", '" + v + "')";
                    case UPDATE_ROWS -> "UPDATE " + where + " SET v = '" + v + "' WHERE id = " + key;
                    default -> "DELETE FROM " + where + " WHERE id = " + key;
                };
            }
            return switch (kind) {
                case WRITE_ROWS -> "INSERT INTO " + where + " VALUES (" + literals(after) + ")";
                case UPDATE_ROWS -> "UPDATE " + where + " SET (" + literals(after) + ") WHERE (" + literals(before) + ")";
                default -> "DELETE FROM " + where + " WHERE (" + literals(before) + ")";
            };
        }

        private static String literals(List<Object> row) {
            StringBuilder out = new StringBuilder();
            for (Object v : row) {
                out.append(out.length() == 0 ? "" : ", ")
                        .append(v == null ? "NULL" : v instanceof Number ? v.toString() : "'" + v + "'");
            }
            return out.toString();
        }
    }
}
