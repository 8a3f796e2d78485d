package io.semisyncsim.semisync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.binlog.BinlogPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReplSemiSyncMaster's rules (semisync_source.cc), driven without actors or time. */
class SemisyncSourceTest {
    private static final long TIMEOUT = 10_000_000;
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
            events.add("OFF");
        }

        @Override
        public void switchedOn(long serverId, BinlogPosition at) {
            events.add("ON at " + at);
        }

        @Override
        public void forcedShutdown() {
            events.add("forced shutdown");
        }

        @Override
        public void timedOut(BinlogPosition trx, BinlogPosition reply) {
            events.add("timeout " + trx + " reply " + reply);
        }

        @Override
        public void released(long waiter, boolean semisync) {
            events.add("released " + waiter + (semisync ? " yes" : " no"));
        }
    });

    private static BinlogPosition pos(long p) {
        return new BinlogPosition("binlog.000001", p);
    }

    /** A flush group ending at p, then its commit's wait. */
    private SemisyncSource.Wait commit(long p, long now) {
        source.writeTranxInBinlog(List.of(pos(p)), true, at -> events.add("out of order"));
        return source.commitTrx(pos(p), now, TIMEOUT, true);
    }

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
    void aCommitWaitsUntilItsDeadlineForAnAck() {
        source.enable(true, 1);
        SemisyncSource.Wait w = commit(449, 1_000);
        SemisyncSource.Wait.Hold hold = assertInstanceOf(SemisyncSource.Wait.Hold.class, w);
        assertEquals(1_000 + TIMEOUT, hold.deadline());
        assertEquals(1, source.waitSessions());
    }

    @Test
    void anAckCoveringTheCommitReleasesItAsSemisync() {
        source.enable(true, 1);
        long id = ((SemisyncSource.Wait.Hold) commit(449, 1_000)).waiter();
        source.handleAck(2, pos(449), 2_500);
        assertEquals("released " + id + " yes", events.get(events.size() - 1));
        assertEquals(1, source.yesTx());
        assertEquals(1, source.txWaits());
        assertEquals(1_500, source.txWaitTime());
        assertEquals(0, source.waitSessions());
    }

    @Test
    void aWakeUpWithoutAKillCountsAsAWaitAndTheThreadWaitsAgain() {
        source.enable(true, 1);
        long id = ((SemisyncSource.Wait.Hold) commit(449, 1_000)).waiter();
        source.woken(id, 1_300); // STOP SLAVE's THD::awake(NOT_KILLED) of a SQL thread that waits
        assertEquals(1, source.txWaits());
        assertEquals(300, source.txWaitTime());
        assertEquals(1, source.waitPosBacktraverse()); // the loop's minimum-position update, for its own position
        assertEquals(1, source.waitSessions());
        assertFalse(events.stream().anyMatch(e -> e.startsWith("released")));
        source.timeout(id, 1_000 + TIMEOUT);
        assertEquals(1, source.noTx());
        assertEquals("released " + id + " no", events.get(events.size() - 1));
    }

    @Test
    void anAckShortOfTheCommitReleasesNothing() {
        source.enable(true, 1);
        commit(449, 0);
        source.handleAck(2, pos(300), 10);
        assertEquals(1, source.waitSessions());
    }

    @Test
    void theFirstTimeoutSwitchesOffAndTheCommitGoesOnAsync() {
        source.enable(true, 1);
        long id = ((SemisyncSource.Wait.Hold) commit(449, 0)).waiter();
        source.timeout(id, TIMEOUT);
        assertFalse(source.isOn());
        assertEquals(List.of("enabled", "timeout (binlog.000001, 449) reply null", "OFF", "released " + id + " no"), events);
        assertEquals(1, source.noTx());
        assertEquals(1, source.noTimes());
        assertEquals(0, source.txWaits(), "a timed-out wait is not counted in tx_waits");
    }

    @Test
    void whileOffCommitsDoNotWaitAndCountAsNo() {
        source.enable(true, 1);
        source.switchOff(0);
        assertEquals(new SemisyncSource.Wait.Proceed(false, true), commit(449, 0));
        assertEquals(1, source.noTx());
    }

    @Test
    void switchOnNeedsAnAckAtTheCurrentCommitPositionNotAnOlderOne() {
        source.enable(true, 1);
        source.switchOff(0);
        source.writeTranxInBinlog(List.of(pos(449)), true, at -> { });
        source.writeTranxInBinlog(List.of(pos(741)), true, at -> { }); // commit_pos keeps advancing while OFF
        source.handleAck(2, pos(449), 1);
        assertFalse(source.isOn(), "an ACK short of the commit position does not switch ON");
        source.handleAck(2, pos(741), 2);
        assertTrue(source.isOn());
        assertEquals("ON at (binlog.000001, 741)", events.get(events.size() - 1));
    }

    @Test
    void anyAckSwitchesOnWhenNoCommitPositionIsKnown() {
        source.enable(false, 1);
        source.handleAck(2, pos(4), 0);
        assertTrue(source.isOn());
    }

    @Test
    void whileOffEveryEventAtOrPastTheCommitPositionAsksForAnAck() {
        source.enable(true, 1);
        source.writeTranxInBinlog(List.of(pos(449)), true, at -> { });
        source.switchOff(0);
        assertFalse(source.requestAck(pos(300)));
        assertTrue(source.requestAck(pos(449)));
        assertTrue(source.requestAck(pos(500)));
    }

    @Test
    void whileOnOnlyAFlushGroupEndAsksForAnAck() {
        source.enable(true, 1);
        source.writeTranxInBinlog(List.of(pos(449)), true, at -> { });
        assertFalse(source.requestAck(pos(236)), "a GTID event inside the group");
        assertTrue(source.requestAck(pos(449)));
    }

    @Test
    void losingTheLastReplicaSwitchesOffOnlyWithWaitNoReplicaOff() {
        source.enable(true, 1);
        source.addReplica();
        source.removeReplica(true, false, 0);
        assertTrue(source.isOn(), "wait_no_replica=ON: the next commit will wait the full timeout");
        source.addReplica();
        source.removeReplica(false, false, 0);
        assertFalse(source.isOn());
    }

    @Test
    void disablingReleasesWaitersAsAsync() {
        source.enable(true, 1);
        long id = ((SemisyncSource.Wait.Hold) commit(449, 0)).waiter();
        source.disable(500);
        assertTrue(events.contains("released " + id + " no"));
        assertEquals(1, source.txWaits(), "woken by the switch-off, not by its own timeout");
        assertEquals(List.of("disabled"), events.subList(events.size() - 1, events.size()));
    }

    @Test
    void waitNoReplicaOnForcesStatusOnWithoutAnAck() {
        source.enable(false, 1);
        source.setWaitNoReplica(true, 0);
        assertTrue(source.isOn());
        assertEquals(0, source.noTimes(), "forcing ON is not a switch-off");
    }

    @Test
    void quorumOfTwoNeedsTwoDistinctServers() {
        source.enable(true, 2);
        long id = ((SemisyncSource.Wait.Hold) commit(449, 0)).waiter();
        source.handleAck(2, pos(449), 1);
        source.handleAck(2, pos(449), 2);
        assertEquals(1, source.waitSessions(), "the same server twice is not a quorum");
        source.handleAck(3, pos(449), 3);
        assertTrue(events.contains("released " + id + " yes"));
    }

    @Test
    void resetMasterZeroesCountersButKeepsState() {
        source.enable(true, 1);
        source.switchOff(0);
        source.setWaitNoReplica(true, 0);
        source.resetMaster(0);
        assertEquals(0, source.noTimes());
        assertTrue(source.isOn());
    }
}
