package io.semisyncsim.net;

/** One direction of a link: one-way latency and jitter (± uniform), in virtual µs. */
public record LinkSpec(long latency, long jitter) {
    public LinkSpec {
        if (latency < 0 || jitter < 0 || jitter > latency) {
            throw new IllegalArgumentException("need 0 <= jitter <= latency, got latency " + latency + " jitter " + jitter);
        }
    }
}
