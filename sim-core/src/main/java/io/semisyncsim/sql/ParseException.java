package io.semisyncsim.sql;

/**
 * A statement the parser does not take, at an offset of its text. Either a syntax error, which the
 * server reports as MySQL does (error 1064, quoting the statement from that offset), or a statement a
 * real server accepts but the simulator does not model ({@link #unsupported}), which the server
 * reports with its own error so that it never reads like the user's typo.
 */
public final class ParseException extends Exception {
    private final int offset;
    private final String statement;
    private final String clause;

    public ParseException(int offset) {
        this(offset, null, null);
    }

    private ParseException(int offset, String statement, String clause) {
        super(statement == null ? "syntax error at offset " + offset : "not modelled: " + statement
                + (clause == null ? "" : " " + clause), null, false, false);
        this.offset = offset;
        this.statement = statement;
        this.clause = clause;
    }

    /** A statement kind the simulator does not model ({@code LOCK TABLES}). */
    public static ParseException unsupported(int offset, String statement) {
        return new ParseException(offset, statement, null);
    }

    /** A part of a statement the simulator does not model ({@code JOIN} in {@code SELECT}). */
    public static ParseException unsupported(int offset, String statement, String clause) {
        return new ParseException(offset, statement, clause);
    }

    public int offset() {
        return offset;
    }

    /** Whether the server would accept this, and only the simulator does not model it. */
    public boolean isUnsupported() {
        return statement != null;
    }

    /** The statement kind not modelled, upper-cased ({@code LOCK TABLES}); null for a syntax error. */
    public String statement() {
        return statement;
    }

    /** The clause not modelled within a supported statement ({@code JOIN}), or null. */
    public String clause() {
        return clause;
    }
}
