package io.semisyncsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.trace.MemorySink;
import org.junit.jupiter.api.Test;

/** The determinism contract: same seed, byte-identical trace; virtual time costs no wall time. */
class DeterminismTest {

    private static MemorySink traceOf(long seed) {
        MemorySink sink = new MemorySink();
        JitteryPing.run(seed, 5, sink).close();
        return sink;
    }

    @Test
    void sameSeedGivesByteIdenticalTrace() {
        MemorySink first = traceOf(42);
        MemorySink second = traceOf(42);
        assertTrue(first.events().size() > 10, "the simulation produced a trace");
        assertEquals(first.jsonl(), second.jsonl());
    }

    @Test
    void differentSeedGivesDifferentTrace() {
        assertNotEquals(traceOf(42).jsonl(), traceOf(43).jsonl());
    }

    @Test
    void tenSecondTimeoutIsVirtual() {
        long wallStart = System.nanoTime();
        try (SimKernel kernel = JitteryPing.run(7, 5)) {
            long wallMicros = (System.nanoTime() - wallStart) / 1000;
            assertTrue(kernel.now() >= 10_000_000, "the run covered the 10 s timeout: " + kernel.now());
            // Not a speed benchmark: a real 10 s wait would take 10 s; the virtual one waits for nothing.
            assertTrue(wallMicros < kernel.now() / 2, "wall " + wallMicros + " µs for " + kernel.now() + " µs");
        }
    }

    @Test
    void noWorkArrivesFromForeignThreads() {
        try (SimKernel kernel = JitteryPing.run(42, 5)) {
            assertEquals(0, kernel.foreignSubmissions());
        }
    }

    @Test
    void digestMatchesForSameSeedAndDiffersOtherwise() {
        String a;
        String b;
        String c;
        try (SimKernel k = JitteryPing.run(42, 5)) {
            a = k.trace().digest().hex();
        }
        try (SimKernel k = JitteryPing.run(42, 5)) {
            b = k.trace().digest().hex();
        }
        try (SimKernel k = JitteryPing.run(43, 5)) {
            c = k.trace().digest().hex();
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
