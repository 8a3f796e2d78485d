package io.semisyncsim.live;

import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the network's faults are now, read from the trace as it streams (a {@link TraceSink}): the links
 * cut and how (hold or drop), the links whose latency was changed, and the nodes frozen. Whatever cut a
 * link (the console, a button, a flap, a file's step), the lab's picture shows it.
 */
final class NetworkView implements TraceSink {
    /** Cut directions {@code from->to} and their cut, {@code hold} or {@code drop}. */
    private final Map<String, String> cuts = new TreeMap<>();
    /** Changed links {@code from->to} and their latency in µs. */
    private final Map<String, Long> latency = new TreeMap<>();
    private final TreeSet<String> frozen = new TreeSet<>();

    @Override
    public void accept(TraceEvent e) {
        switch (e.kind()) {
            case "partition" -> {
                boolean both = Boolean.TRUE.equals(e.field("both_ways"));
                String cut = String.valueOf(e.field("cut")).toLowerCase(java.util.Locale.ROOT);
                for (String a : String.valueOf(e.field("a")).split(",")) {
                    for (String b : String.valueOf(e.field("b")).split(",")) {
                        cuts.put(a + "->" + b, cut);
                        if (both) {
                            cuts.put(b + "->" + a, cut);
                        }
                    }
                }
            }
            case "heal" -> {
                if (e.field("a") == null) {
                    cuts.clear();
                } else {
                    cuts.remove(e.field("a") + "->" + e.field("b"));
                    if (Boolean.TRUE.equals(e.field("both_ways"))) {
                        cuts.remove(e.field("b") + "->" + e.field("a"));
                    }
                }
            }
            case "link" -> latency.put(e.field("from") + "->" + e.field("to"), ((Number) e.field("latency_us")).longValue());
            case "pause" -> frozen.add(e.node());
            case "resume", "crash", "power-off", "stopped" -> frozen.remove(e.node());
            default -> {
            }
        }
    }

    Map<String, String> cuts() {
        return new TreeMap<>(cuts);
    }

    Map<String, Long> latency() {
        return new TreeMap<>(latency);
    }

    boolean frozen(String node) {
        return frozen.contains(node);
    }
}
