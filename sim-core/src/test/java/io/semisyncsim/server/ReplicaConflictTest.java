package io.semisyncsim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.semisyncsim.binlog.EventType;
import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.binlog.Transaction.RowChange;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.table.RowConflict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What stops a replica applying a transaction as its source made it: the replica's own data, judged
 * change by change as the transaction's earlier changes leave it (log_event_server.cc write_row, find_row).
 */
class ReplicaConflictTest {
    private final TableStore replica = new TableStore(Flavors.standard().get("mariadb-10.11"));

    private static Transaction trx(RowChange... changes) {
        return new Transaction(1, null, 0, List.of(changes));
    }

    private static RowChange insert(long id, String v) {
        return RowChange.images(EventType.WRITE_ROWS, "test", "t1", null, new Object[] {id, v});
    }

    private static RowChange update(long id, String from, String to) {
        return RowChange.images(EventType.UPDATE_ROWS, "test", "t1", new Object[] {id, from}, new Object[] {id, to});
    }

    private static RowChange delete(long id, String v) {
        return RowChange.images(EventType.DELETE_ROWS, "test", "t1", new Object[] {id, v}, null);
    }

    @Test
    void aRowWhoseKeyTheReplicaHoldsAlreadyIsADuplicate() {
        replica.apply(trx(insert(1, "written on the replica")));
        TableStore.Conflict c = replica.conflict(trx(insert(1, "from the source")));
        assertEquals(new TableStore.Conflict(0, RowConflict.duplicate("1")), c);
    }

    @Test
    void aRowToUpdateOrDeleteThatTheReplicaLacksIsNotFound() {
        assertEquals(RowConflict.notFound(), replica.conflict(trx(update(2, "a", "b"))).conflict());
        assertEquals(RowConflict.notFound(), replica.conflict(trx(delete(2, "a"))).conflict());
    }

    @Test
    void aCommitStepsRowIsJudgedByItsKey() {
        replica.apply(trx(new RowChange(EventType.WRITE_ROWS, "t1", 7, null)));
        assertEquals(RowConflict.duplicate("7"),
                replica.conflict(trx(new RowChange(EventType.WRITE_ROWS, "t1", 7, null))).conflict());
        assertNull(replica.conflict(trx(new RowChange(EventType.WRITE_ROWS, "t1", 8, null))));
    }

    @Test
    void aRowTheTransactionInsertsMayBeChangedLaterInTheSameTransaction() {
        assertNull(replica.conflict(trx(insert(3, "a"), update(3, "a", "b"), delete(3, "b"))));
    }

    @Test
    void theFirstChangeThatCannotApplyIsNamedByItsPlace() {
        replica.apply(trx(insert(5, "there")));
        assertEquals(new TableStore.Conflict(1, RowConflict.duplicate("5")),
                replica.conflict(trx(insert(4, "new"), insert(5, "again"))));
    }

    @Test
    void everyConflictCanBeListedForAnApplierThatGoesPastThem() {
        replica.apply(trx(insert(5, "there")));
        assertEquals(List.of(new TableStore.Conflict(0, RowConflict.notFound()),
                        new TableStore.Conflict(2, RowConflict.duplicate("5"))),
                replica.conflicts(trx(update(4, "a", "b"), insert(6, "new"), insert(5, "again")), true));
    }

    @Test
    void aTableDroppedHereIsMissingRatherThanImplicit() {
        replica.catalog().apply(new io.semisyncsim.table.Ddl.DropTables(
                List.of(new io.semisyncsim.table.TableName("test", "t1"))));
        assertEquals(RowConflict.tableMissing(), replica.conflict(trx(insert(1, "a"))).conflict());
        assertNull(replica.catalog().readable("test", "t1"), "a statement meets 1146 too");
    }

    @Test
    void aTableOfAnotherDatabaseTheReplicaLacksIsMissing() {
        RowChange intoShop = RowChange.images(EventType.WRITE_ROWS, "shop", "orders", null, new Object[] {1L, 5L});
        assertEquals(RowConflict.tableMissing(), replica.conflict(trx(intoShop)).conflict(),
                "outside the default database no table comes into being by itself");
    }

    @Test
    void anUpdateThatMatchedNoRowOnTheReplicaChangesNothing() {
        replica.apply(trx(update(9, "a", "b"))); // a statement applied as the source wrote it: no row there
        assertEquals(0, replica.rowCount("t1"));
    }
}
