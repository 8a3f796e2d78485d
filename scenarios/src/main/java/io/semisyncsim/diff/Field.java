package io.semisyncsim.diff;

/**
 * One compared field: after which step ({@code step}, 1-based; 0 for the error logs, compared whole at
 * the end), what it is ({@code name}), what the real server and the simulation showed (null: absent),
 * and whether they agree. {@code settling}: they differ only because the step took no virtual time
 * (a fault, a statement that does not wait) while the real servers, read milliseconds later, had moved
 * on; the two agree again after the next step. Such a field is neither same nor a difference.
 */
public record Field(int step, String stepLabel, String name, String real, String simulated, boolean same,
                    boolean settling) {

    public Field(int step, String stepLabel, String name, String real, String simulated, boolean same) {
        this(step, stepLabel, name, real, simulated, same, false);
    }

    /** A difference of the model: neither the same nor settling. */
    public boolean different() {
        return !same && !settling;
    }
}
