package io.semisyncsim.reports;

import java.util.List;

/**
 * What one scenario run leaves for its reports, independent of the scenario format: identity, the
 * transcript, the expectations with their verdicts, every commit's latency, the status variables as
 * they changed, the run's end, and the {@link Story} its pictures draw. Everything here is a function
 * of the scenario, seed and flavour: no wall time (the JUnit report adds that on its own).
 */
public record RunReport(String name, String file, String description, String flavor, long seed,
                        List<String> settings, List<Entry> transcript, List<Check> checks, LatencyStats latency,
                        List<Sample> samples, long endTime, String traceDigest, Story story) {

    /** A status variable's new value on a node at a virtual time (only changes are kept). */
    public record Sample(long time, String node, String name, String value) {
    }

    /** One line of the narrative at a virtual time: a step, a statement and its result, or a note. */
    public record Entry(long time, String node, String text) {
    }

    /**
     * One expectation: where it was written ({@code line:column}), what it says, whether it held, the
     * value seen (null: absent) and when.
     */
    public record Check(String location, String description, boolean held, String actual, long time) {
        /** The line it was written on, or 0 when the location names none. */
        public int line() {
            int colon = location.indexOf(':');
            try {
                return Integer.parseInt(colon < 0 ? location : location.substring(0, colon));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    public RunReport {
        settings = List.copyOf(settings);
        transcript = List.copyOf(transcript);
        checks = List.copyOf(checks);
        samples = List.copyOf(samples);
        latency = latency == null ? new LatencyStats() : latency;
        story = story == null ? Story.EMPTY : story;
    }

    public long failures() {
        return checks.stream().filter(c -> !c.held()).count();
    }

    public boolean passed() {
        return failures() == 0;
    }
}
