package io.semisyncsim.scenario.lang;

/**
 * One step of a scenario. Steps run in order, each at the time the previous one left; a step kind is
 * one class that reads itself ({@link StepKind}), plays itself on a {@link Target} and says what it is.
 */
public interface Step {
    /** Where the step stands in its file. */
    Pos pos();

    /** Does what the step says, telling the play's listener as it goes. */
    void play(Play play);

    /**
     * Why this step cannot be played on real servers, or null when it can (a slow disk, say, exists
     * only in the simulation).
     */
    default String realServerLimit() {
        return null;
    }

    /** The steps this one holds and plays (a repeat's); none for most kinds. */
    default java.util.List<Step> steps() {
        return java.util.List.of();
    }

    /** The SQL statements this step runs as written (a real server must have the tables they use). */
    default java.util.List<String> statements() {
        return java.util.List.of();
    }

    /** The tables this step writes rows to without SQL (commit and workload steps). */
    default java.util.List<String> tables() {
        return java.util.List.of();
    }
}
