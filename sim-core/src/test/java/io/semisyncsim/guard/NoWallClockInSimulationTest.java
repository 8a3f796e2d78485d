package io.semisyncsim.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulation code reads no wall clock, never sleeps and draws no unseeded randomness. */
class NoWallClockInSimulationTest {
    private static final Path MAIN_CLASSES = Path.of("target", "classes");
    private static final Path FIXTURE = Path.of("target", "test-classes", "io", "semisyncsim", "guard", "fixture");

    @Test
    void simulationClassesMakeNoForbiddenCall() {
        assertTrue(Files.isDirectory(MAIN_CLASSES.resolve("io/semisyncsim/kernel")), "compiled classes are there");
        assertEquals(List.of(), ForbiddenCalls.scan(MAIN_CLASSES));
    }

    @Test
    void guardCatchesEachKindOfViolation() {
        List<String> found = ForbiddenCalls.scan(FIXTURE);
        String all = String.join("\n", found);
        assertTrue(all.contains("java.lang.System.currentTimeMillis"), all);
        assertTrue(all.contains("java.lang.System.nanoTime"), "method references count too: " + all);
        assertTrue(all.contains("java.lang.Thread.sleep"), all);
        assertTrue(all.contains("java.util.Random.<init>()V"), all);
        assertTrue(all.contains("java.time.Instant.now"), all);
        assertEquals(5, found.size(), all);
    }
}
