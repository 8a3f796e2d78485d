package io.semisyncsim.error;

/** An error as MySQL reports it to a client: number, SQLSTATE and text. */
public final class SqlError extends Exception {
    private final int code;
    private final String sqlState;

    public SqlError(int code, String sqlState, String message) {
        super(message, null, false, false);
        this.code = code;
        this.sqlState = sqlState;
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
