package io.semisyncsim.explore;

import io.semisyncsim.scenario.lang.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a failing schedule small while it still breaks the same invariant: first whole steps go (halves,
 * then quarters, ... then one at a time, as delta debugging does), then what is left is made shorter and
 * lighter (sleeps and pauses halved, workloads down to one client, half the rate and half the time, a flap
 * to one cut). Each candidate is played with the same seed; one that no longer reads as a valid file (a
 * restart whose crash was removed) simply does not count. At most {@code budget} candidates are played.
 */
final class Shrinker {
    private final Predicate<List<YNode>> stillBreaks;
    private int budget;

    Shrinker(Predicate<List<YNode>> stillBreaks, int budget) {
        this.stillBreaks = stillBreaks;
        this.budget = budget;
    }

    List<YNode> shrink(List<YNode> schedule) {
        List<YNode> current = List.copyOf(schedule);
        boolean changed = true;
        while (changed && budget > 0) {
            changed = false;
            for (int size = Math.max(1, current.size() / 2); size >= 1 && budget > 0; size /= 2) {
                for (int start = 0; start + size <= current.size() && budget > 0; ) {
                    List<YNode> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(start + size, current.size()));
                    if (!candidate.isEmpty() && test(candidate)) {
                        current = candidate;
                        changed = true;
                    } else {
                        start += size;
                    }
                }
            }
            for (int i = 0; i < current.size() && budget > 0; i++) {
                YNode lighter = lighter(current.get(i));
                if (lighter != null) {
                    List<YNode> candidate = new ArrayList<>(current);
                    candidate.set(i, lighter);
                    if (test(candidate)) {
                        current = candidate;
                        changed = true;
                    }
                }
            }
        }
        return current;
    }

    private boolean test(List<YNode> candidate) {
        budget--;
        return stillBreaks.test(candidate);
    }

    /** The same step made shorter or lighter, or null when it cannot be. */
    static YNode lighter(YNode step) {
        if (!(step instanceof YNode.Map m)) {
            return null;
        }
        if (m.entries().containsKey("sleep")) {
            return halved(m, "sleep", 10);
        }
        if (m.entries().containsKey("workload") && m.entries().get("workload").value() instanceof YNode.Map w) {
            YNode.Map lighter = w;
            if (!text(w, "clients").equals("1")) {
                lighter = with(w, "clients", "1");
            } else if (halved(w, "duration", 100) != null) {
                lighter = halved(w, "duration", 100);
            } else if (w.entries().containsKey("rate") && text(w, "rate").matches("\\d+/s")
                    && Long.parseLong(text(w, "rate").replace("/s", "")) > 10) {
                lighter = with(w, "rate", Long.parseLong(text(w, "rate").replace("/s", "")) / 2 + "/s");
            }
            return lighter == w ? null : with(m, "workload", lighter);
        }
        if ("pause".equals(text(m, "fault"))) {
            return halved(m, "for", 10);
        }
        if ("flap".equals(text(m, "fault")) && !text(m, "times").equals("1")) {
            return with(m, "times", "1");
        }
        return null;
    }

    /** {@code key}'s milliseconds halved, not below {@code min}; null when already there. */
    private static YNode.Map halved(YNode.Map m, String key, long min) {
        String v = text(m, key);
        if (!v.matches("\\d+ms")) {
            return null;
        }
        long ms = Long.parseLong(v.substring(0, v.length() - 2));
        return ms / 2 < min ? null : with(m, key, Steps.ms(ms / 2));
    }

    private static String text(YNode.Map m, String key) {
        YNode.Entry e = m.entries().get(key);
        return e != null && e.value() instanceof YNode.Scalar s ? s.text() : "";
    }

    private static YNode.Map with(YNode.Map m, String key, Object value) {
        LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>(m.entries());
        YNode.Entry old = entries.get(key);
        entries.put(key, new YNode.Entry(old.keyPos(), value instanceof YNode n ? n : Steps.s(String.valueOf(value))));
        return new YNode.Map(m.pos(), entries);
    }
}
