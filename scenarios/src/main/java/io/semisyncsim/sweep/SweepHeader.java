package io.semisyncsim.sweep;

import java.util.List;

/**
 * What identifies a sweep, whichever machine ran which shard: the scenario's name and SHA-256, the
 * settings and their values, the seeds, the flavours, and how many combinations and runs there are.
 * Shards merge only when their headers are equal.
 */
public record SweepHeader(String name, String digest, List<Setting> settings, List<Long> seeds, List<String> flavors,
                          int combinations, int runs) {

    public SweepHeader {
        settings = List.copyOf(settings);
        seeds = List.copyOf(seeds);
        flavors = List.copyOf(flavors);
    }

    public static SweepHeader of(SweepPlan plan) {
        return new SweepHeader(plan.name(), plan.digest(), plan.settings(), plan.seeds(), plan.flavors(),
                plan.combinations(), plan.runs().size());
    }
}
