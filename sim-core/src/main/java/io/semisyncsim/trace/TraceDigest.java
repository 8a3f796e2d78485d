package io.semisyncsim.trace;

/**
 * A running 64-bit digest (FNV-1a) of the canonical trace text, for cheap determinism checks: equal
 * digests mean byte-identical trace.jsonl with overwhelming likelihood, without keeping the trace.
 */
public final class TraceDigest implements TraceSink {
    private long hash = 0xcbf29ce484222325L;
    private long events;
    private final StringBuilder line = new StringBuilder(128);

    @Override
    public void accept(TraceEvent event) {
        line.setLength(0);
        TraceJson.render(event, line);
        line.append('\n');
        long h = hash;
        for (int i = 0; i < line.length(); i++) {
            h ^= line.charAt(i);
            h *= 0x100000001b3L;
        }
        hash = h;
        events++;
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
