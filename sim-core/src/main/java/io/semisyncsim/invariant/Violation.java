package io.semisyncsim.invariant;

import java.util.Locale;

/** A broken invariant: which, when (virtual µs), on which node (null: the cluster), and what was seen. */
public record Violation(String invariant, long time, String node, String message) {

    /** {@code ReplyPositionMonotonic broken at 1.250000 s on source: ...}, one line. */
    @Override
    public String toString() {
        return invariant + " broken at " + String.format(Locale.ROOT, "%d.%06d s", time / 1_000_000, time % 1_000_000)
                + (node == null ? "" : " on " + node) + ": " + message;
    }
}
