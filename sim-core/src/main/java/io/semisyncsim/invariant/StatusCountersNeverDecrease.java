package io.semisyncsim.invariant;

import io.semisyncsim.semisync.SemisyncSource;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;
import java.util.regex.Pattern;

/**
 * The source plugin's status counters never decrease, except through FLUSH STATUS (which zeroes the
 * SHOW_LONG ones, also where a replica's SQL thread applies it), RESET MASTER (all of them) and a restart
 * or reinstall (a new plugin instance).
 */
final class StatusCountersNeverDecrease extends PerSource<long[]> {
    private static final Pattern FLUSH_STATUS = Pattern.compile("(?is)\\s*FLUSH\\s+(LOCAL\\s+|NO_WRITE_TO_BINLOG\\s+)?STATUS\\b.*");
    private static final String[] NAMES = {"yes_tx", "no_tx", "no_times", "timefunc_failures", "wait_pos_backtraverse",
        "tx_waits", "tx_wait_time", "net_waits", "wait_timeouts"};

    private final long[] current = new long[NAMES.length];

    @Override
    long[] fresh() {
        return new long[NAMES.length + 1]; // the counters, then how many FLUSH STATUS resets the plugin had
    }

    @Override
    void statement(String node, String sql, long[] last) {
        if (FLUSH_STATUS.matcher(sql).matches() || AckLedger.RESET.matcher(sql).matches()) {
            java.util.Arrays.fill(last, 0); // it runs before the next check: what it zeroes starts from zero
        }
    }

    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, long[] last, long now) {
        SemisyncSource s = plugin.source();
        if (s.statusFlushes() != last[NAMES.length]) { // a FLUSH STATUS a replica's SQL thread applied, too
            java.util.Arrays.fill(last, 0);
            last[NAMES.length] = s.statusFlushes();
        }
        long[] current = this.current; // read at every instant: no array per instant
        current[0] = s.yesTx();
        current[1] = s.noTx();
        current[2] = s.noTimes();
        current[3] = s.timefuncFailures();
        current[4] = s.waitPosBacktraverse();
        current[5] = s.txWaits();
        current[6] = s.txWaitTime();
        current[7] = s.netWaits();
        current[8] = s.waitTimeouts();
        for (int i = 0; i < current.length; i++) {
            if (current[i] < last[i]) {
                return new Violation(name(), now, node.name(), "status counter " + NAMES[i] + " went down from "
                        + last[i] + " to " + current[i] + " with no FLUSH STATUS, RESET MASTER or restart between");
            }
        }
        System.arraycopy(current, 0, last, 0, current.length);
        return null;
    }
}
