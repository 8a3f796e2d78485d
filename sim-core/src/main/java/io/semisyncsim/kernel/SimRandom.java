package io.semisyncsim.kernel;

/**
 * A seeded random stream (SplitMix64). Our own algorithm rather than {@code java.util.Random} or
 * {@code SplittableRandom}, so a seed gives the same numbers on every JDK forever.
 */
public final class SimRandom {
    private long state;

    SimRandom(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return r % bound;
    }

    /** Uniform in [-spread, +spread]; zero spread draws nothing, so adding jitter later keeps old streams. */
    public long jitter(long spread) {
        return spread <= 0 ? 0 : nextLong(2 * spread + 1) - spread;
    }
}
