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
}
