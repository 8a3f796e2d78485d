package io.semisyncsim.server;

import java.util.List;

/** What a statement returned to its client: OK, a result set, or an error; with any warnings. */
public sealed interface StatementResult {

    /** A row of SHOW WARNINGS: Level (Note, Warning, Error), Code, Message. */
    record Warning(String level, int code, String message) {
    }

    List<Warning> warnings();

    record Ok(long affectedRows, List<Warning> warnings) implements StatementResult {
        public Ok {
            warnings = List.copyOf(warnings);
        }
    }

    record Rows(ResultSet resultSet, List<Warning> warnings) implements StatementResult {
        public Rows {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Not an answer yet: the statement commits {@code changes}, and its client gets
     * {@code Ok(affectedRows)} once they are committed (binlog group commit, and any semisync wait).
     */
    record CommitNeeded(List<io.semisyncsim.binlog.Transaction.RowChange> changes, long affectedRows)
            implements StatementResult {
        public CommitNeeded {
            changes = List.copyOf(changes);
        }

        @Override
        public List<Warning> warnings() {
            return List.of();
        }
    }

    record Failed(SqlError error) implements StatementResult {
        @Override
        public List<Warning> warnings() {
            return List.of(new Warning("Error", error.code(), error.getMessage()));
        }
    }
}
