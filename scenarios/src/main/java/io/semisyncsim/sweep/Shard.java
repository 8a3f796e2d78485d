package io.semisyncsim.sweep;

import java.util.Map;

/**
 * Which of N deterministic slices of a sweep's runs this process runs, K from 1 to N as Jest and
 * Playwright count: run i (from 0) belongs to shard {@code i % N + 1}, so every shard gets an even share
 * of every combination. Batch engines say it in their own variables when {@code --shard} is not given:
 * a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX} (from 0; its count in {@code JOB_COMPLETIONS},
 * which the manifest sets) and a Slurm array's {@code SLURM_ARRAY_TASK_ID} from
 * {@code SLURM_ARRAY_TASK_MIN} with {@code SLURM_ARRAY_TASK_COUNT}.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    public boolean holds(int run) {
        return run % count == index - 1;
    }

    public boolean isWhole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** {@code --shard K/N}. */
    public static Shard parse(String text) throws SweepException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})/(\\d{1,6})").matcher(text.strip());
        if (!m.matches()) {
            throw new SweepException("--shard " + text + ": write K/N, e.g. --shard 2/3 (the 2nd of 3 shards)");
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || k < 1 || k > n) {
            throw new SweepException("--shard " + text + ": K runs from 1 to N");
        }
        return new Shard(k, n);
    }

    /** The shard a batch engine's variables name, or the whole sweep when none does. */
    public static Shard fromEnvironment(Map<String, String> env) throws SweepException {
        if (env.containsKey("JOB_COMPLETION_INDEX")) {
            int index = number(env, "JOB_COMPLETION_INDEX");
            if (!env.containsKey("JOB_COMPLETIONS")) {
                throw new SweepException("JOB_COMPLETION_INDEX is set but JOB_COMPLETIONS is not: set it in the Job's"
                        + " env to spec.completions (docs/SCALE-OUT.md), or give --shard K/N");
            }
            return checked(index + 1, number(env, "JOB_COMPLETIONS"), "JOB_COMPLETION_INDEX");
        }
        if (env.containsKey("JOB_COMPLETIONS")) {
            throw new SweepException("JOB_COMPLETIONS is set but JOB_COMPLETION_INDEX is not: an Indexed Job sets it"
                    + " (completionMode: Indexed, docs/SCALE-OUT.md), or give --shard K/N");
        }
        if (env.containsKey("SLURM_ARRAY_TASK_ID")) {
            // sbatch --array=MIN-MAX:STEP sets all four: task ID is the K-th of COUNT when (ID - MIN) / STEP = K - 1.
            int id = number(env, "SLURM_ARRAY_TASK_ID");
            int min = number(env, "SLURM_ARRAY_TASK_MIN");
            int step = env.containsKey("SLURM_ARRAY_TASK_STEP") ? number(env, "SLURM_ARRAY_TASK_STEP") : 1;
            int count = number(env, "SLURM_ARRAY_TASK_COUNT");
            if (step < 1 || id < min || (id - min) % step != 0) {
                throw new SweepException("SLURM_ARRAY_TASK_ID " + id + " is not a task of the array from " + min
                        + " by " + step + " (SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_STEP)");
            }
            return checked((id - min) / step + 1, count, "SLURM_ARRAY_TASK_ID");
        }
        return ALL;
    }

    private static Shard checked(int k, int n, String from) throws SweepException {
        if (n < 1 || k < 1 || k > n) {
            throw new SweepException(from + " gives shard " + k + " of " + n + ", which does not exist");
        }
        return new Shard(k, n);
    }

    private static int number(Map<String, String> env, String name) throws SweepException {
        String v = env.get(name);
        if (v == null) {
            throw new SweepException(name + " is not set (docs/SCALE-OUT.md), or give --shard K/N");
        }
        if (!v.strip().matches("\\d{1,6}")) {
            throw new SweepException(name + " is '" + v + "', not a whole number");
        }
        return Integer.parseInt(v.strip());
    }
}
