package io.semisyncsim.trace;

/**
 * The canonical rendering of an event: one JSON object per line, keys in a fixed order. This text is
 * the determinism contract (trace.jsonl), so it is written by hand, not by a reflective mapper.
 *
 * <p>Schema version 2: {@code {"t":µs,"node":s,"actor":s,"kind":s,"data":{name:value,...}}}.
 */
public final class TraceJson {
    public static final int SCHEMA_VERSION = 2;

    // The fixed parts of every line, encoded once.
    private static final byte[] TIME = ascii("{\"t\":");
    private static final byte[] NODE = ascii(",\"node\":");
    private static final byte[] ACTOR = ascii(",\"actor\":");
    private static final byte[] KIND = ascii(",\"kind\":");
    private static final byte[] DATA = ascii(",\"data\":{");
    private static final byte[] END = ascii("}}");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private TraceJson() {
    }

    public static String render(TraceEvent e) {
        JsonBytes out = new JsonBytes(128);
        render(e, out);
        return out.toString();
    }

    public static void render(TraceEvent e, JsonBytes out) {
        out.raw(TIME).repeatedNumber(e.time());
        out.raw(NODE).name(e.node());
        out.raw(ACTOR).name(e.actor());
        out.raw(KIND).name(e.kind());
        out.raw(DATA);
        for (int i = 0; i < e.fieldCount(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.name(e.fieldName(i)).raw(':');
            value(e.fieldValue(i), out);
        }
        out.raw(END);
    }

    private static void value(Object v, JsonBytes out) {
        if (v == null) {
            out.raw("null");
        } else if (v instanceof Long n) {
            out.number(n);
        } else if (v instanceof Integer || v instanceof Short) {
            out.number(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            out.raw(b ? "true" : "false");
        } else if (v instanceof TraceValue t) {
            out.raw('"');
            t.appendText(out);
            out.raw('"');
        } else {
            out.string(v.toString());
        }
    }
}
