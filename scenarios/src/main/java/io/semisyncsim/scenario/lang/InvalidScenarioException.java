package io.semisyncsim.scenario.lang;

import java.util.List;

/** A scenario file that cannot run, with every problem found in it. */
public final class InvalidScenarioException extends Exception {
    private final List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        super(problems.size() + " problem(s), first: " + problems.get(0), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
