package io.semisyncsim.semisync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The source's ON/OFF rules without replicas (semisync_source.cc enableMaster, switch_off, setWaitNoReplica). */
class SemisyncSourceTest {
    private final List<String> events = new ArrayList<>();
    private final SemisyncSource source = new SemisyncSource(new SemisyncSource.Events() {
        @Override
        public void enabled() {
            events.add("enabled");
        }

        @Override
        public void disabled() {
            events.add("disabled");
        }

        @Override
        public void switchedOff() {
            events.add("switched OFF");
        }
    });

    @Test
    void enablingWithWaitNoReplicaTurnsStatusOnWithZeroReplicas() {
        source.enable(true, 1);
        assertTrue(source.isOn());
        assertEquals(0, source.clients());
    }

    @Test
    void enablingWithoutWaitNoReplicaNeedsEnoughReplicas() {
        source.enable(false, 1);
        assertTrue(source.isEnabled());
        assertFalse(source.isOn());
    }

    @Test
    void enablingTwiceIsANoOp() {
        source.enable(true, 1);
        source.enable(true, 1);
        assertEquals(List.of("enabled"), events);
    }

    @Test
    void disablingSwitchesOffAndCountsIt() {
        source.enable(true, 1);
        source.disable();
        assertFalse(source.isOn());
        assertEquals(1, source.noTimes());
        assertEquals(List.of("enabled", "switched OFF", "disabled"), events);
    }

    @Test
    void waitNoReplicaOffWithNoClientsSwitchesOff() {
        source.enable(true, 1);
        source.setWaitNoReplica(false);
        assertFalse(source.isOn());
        assertEquals(1, source.noTimes());
    }

    @Test
    void waitNoReplicaOnForcesStatusOnWithoutAnAck() {
        source.enable(false, 1);
        source.setWaitNoReplica(true);
        assertTrue(source.isOn());
        assertEquals(0, source.noTimes(), "forcing ON is not a switch-off");
    }

    @Test
    void waitNoReplicaChangesNothingWhileDisabled() {
        source.setWaitNoReplica(true);
        assertFalse(source.isOn());
    }

    @Test
    void resetMasterZeroesCountersButKeepsState() {
        source.enable(true, 1);
        source.switchOff();
        source.setWaitNoReplica(true);
        source.resetMaster();
        assertEquals(0, source.noTimes());
        assertTrue(source.isOn());
    }
}
