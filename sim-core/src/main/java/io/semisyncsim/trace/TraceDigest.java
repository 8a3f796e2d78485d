package io.semisyncsim.trace;

/**
 * A running 64-bit digest (FNV-1a) of the events' contents, for cheap determinism checks: two runs
 * with equal digests wrote the same events in the same order with overwhelming likelihood. It hashes
 * the fields themselves (time, names, values, with separators), not their JSON text, so it costs no
 * rendering; the JSON lines are a pure function of the same fields.
 */
public final class TraceDigest implements TraceSink {
    private static final long PRIME = 0x100000001b3L;
    private long hash = 0xcbf29ce484222325L;
    private long events;

    @Override
    public void accept(TraceEvent event) {
        long h = hash;
        h = mix(h, event.time());
        h = mix(h, event.node());
        h = mix(h, event.actor());
        h = mix(h, event.kind());
        for (int i = 0; i < event.fieldCount(); i++) {
            h = mix(h, event.fieldName(i));
            Object v = event.fieldValue(i);
            h = v instanceof Long l ? mix(h, l.longValue())
                    : v instanceof Integer n ? mix(h, n.longValue())
                    : mix(h, v == null ? "\u0000null" : v instanceof Boolean b ? (b ? "\u0000true" : "\u0000false")
                    : v.toString());
        }
        hash = (h ^ '\n') * PRIME; // event separator
        events++;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return (h ^ 0x1F) * PRIME; // field separator, so ("ab","c") and ("a","bc") differ
    }

    private static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((v >>> (8 * i)) & 0xFF)) * PRIME;
        }
        return (h ^ 0x1E) * PRIME;
    }

    public long value() {
        return hash;
    }

    public long events() {
        return events;
    }

    public String hex() {
        return String.format("%016x", hash);
    }
}
