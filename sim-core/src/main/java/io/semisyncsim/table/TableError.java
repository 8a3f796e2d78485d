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
    private final TableError note;

    public TableError(String key, Object... args) {
        this(null, key, args);
    }

    private TableError(TableError note, String key, Object[] args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args.clone();
        this.note = note;
    }

    /** The same error, after {@code first}, a Note SHOW WARNINGS lists before it. */
    public TableError after(TableError first) {
        return new TableError(first, key, args);
    }

    public TableError note() {
        return note;
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
