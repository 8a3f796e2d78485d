package io.semisyncsim.server;

import io.semisyncsim.flavor.ErrorLogStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A node's error log: entries stamped with virtual time, rendered in the flavour's line format. The
 * virtual clock starts at {@link #EPOCH_SECONDS} (2026-01-01T00:00:00Z) so timestamps look like MySQL's.
 */
public final class ErrorLog {
    public static final long EPOCH_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z

    /** Severity as MySQL 8.0 prints it; 5.7 and MariaDB print System as Note. */
    public enum Level { SYSTEM, ERROR, WARNING, NOTE }

    /**
     * One line. {@code code} is the 8.0 MY- number (0 when the flavour prints none), {@code subsystem}
     * is 8.0's tag (Server, Repl).
     */
    public record Entry(long time, long thread, Level level, int code, String subsystem, String text) {
    }

    private final ErrorLogStyle style;
    private final LongSupplier clock;
    private final List<Entry> entries = new ArrayList<>();
    private java.util.function.Consumer<String> listener = line -> { };

    public ErrorLog(ErrorLogStyle style, LongSupplier clock) {
        this.style = style;
        this.clock = clock;
    }

    public Entry write(Level level, int code, String subsystem, String text) {
        return write(0, level, code, subsystem, text);
    }

    public Entry write(long thread, Level level, int code, String subsystem, String text) {
        Entry e = new Entry(clock.getAsLong(), thread, level, code, subsystem, text);
        entries.add(e);
        listener.accept(render(e));
        return e;
    }

    /** Told every new line as rendered, e.g. to put it into the trace. */
    public void onLine(java.util.function.Consumer<String> listener) {
        this.listener = listener;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Every line, rendered. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(render(e));
        }
        return out;
    }

    public String render(Entry e) {
        return switch (style) {
            case MYSQL8 -> VirtualTimestamps.iso(e.time()) + " " + e.thread() + " [" + label(e.level(), true) + "] [MY-"
                    + String.format("%06d", e.code()) + "] [" + e.subsystem() + "] " + e.text();
            case MYSQL57 -> VirtualTimestamps.iso(e.time()) + " " + e.thread() + " [" + label(e.level(), false) + "] "
                    + e.text();
            case MARIADB -> VirtualTimestamps.mariadb(e.time()) + " " + e.thread() + " [" + label(e.level(), false)
                    + "] " + e.text();
        };
    }

    private static String label(Level level, boolean hasSystem) {
        return switch (level) {
            case SYSTEM -> hasSystem ? "System" : "Note";
            case ERROR -> "ERROR";
            case WARNING -> "Warning";
            case NOTE -> "Note";
        };
    }
}
