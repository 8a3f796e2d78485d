package io.semisyncsim.scenario.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * One playing of a scenario, as its steps see it: the target they act on, the listener they tell,
 * what clients saw of their commits, and the outcomes so far. Steps run one after another on the
 * thread that owns this.
 */
public final class Play {
    /** A day of virtual time: a client that has no answer by then never will. */
    public static final long NO_ANSWER_LIMIT = 86_400_000_000L;

    private final Target target;
    private final RunListener listener;
    private final Commits commits = new Commits();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final long answerLimit;
    private final String answerLimitText;

    /**
     * {@code answerLimit}: how long a client waits for an answer before a step gives up on it, and how
     * a message names that wait ({@code a day of virtual time}).
     */
    public Play(Target target, RunListener listener, long answerLimit, String answerLimitText) {
        this.target = target;
        this.listener = listener;
        this.answerLimit = answerLimit;
        this.answerLimitText = answerLimitText;
    }

    public Target target() {
        return target;
    }

    public RunListener listener() {
        return listener;
    }

    public Commits commits() {
        return commits;
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    public long now() {
        return target.now();
    }

    /** The deadline for an answer to something asked now. */
    public long answerDeadline() {
        return target.now() + answerLimit;
    }

    public long answerLimit() {
        return answerLimit;
    }

    /** How messages name the answer limit: {@code a day of virtual time}. */
    public String answerLimitText() {
        return answerLimitText;
    }

    /** What a step that got no answer says: {@code no answer after a day of virtual time}. */
    public String noAnswer() {
        return "no answer after " + answerLimitText;
    }

    /** Records and tells one verdict, at the current time. */
    public Outcome outcome(Pos pos, String description, boolean held, String actual) {
        Outcome o = new Outcome(pos, description, held, actual, target.now());
        outcomes.add(o);
        listener.outcome(o);
        return o;
    }

    /** The value at any path: the commit and loss figures this play keeps, or what the target reads. */
    public String read(ValuePath path) {
        return switch (path.kind()) {
            case COMMITS -> commits.read(path.name());
            case LOST -> commits.lost(path.name());
            default -> target.read(path);
        };
    }
}
