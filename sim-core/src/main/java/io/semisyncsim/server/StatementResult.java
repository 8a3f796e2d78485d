package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.error.SqlError;
import java.util.List;

/** What a statement returned to its client: OK, a result set, or an error; with any warnings. */
public sealed interface StatementResult {

    /** A row of SHOW WARNINGS: Level (Note, Warning, Error), Code, Message. */
    record Warning(String level, int code, String message) {
    }

    /** The conditions the statement raised (what the client counts after its answer). */
    List<Warning> warnings();

    /**
     * OK with the rows affected; {@code info} is the server's info string the client prints on the
     * next line ({@code Records: 2  Duplicates: 0  Warnings: 0}), or null.
     */
    record Ok(long affectedRows, List<Warning> warnings, String info) implements StatementResult {
        public Ok {
            warnings = List.copyOf(warnings);
        }

        public Ok(long affectedRows, List<Warning> warnings) {
            this(affectedRows, warnings, null);
        }
    }

    /** A result set; {@code vertical}: the statement ended with {@code \G}, so the client prints it row by row. */
    record Rows(ResultSet resultSet, List<Warning> warnings, boolean vertical) implements StatementResult {
        public Rows {
            warnings = List.copyOf(warnings);
        }

        public Rows(ResultSet resultSet, List<Warning> warnings) {
            this(resultSet, warnings, false);
        }

        public Rows withVertical(boolean v) {
            return new Rows(resultSet, warnings, v);
        }
    }

    /**
     * Not an answer yet: the statement commits {@code changes} (or, for DDL and account statements, the
     * {@code query} written as one Query event), and its client gets {@link #answer()} once they are
     * committed (binlog group commit, and any semisync wait). {@code thenRerun}: this commit is the
     * implicit commit of an open transaction that a DDL makes before it runs; the statement itself is
     * to be executed again once it is done. {@code failure}: the client gets this error although the
     * commit happens (5.7's and MariaDB's DROP TABLE drops the tables that exist, then reports the
     * missing ones). {@code gtid}: the GTID the session's gtid_next gives it (MySQL), else null.
     */
    record CommitNeeded(List<Transaction.RowChange> changes, long affectedRows, Transaction.Query query,
                        List<Warning> warnings, String info, boolean thenRerun, SqlError failure,
                        io.semisyncsim.gtid.Gtid gtid)
            implements StatementResult {
        public CommitNeeded {
            changes = List.copyOf(changes);
            warnings = List.copyOf(warnings);
        }

        public CommitNeeded(List<Transaction.RowChange> changes, long affectedRows, Transaction.Query query,
                            List<Warning> warnings, String info, boolean thenRerun, SqlError failure) {
            this(changes, affectedRows, query, warnings, info, thenRerun, failure, null);
        }

        public CommitNeeded(List<Transaction.RowChange> changes, long affectedRows, Transaction.Query query,
                            List<Warning> warnings, String info, boolean thenRerun) {
            this(changes, affectedRows, query, warnings, info, thenRerun, null);
        }

        public CommitNeeded(List<Transaction.RowChange> changes, long affectedRows) {
            this(changes, affectedRows, null, List.of(), null, false, null);
        }

        @Override
        public List<Warning> warnings() {
            if (failure == null) {
                return warnings;
            }
            List<Warning> all = new java.util.ArrayList<>(warnings);
            all.add(new Warning("Error", failure.code(), failure.getMessage()));
            return all;
        }

        /**
         * The transaction this commit writes, numbered and stamped by the committing node, written as its
         * session's variables say ({@code logging}; null: as the global ones say).
         */
        public Transaction transaction(long id, long timestamp, long serverId, Transaction.Logging logging) {
            return new Transaction(id, gtid, timestamp, changes, query, serverId, logging);
        }

        public Transaction transaction(long id, long timestamp, long serverId) {
            return transaction(id, timestamp, serverId, null);
        }

        /** The same, its committing server not named (tests of one server). */
        public Transaction transaction(long id, long timestamp) {
            return transaction(id, timestamp, 0);
        }

        /** The same commit with the GTID the session's gtid_next assigned. */
        public CommitNeeded withGtid(io.semisyncsim.gtid.Gtid g) {
            return new CommitNeeded(changes, affectedRows, query, warnings, info, thenRerun, failure, g);
        }

        /** What the client gets once the commit is done. */
        public StatementResult answer() {
            return failure != null ? new Failed(failure) : new Ok(affectedRows, warnings, info);
        }
    }

    /**
     * A wait function of the statement must wait (MASTER_POS_WAIT, MASTER_GTID_WAIT): the statement is set
     * aside until ReplicationWaits has the function's value, then runs again.
     */
    record Blocked(ReplicationWaits.Target target) implements StatementResult {
        @Override
        public List<Warning> warnings() {
            return List.of();
        }

        /** How long the function waits at most, in µs; negative: for ever. */
        public long timeoutMicros() {
            return target.timeoutMicros();
        }
    }

    record Failed(SqlError error) implements StatementResult {
        @Override
        public List<Warning> warnings() {
            List<Warning> all = new java.util.ArrayList<>();
            if (error.note() != null) {
                all.add(new Warning("Note", error.note().code(), error.note().getMessage()));
            }
            all.addAll(java.util.Collections.nCopies(error.listed(),
                    new Warning("Error", error.code(), error.getMessage())));
            return all;
        }
    }
}
