package io.semisyncsim.server;

import java.util.Locale;

/**
 * The option-file spellings of {@code --log-bin}, which the model refuses. Every node here has a
 * binary log named as the flavour names it ({@code mysql-bin}, 8.0's {@code binlog}), as the real harness
 * starts every server with {@code log-bin = <that name>}; so {@code @@log_bin} is ON on every node whatever
 * the flavour's own default (MariaDB and 5.7 OFF, 8.0+ ON).
 *
 * <p>How each server reads the spellings (mysqld.cc {@code my_long_options} "log-bin" is a string with an
 * optional argument, OPT_BIN_LOG in {@code mysqld_get_one_option}: {@code opt_bin_log = argument !=
 * disabled_my_option}; the {@code log_bin} system variable is read-only and not an option, and my_getopt
 * takes {@code -} and {@code _} alike), the same in MariaDB 10.11, MySQL 5.7 and 8.0:
 * <ul>
 *   <li>{@code log-bin = NAME} and {@code log_bin = NAME}: the binary log is on and named NAME, whatever NAME
 *       says ({@code log_bin = OFF} makes {@code OFF.000001}, measured on MariaDB 10.11.18);</li>
 *   <li>{@code skip-log-bin}, {@code disable-log-bin} (my_getopt's prefixes, my_getopt.c OPT_SKIP /
 *       OPT_DISABLE): off, with any value but {@code 0}, which negates the negation ({@code --log-bin=1});</li>
 *   <li>{@code enable-log-bin}: on and named {@code 1}, or off with the value {@code 0}.</li>
 * </ul>
 * None of them is taken: a node without a binary log is not modelled yet, nor a binary log of another
 * name, and the name every node has needs no option (a scenario that gave it would name one flavour's log
 * and break on another's, as {@code run --flavor} may play it). The scenario reader refuses each with
 * {@link #notModelled}'s reason.
 */
public final class BinlogOption {
    private BinlogOption() {
    }

    /** Whether the option is one of log-bin's spellings ({@code loose-} and dashes or underscores alike). */
    public static boolean is(OptionFile.Option o) {
        return prefix(o.name()) != null;
    }

    /**
     * Null when the option is not one of log-bin's spellings; else why the model cannot take it, in a sentence
     * that names the option as written. {@code logName} is the name every node's log has here, for the message.
     */
    public static String notModelled(OptionFile.Option o, String logName) {
        String prefix = prefix(o.name());
        if (prefix == null) {
            return null;
        }
        String v = o.value().strip();
        boolean negated = v.equals("0");
        String name = switch (prefix) {
            case "" -> v;
            case "skip_", "disable_" -> negated ? "1" : null;
            default -> negated ? null : "1"; // enable_
        };
        String as = "'" + o.raw() + (o.value().isEmpty() ? "" : " = " + o.value()) + "'";
        String every = "every node has a binary log, " + logName + ", as the real harness starts each with log-bin";
        if (name == null) {
            return as + " turns the binary log off (mysqld.cc OPT_BIN_LOG); semisync-sim does not model a node"
                    + " without a binary log yet: " + every;
        }
        return as + (name.isEmpty() ? " names the binary log after the host or the log-basename"
                : " names the binary log " + name + ".000001" + (!prefix.isEmpty() ? ": my_getopt reads it as --log-bin=1"
                        : SWITCH_WORDS.contains(name.toUpperCase(Locale.ROOT))
                        ? ": log-bin is the log's name, not a switch, and skip-log-bin is what turns it off" : ""))
                + " (mysqld.cc OPT_BIN_LOG); " + every
                + ", and needs no option for it (leave it out; another name is not modelled yet)";
    }

    /** Values that read as a switch elsewhere, and here are a name. */
    private static final java.util.List<String> SWITCH_WORDS = java.util.List.of("ON", "OFF", "0", "1", "TRUE", "FALSE",
            "YES", "NO");

    /** The my_getopt prefix before log_bin ("" for none), or null when the name is not log-bin's. */
    private static String prefix(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String p : new String[] {"", "skip_", "disable_", "enable_"}) {
            if (n.equals(p + "log_bin")) {
                return p;
            }
        }
        return null;
    }
}
