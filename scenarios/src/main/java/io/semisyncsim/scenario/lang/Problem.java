package io.semisyncsim.scenario.lang;

/** One thing wrong with a scenario file, at a place in it. */
public record Problem(String file, Pos pos, String message) implements Comparable<Problem> {

    /** {@code file:line:column: message}, the form editors and CI logs link. */
    @Override
    public String toString() {
        return file + ":" + pos + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = Integer.compare(pos.line(), o.pos.line());
        return c != 0 ? c : Integer.compare(pos.column(), o.pos.column());
    }
}
