package io.semisyncsim.flavor;

import java.util.Map;

/**
 * One error-log message of a flavour: its level ({@code SYSTEM}, {@code ERROR}, {@code WARNING},
 * {@code NOTE}), MY- code and subsystem (MySQL 8.0+ print them), and text with {@code {named}}
 * arguments; {@code minVerbosity} is the least value of the flavour's verbosity variable at which
 * this message is written beyond what its level needs (MariaDB's log_warnings thresholds).
 */
public record LogMessage(String id, String level, int code, String subsystem, String text, int minVerbosity) {

    /** The text with {@code {name}} replaced by each argument (name, value, name, value, ...). */
    public String format(Object... namedArgs) {
        String out = text;
        for (int i = 0; i + 1 < namedArgs.length; i += 2) {
            out = out.replace("{" + namedArgs[i] + "}", String.valueOf(namedArgs[i + 1]));
        }
        if (out.indexOf('{') >= 0 && UNFILLED.matcher(out).find()) {
            throw new IllegalArgumentException("log message " + id + " left an argument unfilled: " + out);
        }
        return out;
    }

    private static final java.util.regex.Pattern UNFILLED = java.util.regex.Pattern.compile("\\{[a-z_]+}");

    static LogMessage from(String id, com.typesafe.config.Config c) {
        return new LogMessage(id, c.getString("level"), c.hasPath("code") ? c.getInt("code") : 0,
                c.hasPath("subsystem") ? c.getString("subsystem") : "Server", c.getString("text"),
                c.hasPath("min-log-warnings") ? c.getInt("min-log-warnings") : 0);
    }

    /** The messages of a flavour's error-log table that it writes (null entries are those it never writes). */
    static Map<String, LogMessage> all(com.typesafe.config.Config messages) {
        Map<String, LogMessage> out = new java.util.TreeMap<>();
        for (String id : messages.root().keySet()) {
            if (messages.getIsNull(id)) {
                continue;
            }
            out.put(id, from(id, messages.getConfig(id)));
        }
        return out;
    }
}
