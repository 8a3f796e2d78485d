package io.semisyncsim.invariant;

/** Thrown out of the kernel's loop at the first broken invariant: the run stops there. */
public final class InvariantViolated extends RuntimeException {
    private final transient Violation violation;

    public InvariantViolated(Violation violation) {
        super(violation.toString(), null, false, false);
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }
}
