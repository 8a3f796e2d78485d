package io.semisyncsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: the actor run and the bare loop do exactly the same work. */
class RelayRingTest {

    @Test
    void actorRunAndBareLoopAgreeOnWorkTimeAndOrder() {
        RelayRing.Result actors = RelayRing.run(5, 4, 3, 200);
        RelayRing.Result bare = BareRelayRing.run(5, 4, 3, 200);
        assertEquals(bare, actors);
        assertEquals(3 * (2 * 200 + 1), actors.messages());
    }
}
