package io.semisyncsim.invariant;

import io.semisyncsim.binlog.BinlogPosition;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The highest position each replica acknowledged to each source, as seen from one side. */
final class AckLedger {
    /** RESET MASTER (RESET BINARY LOGS AND GTIDS): positions start over, so old acknowledgements mean nothing. */
    static final Pattern RESET = Pattern.compile("(?is)\\s*RESET\\s+(MASTER|BINARY\\s+LOGS)\\b.*");

    private static final Pattern POSITION = Pattern.compile("\\((.+), (\\d{1,18})\\)");

    private final Map<String, Map<String, BinlogPosition>> bySource = new TreeMap<>();

    /** A position as a trace field holds it: the value, or its text {@code (binlog.000001, 157)}; else null. */
    static BinlogPosition position(Object field) {
        if (field instanceof BinlogPosition p) {
            return p;
        }
        java.util.regex.Matcher m = field == null ? null : POSITION.matcher(field.toString());
        return m != null && m.matches() ? new BinlogPosition(m.group(1), Long.parseLong(m.group(2))) : null;
    }

    void acknowledged(String source, String replica, BinlogPosition pos) {
        bySource.computeIfAbsent(source, s -> new TreeMap<>()).merge(replica, pos,
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    void forget(String source) {
        bySource.remove(source);
    }

    /** How many replicas acknowledged {@code end} or later to {@code source}. */
    int atOrPast(String source, BinlogPosition end) {
        int n = 0;
        for (BinlogPosition p : bySource.getOrDefault(source, Map.of()).values()) {
            if (p.compareTo(end) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** {@code replica1 at (binlog.000001, 1234), replica2 at ...}, or {@code none}. */
    String describe(String source) {
        Map<String, BinlogPosition> acks = bySource.getOrDefault(source, Map.of());
        if (acks.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        acks.forEach((r, p) -> out.append(out.length() == 0 ? "" : ", ").append(r).append(" at ").append(p));
        return out.toString();
    }
}
