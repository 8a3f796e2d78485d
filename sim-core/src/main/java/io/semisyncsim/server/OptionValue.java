package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.sysvar.Input;
import io.semisyncsim.sysvar.SysVarDef;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * How mysqld reads a value of its option file: my_getopt's {@code setval}, not SET's rules (MySQL
 * mysys/my_getopt.cc, 5.7 mysys_ssl/my_getopt.cc, MariaDB mysys/my_getopt.c). A boolean it does not
 * recognise is OFF, with a warning, and the server starts; a number with a suffix it does not know, a word
 * no enumeration has, or (MariaDB) a negative number stops the start. All of it is printed on mysqld's
 * standard error before the error log is open (measured on MariaDB 10.11.19), so the lines are returned
 * to whoever reads the option file, never written to a node's error log. The texts and rules are the
 * flavour's ({@code option-file} in flavors.conf).
 */
public final class OptionValue {
    private OptionValue() {
    }

    /** What mysqld made of one value. */
    public sealed interface Reading {
    }

    /** Taken: the value as SET would take it, and the warning mysqld printed, if any. */
    public record Taken(Input input, String warning) implements Reading {
    }

    /** mysqld stops starting: its [ERROR] lines, in order. */
    public record Refused(List<String> errors) implements Reading {
        public String first() {
            return errors.get(0);
        }
    }

    private static final BigInteger ULONGLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public static Reading read(Flavor flavor, SysVarDef def, String value) {
        Rules rules = new Rules(flavor);
        return switch (def.type()) {
            case BOOL -> bool(rules, def, value);
            case ENUM -> enumeration(rules, def, value);
            case ULONG -> number(rules, def, value);
            case STRING -> new Taken(new Input.Text(value), null);
        };
    }

    /** get_bool_argument: true, on, 1 / false, off, 0 in any case; anything else is OFF (EE_INCORRECT_BOOLEAN_VALUE_FOR_OPTION). */
    private static Reading bool(Rules rules, SysVarDef def, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> new Taken(new Input.Whole(BigInteger.ONE), null);
            case "false", "off", "0" -> new Taken(new Input.Whole(BigInteger.ZERO), null);
            default -> new Taken(new Input.Whole(BigInteger.ZERO), rules.text("bool-not-recognized", def, value));
        };
    }

    /** setval GET_ENUM: a name in any case, or its index (find_type, then strtoul). */
    private static Reading enumeration(Rules rules, SysVarDef def, String value) {
        if (value.isEmpty() && !rules.emptyIsZero()) {
            return rules.empty(def);
        }
        for (String allowed : def.values()) {
            if (allowed.equalsIgnoreCase(value)) {
                return new Taken(new Input.Text(allowed), null);
            }
        }
        // strtoul of "" is 0 with nothing left over: MariaDB, which lets an empty value through, takes the first.
        if (value.isEmpty() || value.matches("\\d+") && new BigInteger(value).compareTo(
                BigInteger.valueOf(def.values().size())) < 0) {
            return new Taken(new Input.Whole(value.isEmpty() ? BigInteger.ZERO : new BigInteger(value)), null);
        }
        return new Refused(List.of(rules.text("failed-to-set", def, value)));
    }

    /**
     * getopt_ull and eval_num_suffix: digits, then at most one of the flavour's suffixes (powers of 1024);
     * a negative number is the minimum with a warning (MySQL) or refused (MariaDB); past 64 bits, refused.
     * The range itself is SET's (min, max, block size), as getopt_ull_limit_value applies it.
     */
    private static Reading number(Rules rules, SysVarDef def, String value) {
        String v = value.stripLeading();
        if (v.isEmpty()) {
            return rules.emptyIsZero() ? new Taken(new Input.Whole(BigInteger.ZERO), null) : rules.empty(def);
        }
        if (v.startsWith("-")) {
            if (rules.refusesNegative()) {
                return new Refused(List.of(rules.text("negative-refused", def, value),
                        rules.text("failed-to-set", def, value)));
            }
            String min = def.min() == null ? "0" : def.min();
            return new Taken(new Input.Whole(new BigInteger(min)),
                    rules.text("negative-adjusted", def, value).replace("{adjusted}", min));
        }
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        BigInteger number = digits == 0 ? BigInteger.ZERO : new BigInteger(v.substring(0, digits));
        if (digits < v.length()) {
            // strtoull stops at the first character that is no digit; only that one is read ("1MB" is 1M).
            char suffix = v.charAt(digits);
            int power = rules.suffixes().indexOf(Character.toUpperCase(suffix));
            if (power < 0) {
                return new Refused(List.of(rules.text("unknown-suffix", def, value).replace("{suffix}", String.valueOf(suffix)),
                        rules.text("failed-to-set", def, value)));
            }
            number = number.shiftLeft(10 * (power + 1));
        }
        if (number.compareTo(ULONGLONG_MAX) > 0) {
            return new Refused(List.of(rules.text("out-of-range", def, value), rules.text("failed-to-set", def, value)));
        }
        return new Taken(new Input.Whole(number), null);
    }

    /** The flavour's option-file table. */
    private record Rules(com.typesafe.config.Config c) {
        Rules(Flavor flavor) {
            this(flavor.optionFile());
        }

        String suffixes() {
            return c.getString("suffixes");
        }

        boolean refusesNegative() {
            return c.getString("negative-unsigned").equals("refuse");
        }

        boolean emptyIsZero() {
            return c.getString("empty-value").equals("zero");
        }

        /** MySQL's setval refuses an empty number or enumeration before reading it (EE_OPTION_WITH_EMPTY_VALUE), with no second line. */
        Refused empty(SysVarDef def) {
            return new Refused(List.of(text("empty-value-refused", def, "")));
        }

        String text(String key, SysVarDef def, String value) {
            return c.getString(key).replace("{option}", def.name()).replace("{value}", value);
        }
    }
}
