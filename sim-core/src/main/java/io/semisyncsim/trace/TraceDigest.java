package io.semisyncsim.trace;

/**
 * A running 64-bit digest (FNV-style multiply and xor) of the events' contents, for cheap determinism
 * checks: two runs with equal digests wrote the same events in the same order with overwhelming
 * likelihood. It hashes the fields themselves (time, names, values, with separators), not their JSON
 * text, so it costs no rendering; the JSON lines are a pure function of the same fields.
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
                    : v instanceof TraceValue t ? (mix(h, t.digest()) ^ 0x1D) * PRIME
                    : mix(h, v == null ? "\u0000null" : v instanceof Boolean b ? (b ? "\u0000true" : "\u0000false")
                    : v.toString());
        }
        hash = (h ^ '\n') * PRIME; // event separator
        events++;
    }

    /**
     * A string enters as its length and {@code String.hashCode()}: specified by the language, so the
     * same on every JVM, and cached for the constant names most fields are. Two different strings of
     * the same length and hash would go unnoticed, a 1 in 2^32 chance per differing string.
     */
    private static long mix(long h, String s) {
        h = (h ^ (((long) s.length() << 32) | (s.hashCode() & 0xFFFF_FFFFL))) * PRIME;
        return (h ^ 0x1F) * PRIME; // field separator and type tag
    }

    /** Each step is a bijection of the state, so any single differing field changes the digest. */
    private static long mix(long h, long v) {
        h = (h ^ v) * PRIME;
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
