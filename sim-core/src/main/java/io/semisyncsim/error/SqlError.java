package io.semisyncsim.error;

/** An error as MySQL reports it to a client: number, SQLSTATE and text. */
public final class SqlError extends Exception {
    private final int code;
    private final String sqlState;
    /** How many times SHOW WARNINGS lists it: once, but twice for a row lock wait's timeout on MariaDB. */
    private final int listed;
    /** A Note the statement raised before it (json_valid's, ahead of a JSON column's 4025), or null. */
    private final SqlError note;

    public SqlError(int code, String sqlState, String message) {
        this(code, sqlState, message, 1, null);
    }

    private SqlError(int code, String sqlState, String message, int listed, SqlError note) {
        super(message, null, false, false);
        this.code = code;
        this.sqlState = sqlState;
        this.listed = listed;
        this.note = note;
    }

    /** The same error, listed {@code times} times in the statement's diagnostics. */
    public SqlError listedTimes(int times) {
        return new SqlError(code, sqlState, getMessage(), times, note);
    }

    /** The same error, after {@code first}, a Note SHOW WARNINGS lists before it. */
    public SqlError afterNote(SqlError first) {
        return new SqlError(code, sqlState, getMessage(), listed, first);
    }

    public int listed() {
        return listed;
    }

    public SqlError note() {
        return note;
    }

    public int code() {
        return code;
    }

    public String sqlState() {
        return sqlState;
    }

    /** As the mysql client prints it: {@code ERROR 1193 (HY000): Unknown system variable 'x'}. */
    @Override
    public String toString() {
        return "ERROR " + code + " (" + sqlState + "): " + getMessage();
    }
}
