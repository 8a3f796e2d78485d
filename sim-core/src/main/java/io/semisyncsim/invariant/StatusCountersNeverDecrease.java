package io.semisyncsim.invariant;

import io.semisyncsim.semisync.SemisyncSource;
import io.semisyncsim.semisync.SemisyncSourcePlugin;
import io.semisyncsim.server.Mysqld;

/**
 * The source plugin's status counters never decrease, except through FLUSH STATUS (which zeroes the
 * SHOW_LONG ones, also where a replica's SQL thread applies it), RESET MASTER (all of them) and a restart
 * or reinstall (a new plugin instance).
 */
final class StatusCountersNeverDecrease extends PerSource<long[]> {
    private static final String[] NAMES = {"yes_tx", "no_tx", "no_times", "timefunc_failures", "wait_pos_backtraverse",
        "tx_waits", "tx_wait_time", "net_waits", "wait_timeouts"};

    private final long[] current = new long[NAMES.length];

    @Override
    long[] fresh() {
        return new long[NAMES.length + 1]; // the counters, then how many FLUSH STATUS and RESET MASTER it had
    }

    @Override
    Violation check(Mysqld node, SemisyncSourcePlugin plugin, long[] last, long now) {
        SemisyncSource s = plugin.source();
        // A FLUSH STATUS (a client's, or one a replica's SQL thread applied) or a RESET MASTER ran since the
        // last look: told by the plugin's own counts, as either may wait after it is sent (a commit's ACK, the
        // engine's redo flush) before it zeroes anything.
        long resets = s.statusFlushes() + s.resets();
        if (resets != last[NAMES.length]) {
            java.util.Arrays.fill(last, 0);
            last[NAMES.length] = resets;
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
