package io.semisyncsim.kernel;

/**
 * Told before the virtual clock moves forward, on the driver thread, with the kernel quiescent: a demo
 * may block here to pace virtual time against the wall clock ({@code run --realtime}, the lab). It
 * must not act on the simulation; what it does with wall time stays outside simulation code (the
 * implementations live in the scenarios module), so pacing never changes the trace.
 */
@FunctionalInterface
public interface ClockPacer {
    /** The clock is about to move from {@code from} to {@code to} (µs, {@code to > from}). */
    void advancing(long from, long to);
}
