package io.semisyncsim.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --set PATH=v1,v2,...}: a scenario setting and the values a sweep gives it, in order. A value
 * holding a comma is written in double quotes ({@code --set 'steps.2.sql="SET a=1, b=2"'}).
 */
public record Setting(String path, List<String> values) {

    public Setting {
        values = List.copyOf(values);
    }

    /** Reads the option's text; refuses an empty path, a missing {@code =}, an empty or repeated value. */
    public static Setting parse(String option) throws SweepException {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new SweepException("--set " + option + ": write --set PATH=VALUE[,VALUE...], e.g. --set"
                    + " config.source.rpl_semi_sync_source_timeout=100,1000");
        }
        String path = option.substring(0, eq).strip();
        List<String> values = split(option.substring(eq + 1), option);
        if (values.isEmpty()) {
            throw new SweepException("--set " + option + ": no value after '='");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isEmpty()) {
                throw new SweepException("--set " + option + ": value " + (i + 1) + " is empty");
            }
            if (values.subList(0, i).contains(values.get(i))) {
                throw new SweepException("--set " + option + ": value '" + values.get(i) + "' is given twice");
            }
        }
        return new Setting(path, values);
    }

    private static List<String> split(String text, String option) throws SweepException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new SweepException("--set " + option + ": a double quote is not closed");
        }
        if (!text.isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    /** Values as {@code --set} takes them, for messages: comma-separated, one that holds a comma in double quotes. */
    static String join(List<String> values) {
        return String.join(",", values.stream().map(Setting::written).toList());
    }

    /** One value as {@code --set} takes it: in double quotes when it holds a comma. */
    static String written(String value) {
        return value.indexOf(',') >= 0 ? "\"" + value + "\"" : value;
    }
}
