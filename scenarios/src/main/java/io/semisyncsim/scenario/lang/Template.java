package io.semisyncsim.scenario.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} in a value or a statement: a value an earlier {@code let} captured. The reader checks
 * that every name is defined by then; a play substitutes the values as text.
 */
public final class Template {
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");
    /** A captured value's name, as a {@code let} key writes it. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private Template() {
    }

    /** A reference that cannot be substituted: its {@code let} failed, so it has no value. */
    public static final class Unbound extends Exception {
        public Unbound(String name) {
            super("${" + name + "} has no value (its let did not capture one)", null, false, false);
        }
    }

    public static boolean has(String text) {
        return text.contains("${");
    }

    /** The names {@code text} refers to, in order (repeats kept). */
    public static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Why {@code text}'s references are malformed ({@code ${} unclosed, a bad name), or null. */
    public static String problem(String text) {
        int i = 0;
        while ((i = text.indexOf("${", i)) >= 0) {
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                return "'${' without its closing '}' in '" + Printable.clip(text) + "'";
            }
            String name = text.substring(i + 2, close);
            if (!NAME.matcher(name).matches()) {
                return "'${" + name + "}' is not a captured value's name (letters, digits and _, not first a digit)";
            }
            i = close + 1;
        }
        return null;
    }

    /** {@code text} with each reference replaced by {@code quote} applied to its value. */
    public static String expand(String text, Map<String, String> values, java.util.function.UnaryOperator<String> quote)
            throws Unbound {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        int end = 0;
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new Unbound(m.group(1));
            }
            out.append(text, end, m.start()).append(quote.apply(v));
            end = m.end();
        }
        return out.append(text.substring(end)).toString();
    }

    public static String expand(String text, Map<String, String> values) throws Unbound {
        return has(text) ? expand(text, values, v -> v) : text;
    }
}
