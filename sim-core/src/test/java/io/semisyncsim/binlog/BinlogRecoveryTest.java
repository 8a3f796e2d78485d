package io.semisyncsim.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.gtid.Gtid;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery's decision over the binary log's prepared tail: commit (MySQL, MariaDB), or MariaDB's
 * semisync-slave truncation with --init-rpl-role=SLAVE (MDEV-21117, log.cc Recovery_context).
 */
class BinlogRecoveryTest {
    private static Transaction trx(long seq) {
        return new Transaction(seq, new Gtid.Domain(0, 1, seq), seq, List.of(Transaction.RowChange.generatedInsert("t1", seq)));
    }

    private static final Transaction T1 = trx(1);
    private static final Transaction T2 = trx(2);
    private static final Transaction T3 = trx(3);
    private static final Transaction T4 = trx(4);

    @Test
    void normalRecoveryCommitsEveryPreparedTransactionTheBinlogHolds() {
        BinlogRecovery.Decision d = BinlogRecovery.decide(List.of(T1, T2, T3), List.of(T2, T3), false);
        assertEquals(List.of(T2, T3), d.commit());
        assertEquals(List.of(), d.rollBack());
        assertNull(d.truncateFrom());
    }

    @Test
    void asASlaveItRollsBackThePreparedTailAndCutsTheLogAtItsFirstTransaction() {
        BinlogRecovery.Decision d = BinlogRecovery.decide(List.of(T1, T2, T3), List.of(T2, T3), true);
        assertEquals(List.of(), d.commit());
        assertEquals(List.of(T2, T3), d.rollBack());
        assertEquals(T2, d.truncateFrom());
    }

    @Test
    void aCommittedTransactionAfterAPreparedOneMovesTheCutPastIt() {
        // [g1, G2, g3]: g1 was acknowledged (G2 after it committed), so only g3 is cut (reset_truncate_coord).
        BinlogRecovery.Decision d = BinlogRecovery.decide(List.of(T1, T2, T3, T4), List.of(T2, T4), true);
        assertEquals(List.of(T2), d.commit());
        assertEquals(List.of(T4), d.rollBack());
        assertEquals(T4, d.truncateFrom());
    }

    @Test
    void withNothingPreparedAtTheEndNothingIsCut() {
        BinlogRecovery.Decision d = BinlogRecovery.decide(List.of(T1, T2, T3), List.of(T2), true);
        assertEquals(List.of(T2), d.commit());
        assertNull(d.truncateFrom());
    }

    @Test
    void aPreparedTransactionTheLogLacksIsRolledBack() {
        BinlogRecovery.Decision d = BinlogRecovery.decide(List.of(T1), List.of(T2), false);
        assertEquals(List.of(), d.commit());
        assertEquals(List.of(T2), d.rollBack());
    }
}
