package io.semisyncsim.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** exec_relay_log_event's retry of a transaction after a lock wait timeout (slave.cc). */
class TransactionRetriesTest {
    private final TransactionRetries retries = new TransactionRetries();

    @Test
    void theFirstRetryComesAtOnceAndEachNextSleepsASecondMoreUpToFive() {
        List<Long> sleeps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            assertEquals(TransactionRetries.Next.RETRY, retries.failed(10));
            sleeps.add(retries.sleepMicros() / 1_000_000);
            retries.retried();
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 5L, 5L), sleeps);
    }

    @Test
    void onceTheRetriesAreSpentTheThreadGivesUp() {
        retries.retried();
        retries.retried();
        assertEquals(TransactionRetries.Next.GIVE_UP, retries.failed(2));
        assertEquals(TransactionRetries.Next.RETRY, retries.failed(3), "read at each failure: a SET GLOBAL counts");
    }

    @Test
    void zeroRetriesIsNoRetryAtAll() {
        assertEquals(TransactionRetries.Next.STOP, retries.failed(0));
    }

    @Test
    void anAppliedTransactionStartsTheNextWithNoTries() {
        retries.retried();
        retries.retried();
        retries.applied();
        assertEquals(0, retries.sleepMicros());
        assertEquals(TransactionRetries.Next.RETRY, retries.failed(1));
    }
}
