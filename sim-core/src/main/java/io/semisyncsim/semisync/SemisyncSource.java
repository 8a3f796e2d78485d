package io.semisyncsim.semisync;

/**
 * The source side of semisync, MySQL's {@code ReplSemiSyncMaster} (plugin/semisync/semisync_source.cc),
 * as a plain class: no actors, no time, no I/O, so every rule is unit-testable.
 *
 * <p>The runtime state {@code state} is {@code Rpl_semi_sync_source_status}:
 * <pre>
 *   OFF --enable(), if wait_no_replica or clients >= wait_for_replica_count--> ON
 *   OFF --setWaitNoReplica(true) while enabled (force_switch_on)------------> ON
 *   ON  --switchOff(): disable, wait_no_replica=OFF with no clients, ...----> OFF   (no_times++)
 * </pre>
 * Switching back ON on an ACK at the commit position, and the commit wait itself, come with the
 * replication path (semisync-behaviour.md §4.4, §4.9).
 */
public final class SemisyncSource {

    /** What the plugin shell turns into error-log lines. */
    public interface Events {
        void enabled();

        void disabled();

        void switchedOff();
    }

    private final Events events;
    private boolean enabled;
    private boolean state;
    private int clients;
    private long noTimes;
    private long yesTx;
    private long noTx;
    private long timefuncFailures;
    private long waitPosBacktraverse;
    private long txWaits;
    private long txWaitTime;
    private long netWaits;
    private int waitSessions;

    public SemisyncSource(Events events) {
        this.events = events;
    }

    /** SET rpl_semi_sync_source_enabled=ON ({@code enableMaster}): nothing happens when already on. */
    public void enable(boolean waitNoReplica, long waitForReplicaCount) {
        if (enabled) {
            return;
        }
        enabled = true;
        // Status ON even with zero replicas under the default wait_no_replica=ON (§3, "status").
        state = waitNoReplica || clients >= waitForReplicaCount;
        events.enabled();
    }

    /** SET rpl_semi_sync_source_enabled=OFF ({@code disableMaster}): switch off, releasing any waiter. */
    public void disable() {
        if (!enabled) {
            return;
        }
        switchOff();
        enabled = false;
        events.disabled();
    }

    /** {@code switch_off}: every switch-off counts in no_times and logs, whatever its cause (§4.9). */
    public void switchOff() {
        state = false;
        noTimes++;
        events.switchedOff();
    }

    /**
     * SET rpl_semi_sync_source_wait_no_replica: to OFF switches off if no replica is connected; to ON
     * forces the status ON at once, with no ACK (§2.1).
     */
    public void setWaitNoReplica(boolean on) {
        if (!enabled) {
            return;
        }
        if (!on && clients == 0 && state) {
            switchOff();
        } else if (on && !state) {
            state = true;
        }
    }

    /** RESET MASTER ({@code resetMaster}): zero the counters; state and clients stay (§6.4). */
    public void resetMaster() {
        zeroCounters();
    }

    /** FLUSH STATUS resets the plain counters (SHOW_LONG variables); see docs/semisync-choices.md. */
    public void flushStatus() {
        zeroCounters();
    }

    private void zeroCounters() {
        yesTx = 0;
        noTx = 0;
        noTimes = 0;
        timefuncFailures = 0;
        waitPosBacktraverse = 0;
        txWaits = 0;
        txWaitTime = 0;
        netWaits = 0;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isOn() {
        return state;
    }

    public int clients() {
        return clients;
    }

    public long noTimes() {
        return noTimes;
    }

    public long yesTx() {
        return yesTx;
    }

    public long noTx() {
        return noTx;
    }

    public long timefuncFailures() {
        return timefuncFailures;
    }

    public long waitPosBacktraverse() {
        return waitPosBacktraverse;
    }

    public long txWaits() {
        return txWaits;
    }

    public long txWaitTime() {
        return txWaitTime;
    }

    public long netWaits() {
        return netWaits;
    }

    public int waitSessions() {
        return waitSessions;
    }
}
