package io.semisyncsim.table;

/**
 * A table operation the server refuses, by MySQL error number (or a flavour message key such as
 * {@code 1292-column}) and the arguments its text takes. The server turns it into the flavour's own
 * text; this package knows no texts, so tables stay below the server and the flavour tables.
 */
public final class TableError extends Exception {
    private final String key;
    private final Object[] args;

    public TableError(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args.clone();
    }

    public TableError(int code, Object... args) {
        this(Integer.toString(code), args);
    }

    /** The flavour's message key: the error number, or a number with a suffix for a second text. */
    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
