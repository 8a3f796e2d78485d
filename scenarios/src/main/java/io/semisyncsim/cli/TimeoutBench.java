package io.semisyncsim.cli;

import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.ScenarioRunner;
import java.io.IOException;
import java.util.List;

/**
 * Time compression: library scenarios that wait out 10 to 62 s timeouts (bundled in the jar), run in
 * this JVM after a warm-up run, so the wall time is the simulation's, not the JVM's start.
 */
final class TimeoutBench {
    private TimeoutBench() {
    }

    /** The library files of the performance issue's time-compression figure. */
    static final List<String> SCENARIOS = List.of(
            "library/teaching/timeout-default-10s.yaml",
            "library/regression/restart-keeps-plugins.yaml",
            "library/regression/uninstall-refused-then-allowed.yaml",
            "library/replication/source-crash-retries.yaml",
            "library/regression/wait-no-slave-on-vs-off.yaml");

    /** One scenario file, every flavour it names: virtual time covered and wall time taken. */
    record Run(String file, boolean passed, long virtualMicros, long wallNanos) {
    }

    static Run run(String resource) throws IOException {
        Scenario scenario = read(resource);
        long virtual = 0;
        boolean passed = true;
        long t0 = System.nanoTime();
        for (Scenario run : scenario.perFlavor()) {
            RunResult result = new ScenarioRunner().run(run, new RunListener() { });
            virtual += result.endTime();
            passed &= result.passed();
        }
        return new Run(resource, passed, virtual, System.nanoTime() - t0);
    }

    private static Scenario read(String resource) throws IOException {
        try {
            return BundledScenarios.read(resource);
        } catch (InvalidScenarioException e) {
            throw new IOException("the bundled scenario " + resource + " is invalid: " + e.getMessage(), e);
        }
    }
}
