package io.semisyncsim.sweep;

import java.util.ArrayList;
import java.util.List;

/** {@code --seeds 1..40}, {@code --seeds 7} or {@code --seeds 1,5,9}: the seeds of every combination. */
public final class Seeds {
    /** More runs than a sweep is for: a mistake in the range, most likely. */
    static final int MAX = 1_000_000;

    private Seeds() {
    }

    public static List<Long> parse(String text) throws SweepException {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            java.util.regex.Matcher range = java.util.regex.Pattern.compile("(-?\\d{1,18})\\.\\.(-?\\d{1,18})").matcher(p);
            if (range.matches()) {
                long from = Long.parseLong(range.group(1));
                long to = Long.parseLong(range.group(2));
                if (to < from) {
                    throw new SweepException("--seeds " + text + ": the range " + p + " runs backwards");
                }
                if (to - from >= MAX) {
                    throw new SweepException("--seeds " + text + ": more than " + MAX + " seeds");
                }
                for (long s = from; s <= to; s++) {
                    add(out, s, text);
                }
            } else if (p.matches("-?\\d{1,18}")) {
                add(out, Long.parseLong(p), text);
            } else {
                throw new SweepException("--seeds " + text + ": '" + p + "' is not a seed; write 1..40, 7 or 1,5,9");
            }
        }
        return out;
    }

    private static void add(List<Long> seeds, long seed, String text) throws SweepException {
        if (seeds.contains(seed)) {
            throw new SweepException("--seeds " + text + ": seed " + seed + " is given twice");
        }
        if (seeds.size() == MAX) {
            throw new SweepException("--seeds " + text + ": more than " + MAX + " seeds");
        }
        seeds.add(seed);
    }
}
