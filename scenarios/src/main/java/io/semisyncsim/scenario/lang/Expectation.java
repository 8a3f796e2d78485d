package io.semisyncsim.scenario.lang;

import java.util.Map;

/**
 * One check of an {@code expect} or {@code await} step: a path ({@code source.status.Rpl_semi_sync_master_status})
 * and what its value must be, as written ({@code value}) and as read ({@code matcher}); a value that refers to
 * captured values ({@code == ${before} + 1}) is parsed again with them when it is checked.
 */
public record Expectation(Pos pos, ValuePath path, Matcher matcher, String value) {

    public Expectation(Pos pos, ValuePath path, Matcher matcher) {
        this(pos, path, matcher, matcher.toString());
    }

    public boolean refersToValues() {
        return Template.has(value);
    }

    /** The matcher with {@code vars} filled in; null and {@code error[0]} when that cannot be done. */
    public Matcher matcher(Map<String, String> vars, String[] error) {
        return refersToValues() ? Matcher.parse(value, vars, error) : matcher;
    }

    /** As the narrative and JUnit XML name it: {@code source.status.X == ON}. */
    public String describe() {
        return path + " " + (refersToValues() ? value : matcher.toString());
    }

    /** As {@link #describe()}, with the values a check used: {@code commits.count == ${n} + 1 (== 5)}. */
    public String describe(Matcher resolved) {
        return refersToValues() && resolved != null ? describe() + " (" + resolved + ")" : describe();
    }
}
