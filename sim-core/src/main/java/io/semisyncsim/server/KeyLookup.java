package io.semisyncsim.server;

import io.semisyncsim.sql.Expr;
import io.semisyncsim.table.Table;

/**
 * A WHERE that pins a one-column primary key to a constant ({@code id = 5}, alone or ANDed with other
 * conditions) finds its row by key, as InnoDB's index lookup does, instead of reading every row: the
 * implicit table of a long workload holds millions.
 */
final class KeyLookup {
    private KeyLookup() {
    }

    /** The constant the primary key must equal, or null when WHERE does not pin it. */
    static Object value(Table table, Expr where) {
        if (where == null || table.def().primaryKey().size() != 1) {
            return null;
        }
        String pk = table.def().primaryKey().get(0);
        if (where instanceof Expr.Binary b && b.op().equals("AND")) {
            Object left = value(table, b.left());
            return left != null ? left : value(table, b.right());
        }
        if (where instanceof Expr.Binary b && b.op().equals("=")) {
            if (isKey(b.left(), pk) && b.right() instanceof Expr.Literal l) {
                return l.value();
            }
            if (isKey(b.right(), pk) && b.left() instanceof Expr.Literal l) {
                return l.value();
            }
        }
        return null;
    }

    private static boolean isKey(Expr e, String pk) {
        return e instanceof Expr.Column c && c.name().equalsIgnoreCase(pk);
    }
}
