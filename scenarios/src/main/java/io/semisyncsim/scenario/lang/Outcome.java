package io.semisyncsim.scenario.lang;

/**
 * The verdict on one expectation: {@code actual} as read (null: absent), at virtual time {@code time}.
 * SQL steps with {@code expect_error} give outcomes too.
 */
public record Outcome(Pos pos, String description, boolean held, String actual, long time) {
}
