package io.semisyncsim.reports;

import java.util.List;

/**
 * What one scenario run leaves for its reports, independent of the scenario format: identity,
 * the transcript, the expectations with their verdicts, and the run's end.
 */
public record RunReport(String name, String file, String description, String flavor, long seed,
                        List<String> settings, List<Entry> transcript, List<Check> checks, List<CommitPoint> commits,
                        List<Sample> samples, long endTime, String traceDigest) {

    /** A status variable's new value on a node at a virtual time (only changes are kept). */
    public record Sample(long time, String node, String name, String value) {
    }

    /** A commit as its client saw it: when it was answered, how long it took, acknowledged or not. */
    public record CommitPoint(long time, long latency, boolean semisync) {
    }

    /** One line of the narrative at a virtual time: a step, a statement and its result, or a note. */
    public record Entry(long time, String node, String text) {
    }

    /** One expectation: where it was written, what it says, whether it held, and the value seen. */
    public record Check(String location, String description, boolean held, String actual, long time) {
    }

    public RunReport {
        settings = List.copyOf(settings);
        transcript = List.copyOf(transcript);
        checks = List.copyOf(checks);
        commits = List.copyOf(commits);
        samples = List.copyOf(samples);
    }

    public long failures() {
        return checks.stream().filter(c -> !c.held()).count();
    }
}
