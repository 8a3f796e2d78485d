package io.semisyncsim.sweep;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.server.OptionFile;
import java.util.Map;

/**
 * A swept value as a summary labels it: a server variable that MySQL reads as a duration in its own unit is
 * a bare number in the option file ({@code rpl_semi_sync_source_timeout=100}, in ms), so it is shown as
 * the scenario language writes a duration ({@code 100ms}, {@code 10s}). Every other value is shown as
 * given: the scenario's own durations (latency, sleep, for) carry their unit already.
 */
final class SettingUnits {
    /** Microseconds in one unit of each variable that is a duration, by its name in either spelling. */
    private static final Map<String, Long> MICROS = Map.of(
            "rpl_semi_sync_source_timeout", 1_000L, "rpl_semi_sync_master_timeout", 1_000L,
            "rpl_semi_sync_replica_kill_conn_timeout", 1_000_000L, "rpl_semi_sync_slave_kill_conn_timeout", 1_000_000L,
            "replica_net_timeout", 1_000_000L, "slave_net_timeout", 1_000_000L,
            "binlog_expire_logs_seconds", 1_000_000L,
            "binlog_group_commit_sync_delay", 1L);

    private SettingUnits() {
    }

    /** {@code 100ms} for {@code config.source.rpl_semi_sync_source_timeout} and {@code 100}; else the value as given. */
    static String shown(String path, String value) {
        String[] keys = path.split("\\.");
        // Twelve digits at most: in µs, a second's unit times them still fits a long.
        if (keys.length != 3 || !keys[0].equals("config") || !value.matches("\\d{1,12}")) {
            return value;
        }
        Long unit = MICROS.get(new OptionFile.Option(keys[2], value).name());
        return unit == null ? value : Durations.format(Long.parseLong(value) * unit);
    }
}
