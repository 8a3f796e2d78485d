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
        if (table.def().primaryKey().size() != 1) {
            return null;
        }
        Expr.Literal l = constant(table.def().primaryKey().get(0), where);
        return l == null ? null : l.value();
    }

    /** The constant WHERE sets {@code column} to ({@code column = constant}, alone or under AND), or null. */
    static Expr.Literal constant(String column, Expr where) {
        if (where instanceof Expr.Binary b && b.op().equals("AND")) {
            Expr.Literal left = constant(column, b.left());
            return left != null ? left : constant(column, b.right());
        }
        if (where instanceof Expr.Binary b && b.op().equals("=")) {
            if (names(b.left(), column) && b.right() instanceof Expr.Literal l) {
                return l;
            }
            if (names(b.right(), column) && b.left() instanceof Expr.Literal l) {
                return l;
            }
        }
        return null;
    }

    private static boolean names(Expr e, String column) {
        return e instanceof Expr.Column c && c.name().equalsIgnoreCase(column);
    }
}
