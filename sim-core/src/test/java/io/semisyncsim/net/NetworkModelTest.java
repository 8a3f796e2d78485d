package io.semisyncsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.kernel.RandomStreams;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The link model: latency, jitter, order, and what partitions and resets do. */
class NetworkModelTest {
    private final NetworkModel net = new NetworkModel(new LinkSpec(500, 0), new RandomStreams(1));

    @Test
    void packetArrivesAfterTheOneWayLatency() {
        long c = net.open("replica1", "source");
        assertEquals(new Delivery(1_500, c, "source", "replica1", "event"), net.send(1_000, c, "source", "event"));
    }

    @Test
    void perLinkLatencyIsPerDirection() {
        net.setLink("source", "replica2", new LinkSpec(20_000, 0));
        long c = net.open("replica2", "source");
        assertEquals(20_000, net.send(0, c, "source", "x").time());
        assertEquals(500, net.send(0, c, "replica2", "ack").time());
    }

    @Test
    void jitterNeverReordersAConnection() {
        NetworkModel jittery = new NetworkModel(new LinkSpec(500, 400), new RandomStreams(9));
        long c = jittery.open("replica1", "source");
        long last = 0;
        for (int i = 0; i < 1_000; i++) {
            Delivery d = jittery.send(i, c, "source", i);
            assertTrue(d.time() >= last, "packet " + i + " overtook an earlier one");
            assertTrue(d.time() >= i + 100 && d.time() <= Math.max(last, i + 900));
            last = d.time();
        }
    }

    @Test
    void jitterIsTheSameForTheSameSeed() {
        NetworkModel a = new NetworkModel(new LinkSpec(500, 400), new RandomStreams(3));
        NetworkModel b = new NetworkModel(new LinkSpec(500, 400), new RandomStreams(3));
        long ca = a.open("r", "s");
        long cb = b.open("r", "s");
        for (int i = 0; i < 100; i++) {
            assertEquals(a.send(i * 10, ca, "s", i).time(), b.send(i * 10, cb, "s", i).time());
        }
    }

    @Test
    void partitionHoldsPacketsSilentlyAndHealDeliversThemInOrder() {
        long c = net.open("replica1", "source");
        net.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
        assertNull(net.send(0, c, "source", "e1"));
        assertNull(net.send(10, c, "source", "e2"));
        List<Delivery> released = net.heal(5_000);
        assertEquals(List.of(new Delivery(5_500, c, "source", "replica1", "e1"),
                new Delivery(5_500, c, "source", "replica1", "e2")), released);
    }

    @Test
    void oneWayPartitionCutsOnlyThatDirection() {
        long c = net.open("replica1", "source");
        net.partition(Set.of("source"), Set.of("replica1"), false, NetworkModel.Cut.HOLD);
        assertNull(net.send(0, c, "source", "event"));
        assertEquals(500, net.send(0, c, "replica1", "ack").time());
    }

    @Test
    void droppedPacketsAreGoneAndTheConnectionStaysDeadAfterHeal() {
        long c = net.open("replica1", "source");
        net.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.DROP);
        assertNull(net.send(0, c, "source", "lost"));
        assertEquals(List.of(), net.heal(1_000));
        assertNull(net.send(2_000, c, "source", "after heal"), "a connection whose retransmissions gave up");
        long fresh = net.open("replica1", "source");
        assertEquals(2_500, net.send(2_000, fresh, "source", "new connection").time());
    }

    @Test
    void packetsSentAfterHealQueueBehindHeldOnes() {
        long c = net.open("replica1", "source");
        net.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
        net.send(0, c, "source", "held");
        List<Delivery> released = net.heal(1_000);
        Delivery later = net.send(1_000, c, "source", "later");
        assertTrue(later.time() >= released.get(0).time());
    }

    @Test
    void healingOneLinkReleasesItsPacketsAndLeavesTheOtherCuts() {
        long one = net.open("replica1", "source");
        long two = net.open("replica2", "source");
        net.partition(Set.of("source"), Set.of("replica1", "replica2"), true, NetworkModel.Cut.HOLD);
        assertNull(net.send(0, one, "source", "e1"));
        assertNull(net.send(0, two, "source", "e2"));
        assertEquals(List.of(new Delivery(1_500, one, "source", "replica1", "e1")),
                net.heal(1_000, "source", "replica1", true));
        assertNull(net.send(2_000, two, "source", "still cut"));
        assertTrue(net.isCut("replica2", "source"));
        assertTrue(!net.isCut("replica1", "source"));
    }

    @Test
    void healingOneDirectionLeavesTheOtherCut() {
        long c = net.open("replica1", "source");
        net.partition(Set.of("source"), Set.of("replica1"), true, NetworkModel.Cut.HOLD);
        assertNull(net.send(0, c, "replica1", "ack"));
        assertEquals(List.of(), net.heal(1_000, "source", "replica1", false), "the held ACK goes the other way");
        assertEquals(1_500, net.send(1_000, c, "source", "event").time());
        assertNull(net.send(1_000, c, "replica1", "ack2"));
    }

    @Test
    void resetTellsBothEndsAndClosesTheConnection() {
        long c = net.open("replica1", "source");
        assertEquals(List.of("replica1", "source"), net.reset(c));
        assertTrue(!net.isOpen(c));
        assertEquals(List.of(), net.connectionsOf("source"));
    }
}
