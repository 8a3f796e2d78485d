package io.semisyncsim.kernel;

import java.util.TreeMap;

/**
 * All randomness of a run, derived from (scenario seed, stable component name): adding a component
 * never shifts the numbers another component draws.
 */
public final class RandomStreams {
    private final long seed;
    private final TreeMap<String, SimRandom> streams = new TreeMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream of one component, e.g. {@code "net:source->replica1"}; the same name, the same stream. */
    public SimRandom stream(String component) {
        return streams.computeIfAbsent(component, name -> new SimRandom(mix(seed, name)));
    }

    static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over UTF-16 code units: stable across JDKs
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return new SimRandom(seed * 0x9E3779B97F4A7C15L ^ h).nextLong();
    }
}
