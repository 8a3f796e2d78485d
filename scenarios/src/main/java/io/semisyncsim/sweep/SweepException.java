package io.semisyncsim.sweep;

/** A sweep that cannot be done as asked (an option, a path, shard outputs that do not fit): exit 2. */
public final class SweepException extends Exception {
    public SweepException(String message) {
        super(message, null, false, false);
    }
}
