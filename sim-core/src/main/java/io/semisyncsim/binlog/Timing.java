package io.semisyncsim.binlog;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.semisyncsim.kernel.VirtualDurations;

/** Virtual costs of the commit and replication path, in µs (reference.conf {@code semisync-sim.timing}). */
public record Timing(long binlogWritePerTransaction, long binlogFsync, long engineCommitPerTransaction,
                     long relayLogWritePerEvent, long relayLogFsync, long applyPerEvent) {

    /** reference.conf's (and application.conf's) costs, read once: ConfigFactory.load() is itself read once. */
    public static Timing defaults() {
        return Defaults.TIMING;
    }

    private static final class Defaults {
        static final Timing TIMING = from(ConfigFactory.load());
    }

    public static Timing from(Config config) {
        Config t = config.getConfig("semisync-sim.timing");
        return new Timing(us(t, "binlog-write-per-transaction"), us(t, "binlog-fsync"),
                us(t, "engine-commit-per-transaction"), us(t, "relay-log-write-per-event"), us(t, "relay-log-fsync"),
                us(t, "apply-per-event"));
    }

    private static long us(Config t, String key) {
        return VirtualDurations.micros(t.getDuration(key));
    }
}
