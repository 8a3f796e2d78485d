package io.semisyncsim.real;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The state of every directed link between real servers ({@code a->b}): its one-way latency and
 * jitter, and whether a partition cuts it (packets held for the heal, or dropped). The relays read it
 * for every chunk they forward; steps change it. Thread-safe: relays run on their own threads.
 */
final class Links {

    enum Cut { NONE, HOLD, DROP }

    private record Link(long latencyMicros, long jitterMicros, Cut cut) {
    }

    private final long defaultLatency;
    private final long defaultJitter;
    private final Map<String, Link> links = new TreeMap<>();
    private final Random jitter = new Random(); // real mode is not deterministic: nothing else is either

    Links(long defaultLatencyMicros, long defaultJitterMicros) {
        this.defaultLatency = defaultLatencyMicros;
        this.defaultJitter = defaultJitterMicros;
    }

    private static String key(String from, String to) {
        return from + "->" + to;
    }

    private Link get(String from, String to) {
        return links.getOrDefault(key(from, to), new Link(defaultLatency, defaultJitter, Cut.NONE));
    }

    synchronized void setLatency(String from, String to, long latencyMicros, long jitterMicros) {
        links.put(key(from, to), new Link(latencyMicros, jitterMicros, get(from, to).cut()));
    }

    synchronized void cut(String from, String to, Cut cut) {
        Link l = get(from, to);
        links.put(key(from, to), new Link(l.latencyMicros(), l.jitterMicros(), cut));
        notifyAll();
    }

    synchronized void heal(String from, String to) {
        cut(from, to, Cut.NONE);
    }

    synchronized void healAll() {
        links.replaceAll((k, l) -> new Link(l.latencyMicros(), l.jitterMicros(), Cut.NONE));
        notifyAll();
    }

    synchronized Cut cutOf(String from, String to) {
        return get(from, to).cut();
    }

    /** The delay for a chunk sent now from {@code from} to {@code to}: latency plus a uniform draw of jitter. */
    synchronized long delayMicros(String from, String to) {
        Link l = get(from, to);
        return l.latencyMicros() + (l.jitterMicros() > 0 ? (long) (jitter.nextDouble() * l.jitterMicros()) : 0);
    }

    /** Waits while the link holds packets; returns its cut then (NONE or DROP), or null when {@code stop} says so. */
    synchronized Cut awaitNotHeld(String from, String to, java.util.function.BooleanSupplier stop)
            throws InterruptedException {
        while (get(from, to).cut() == Cut.HOLD) {
            if (stop.getAsBoolean()) {
                return null;
            }
            wait(20);
        }
        return get(from, to).cut();
    }
}
