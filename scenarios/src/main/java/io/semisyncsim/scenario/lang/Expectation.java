package io.semisyncsim.scenario.lang;

/**
 * One check of an {@code expect} or {@code await} step: a path ({@code source.status.Rpl_semi_sync_master_status})
 * and what its value must be.
 */
public record Expectation(Pos pos, ValuePath path, Matcher matcher) {

    /** As the narrative and JUnit XML name it: {@code source.status.X == ON}. */
    public String describe() {
        return path + " " + matcher;
    }
}
