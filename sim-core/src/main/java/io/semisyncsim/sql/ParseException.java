package io.semisyncsim.sql;

/** A syntax error at an offset of the statement; the server turns it into error 1064. */
public final class ParseException extends Exception {
    private final int offset;

    public ParseException(int offset) {
        super("syntax error at offset " + offset, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
