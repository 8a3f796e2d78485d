package io.semisyncsim.server;

import io.semisyncsim.flavor.ErrorLogStyle;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.LogMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * A node's error log: the messages of the flavour's table, written by the thread that runs when they
 * are logged (MySQL's {@code current_thd}, 0 when there is none), filtered by the flavour's verbosity
 * variable, stamped with virtual time and rendered in the flavour's line format. The virtual clock
 * starts at {@link #EPOCH_SECONDS} (2026-01-01T00:00:00Z) so timestamps look like a real server's.
 */
public final class ErrorLog {
    public static final long EPOCH_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z

    /** Severity as MySQL 8.0 prints it; 5.7 and MariaDB print System as Note. */
    public enum Level { SYSTEM, ERROR, WARNING, NOTE }

    /**
     * One line. {@code code} is the 8.0 MY- number (0 when the flavour prints none), {@code subsystem}
     * is 8.0's tag (Server, Repl), {@code thread} the id of the thread that wrote it.
     */
    public record Entry(long time, long thread, Level level, int code, String subsystem, String text) {
    }

    private final Flavor flavor;
    private final ErrorLogStyle style;
    private final LongSupplier clock;
    private final List<Entry> entries = new ArrayList<>();
    private java.util.function.Consumer<String> listener = line -> { };
    private LongSupplier currentThread = () -> 0;
    /** The verbosity variable's value now; the flavour's default when the server is not running. */
    private ToIntFunction<String> verbosity = name -> -1;

    public ErrorLog(Flavor flavor, LongSupplier clock) {
        this.flavor = flavor;
        this.style = flavor.errorLogStyle();
        this.clock = clock;
    }

    /** Where the id of the thread running now comes from (the server's current thread). */
    public void setCurrentThread(LongSupplier currentThread) {
        this.currentThread = currentThread;
    }

    /** Where the verbosity variable's value comes from; -1 means "not set", so everything is written. */
    public void setVerbosity(ToIntFunction<String> verbosity) {
        this.verbosity = verbosity;
    }

    /**
     * Writes message {@code id} of the flavour's table with {@code namedArgs} (name, value, ...), as the
     * thread running now, if the flavour writes it at the current verbosity. Returns the entry, or null.
     */
    public Entry log(String id, Object... namedArgs) {
        LogMessage m = flavor.logMessage(id);
        if (m == null || !shown(m)) {
            return null;
        }
        return append(new Entry(clock.getAsLong(), currentThread.getAsLong(),
                Level.valueOf(m.level().toUpperCase(Locale.ROOT)), m.code(), m.subsystem(), m.format(namedArgs)));
    }

    private boolean shown(LogMessage m) {
        int v = verbosity.applyAsInt(flavor.logVerbosityVariable());
        return v < 0 || v >= flavor.logShownAt(m.level().toUpperCase(Locale.ROOT)) && v >= m.minVerbosity();
    }

    private Entry append(Entry e) {
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

    /**
     * Every line, rendered, as the file holds them: an entry whose text has a newline (5.7's and
     * MariaDB's "ready for connections.\nVersion: ...", 5.7's "Shutdown complete\n") is several lines.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            String text = render(e);
            if (text.indexOf('\n') < 0) {
                out.add(text);
            } else {
                out.addAll(List.of(text.split("\n", -1)));
            }
        }
        return out;
    }

    public String render(Entry e) {
        return switch (style) {
            case MYSQL8 -> VirtualTimestamps.iso(e.time()) + " " + e.thread() + " [" + label(e.level(), true) + "] [MY-"
                    + VirtualTimestamps.digits(new StringBuilder(6), e.code(), 6, '0') + "] [" + e.subsystem() + "] " + e.text();
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
