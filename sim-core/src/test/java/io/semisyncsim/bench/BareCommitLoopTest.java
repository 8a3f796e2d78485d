package io.semisyncsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BareCommitLoopTest {

    @Test
    void aLoneCommitTakesTheSyncAndOneRoundTrip() {
        BareCommitLoop.Result r = BareCommitLoop.run(1, 3, 1, 500);
        assertEquals(1, r.commits());
        assertEquals(205 + 500 + 10 + 500 + 10, r.virtualMicros(), "ends with the late replicas' ACKs");
    }

    @Test
    void everyCommitIsDoneAndCountsItsMessages() {
        BareCommitLoop.Result r = BareCommitLoop.run(16, 3, 1000, 500);
        assertEquals(1000, r.commits());
        assertEquals(1000 * (1 + 1 + 3 + 3 + 1), r.events());
    }
}
