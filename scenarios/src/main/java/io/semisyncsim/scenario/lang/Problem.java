package io.semisyncsim.scenario.lang;

/**
 * One thing wrong with a scenario file, at a place in it. The file name and the message are kept with
 * their control characters escaped ({@link Printable}): a message quotes what the file says, and what a
 * file says must never reach a terminal raw.
 */
public record Problem(String file, Pos pos, String message) implements Comparable<Problem> {

    /** Longer than any message the reader writes: past it, quoted text was not clipped, and is cut here. */
    static final int MAX_MESSAGE = 1000;

    public Problem {
        file = Printable.escape(file);
        message = Printable.escape(message);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
    }

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
