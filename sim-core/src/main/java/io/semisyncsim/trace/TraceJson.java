package io.semisyncsim.trace;

/**
 * The canonical rendering of an event: one JSON object per line, keys in a fixed order. This text is
 * the determinism contract (trace.jsonl), so it is written by hand, not by a reflective mapper.
 *
 * <p>Schema version 2: {@code {"t":µs,"node":s,"actor":s,"kind":s,"data":{name:value,...}}}.
 */
public final class TraceJson {
    public static final int SCHEMA_VERSION = 2;

    private TraceJson() {
    }

    public static String render(TraceEvent e) {
        StringBuilder out = new StringBuilder(96);
        render(e, out);
        return out.toString();
    }

    public static void render(TraceEvent e, StringBuilder out) {
        out.append("{\"t\":").append(e.time());
        out.append(",\"node\":");
        string(e.node(), out);
        out.append(",\"actor\":");
        string(e.actor(), out);
        out.append(",\"kind\":");
        string(e.kind(), out);
        out.append(",\"data\":{");
        for (int i = 0; i < e.fieldCount(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(e.fieldName(i), out);
            out.append(':');
            value(e.fieldValue(i), out);
        }
        out.append("}}");
    }

    private static void value(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Boolean) {
            out.append(v);
        } else {
            string(v.toString(), out);
        }
    }

    public static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
