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
        JsonBytes out = new JsonBytes(128);
        render(e, out);
        return out.toString();
    }

    public static void render(TraceEvent e, JsonBytes out) {
        out.raw("{\"t\":").number(e.time());
        out.raw(",\"node\":").name(e.node());
        out.raw(",\"actor\":").name(e.actor());
        out.raw(",\"kind\":").name(e.kind());
        out.raw(",\"data\":{");
        for (int i = 0; i < e.fieldCount(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.name(e.fieldName(i)).raw(':');
            value(e.fieldValue(i), out);
        }
        out.raw("}}");
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
