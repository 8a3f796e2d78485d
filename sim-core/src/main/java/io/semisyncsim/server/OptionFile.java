package io.semisyncsim.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's {@code [mysqld]} option-file settings, in file order. Names may use dashes or underscores
 * and the {@code loose-} prefix, which turns "unknown variable" from a start-up abort into a warning.
 */
public record OptionFile(List<Option> options) {

    public record Option(String raw, String value) {
        public boolean loose() {
            return raw.toLowerCase(Locale.ROOT).startsWith("loose-") || raw.toLowerCase(Locale.ROOT).startsWith("loose_");
        }

        /** The variable name: no loose- prefix, underscores, lower case. */
        public String name() {
            String n = loose() ? raw.substring(6) : raw;
            return n.replace('-', '_').toLowerCase(Locale.ROOT);
        }

        /** As mysqld quotes it in "unknown variable 'loose-x=1'". */
        public String asWritten() {
            return raw + "=" + value;
        }
    }

    public OptionFile {
        options = List.copyOf(options);
    }

    public static OptionFile of(Map<String, String> settings) {
        List<Option> out = new ArrayList<>();
        settings.forEach((k, v) -> out.add(new Option(k, v)));
        return new OptionFile(out);
    }

    public static OptionFile empty() {
        return new OptionFile(List.of());
    }
}
