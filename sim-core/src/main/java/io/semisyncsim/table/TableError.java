package io.semisyncsim.table;

/**
 * A table operation the server refuses, by MySQL error number (or a flavour message key such as
 * {@code 1292-column}) and the arguments its text takes. The server turns it into the flavour's own
 * text; this package knows no texts, so tables stay below the server and the flavour tables.
 */
public final class TableError extends Exception {
    private final String key;
    private final Object[] args;
    /** A Note the check that failed pushed first (json_valid's, from MariaDB 10.11.19), or null. */
    private TableError note;

    public TableError(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args.clone();
    }

    public TableError(int code, Object... args) {
        this(Integer.toString(code), args);
    }

    /** This error, after {@code first}, a Note SHOW WARNINGS lists before it; where it is thrown, once. */
    public TableError after(TableError first) {
        note = first;
        return this;
    }

    public TableError note() {
        return note;
    }

    /** The flavour's message key: the error number, or a number with a suffix for a second text. */
    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
