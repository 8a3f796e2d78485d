package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the bench runs and how it refuses bad input; its speed figures are never asserted here. */
class BenchTest {

    @Test
    void aClusterRunCommitsWhatItWasAskedAndCountsItsWork() throws IOException {
        ClusterBench.Run run = ClusterBench.run(ClusterBench.Setup.replicas(4, 500));
        assertEquals(500, run.commits());
        assertTrue(run.events() > 500, "every commit leaves trace events: " + run.events());
        assertTrue(run.virtualMicros() > 10_000, "virtual time passed: " + run.virtualMicros());
    }

    @Test
    void theReplicaSeriesWaitsForHalfOfTheReplicas() {
        assertEquals(100, ClusterBench.Setup.replicas(200, 1).quorum());
        assertEquals(1, ClusterBench.Setup.replicas(1, 1).quorum());
    }

    @Test
    void theTimeoutScenariosAreBundledAndHoldTheirExpectations() throws IOException {
        for (String file : TimeoutBench.SCENARIOS) {
            TimeoutBench.Run run = TimeoutBench.run(file);
            assertTrue(run.passed(), file);
            assertTrue(run.virtualMicros() >= 10_000_000, file + " waits out a timeout of 10 s or more");
        }
    }

    @Test
    void badNumbersAndUnknownWorkloadsExitTwo() {
        assertEquals(Cli.INVALID, Cli.run("bench", "--workload", "replicas", "--replicas", "3,0"));
        assertEquals(Cli.INVALID, Cli.run("bench", "--iterations", "0"));
        assertEquals(Cli.INVALID, Cli.run("bench", "--workload", "no-such-workload"));
    }

    @Test
    void theFiguresSayWhichJavaAndCollectorTookThem() {
        String jvm = BenchCommand.jvm();
        assertTrue(jvm.startsWith("Java " + Runtime.version()), jvm);
        String young = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().get(0).getName();
        assertTrue(jvm.contains("collector " + young), jvm);
    }

    @Test
    void workloadNamesAreCaseInsensitive() {
        assertEquals(Cli.OK, Cli.run("bench", "--workload", "Replicas", "--replicas", "1", "--commits", "200"));
    }
}
