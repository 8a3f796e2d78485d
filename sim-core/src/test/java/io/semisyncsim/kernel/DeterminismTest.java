package io.semisyncsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.trace.MemorySink;
import io.semisyncsim.trace.TraceEvent;
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
    void aTenSecondTimeoutIsOneVirtualStepNotAWait() {
        MemorySink sink = new MemorySink();
        try (SimKernel kernel = JitteryPing.run(7, 5, sink)) {
            TraceEvent lastPing = null;
            TraceEvent timeout = null;
            for (TraceEvent e : sink.events()) {
                if (e.kind().equals("ping")) {
                    lastPing = e;
                } else if (e.kind().equals("timeout")) {
                    timeout = e;
                }
            }
            assertTrue(lastPing != null && timeout != null, "the silent ponger let the pinger time out");
            // The clock jumps straight to the deadline: exactly 10 s after the unanswered ping, with a
            // few dozen tasks run in all, not one per elapsed microsecond. (Its wall-time cost is
            // measured by the bench, never asserted in a test.)
            assertEquals(lastPing.time() + JitteryPing.TIMEOUT.toNanos() / 1000, timeout.time());
            assertTrue(kernel.tasksRun() < 1_000, "tasks run: " + kernel.tasksRun());
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
