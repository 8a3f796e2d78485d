package io.semisyncsim.scenario.lang;

/**
 * The verdict on one expectation: {@code actual} as read (null: absent), at virtual time {@code time}.
 * SQL steps with {@code expect_error} give outcomes too.
 */
public record Outcome(Pos pos, String description, boolean held, String actual, long time) {

    /** {@link #actual} as every one-line place shows it (console, JUnit, reports, lab, sweep): see {@link #oneLine}. */
    public String actualOnOneLine() {
        return actual == null ? "absent" : oneLine(actual);
    }

    /**
     * A value on one line: a list of several lines joined with ", ", other text of several lines (an
     * error log, a result set) as its count, {@code (9 lines)}; one line as it is.
     */
    public static String oneLine(String value) {
        if (!value.contains("\n")) {
            return value;
        }
        if (value.contains(",\n")) {
            return value.replace(",\n", ", ");
        }
        return "(" + value.split("\n").length + " lines)";
    }
}
