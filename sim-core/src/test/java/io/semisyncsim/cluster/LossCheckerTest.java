package io.semisyncsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LossCheckerTest {

    @Test
    void nothingIsLostWhenTheNewSourceHasEverything() {
        assertEquals(new LossChecker.Losses(0, 0), LossChecker.check(Set.of(1L, 2L), Set.of(1L, 2L), Set.of(1L, 2L, 3L)));
    }

    @Test
    void anAcknowledgedRowTheNewSourceLacksIsLostForItsClient() {
        assertEquals(new LossChecker.Losses(1, 1), LossChecker.check(Set.of(1L, 2L), Set.of(1L, 2L), Set.of(1L)));
    }

    @Test
    void aRowOnlyVisibleWhileItsClientWaitedCountsAsVisibleNotAcknowledged() {
        // AFTER_COMMIT: row 3 was committed in the engine and readable, its client never got OK.
        assertEquals(new LossChecker.Losses(0, 1), LossChecker.check(Set.of(1L, 2L), Set.of(1L, 2L, 3L), Set.of(1L, 2L)));
    }

    @Test
    void rowsTheNewSourceHasBeyondTheOldOnesAreNotLosses() {
        assertEquals(new LossChecker.Losses(0, 0), LossChecker.check(Set.of(), Set.of(), Set.of(9L)));
    }
}
