package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import java.util.ArrayList;
import java.util.List;

/** A client connection's state: the transaction it has open (after BEGIN), if any. */
public final class Session {
    private List<Transaction.RowChange> open;

    public boolean inTransaction() {
        return open != null;
    }

    void begin() {
        open = new ArrayList<>();
    }

    void add(List<Transaction.RowChange> changes) {
        open.addAll(changes);
    }

    /** Ends the open transaction and hands over its changes. */
    List<Transaction.RowChange> take() {
        List<Transaction.RowChange> changes = open == null ? List.of() : open;
        open = null;
        return changes;
    }

    /** Whether this session's own uncommitted changes insert (or delete) {@code key}. */
    Boolean pendingExists(String table, long key) {
        if (open == null) {
            return null;
        }
        Boolean exists = null;
        for (Transaction.RowChange c : open) {
            if (c.table().equals(table) && c.key() == key) {
                exists = c.kind() != io.semisyncsim.binlog.EventType.DELETE_ROWS;
            }
        }
        return exists;
    }
}
