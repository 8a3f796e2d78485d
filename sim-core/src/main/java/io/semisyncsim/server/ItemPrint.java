package io.semisyncsim.server;

import io.semisyncsim.sql.Expr;
import java.util.Locale;
import java.util.function.Function;

/**
 * An expression as the server prints it back in an error (Item::print, as 1690 quotes it: "BIGINT value is out
 * of range in '`test`.`s`.`b` + 1'"): binary operators with a space each side and parentheses only where the
 * operators' precedence needs them, function names in lower case with their arguments joined by commas, a column
 * with its database and table. Measured on MariaDB 10.11.18.
 */
final class ItemPrint {
    private ItemPrint() {
    }

    /** {@code e} printed; {@code column} writes a column as `db`.`table`.`name`. */
    static String print(Expr e, Function<Expr.Column, String> column) {
        if (e instanceof Expr.Literal l) {
            return l.text();
        }
        if (e instanceof Expr.Column c) {
            return column.apply(c);
        }
        if (e instanceof Expr.Unary u) {
            String operand = print(u.operand(), column);
            return u.op().equals("-") && u.operand() instanceof Expr.Literal ? "-" + operand
                    : u.op().equals("NOT") ? "!(" + operand + ")" : u.op() + "(" + operand + ")";
        }
        if (e instanceof Expr.Binary b) {
            int p = precedence(b.op());
            String left = print(b.left(), column);
            String right = print(b.right(), column);
            if (b.left() instanceof Expr.Binary l && precedence(l.op()) < p) {
                left = "(" + left + ")";
            }
            if (b.right() instanceof Expr.Binary r && precedence(r.op()) <= p) {
                right = "(" + right + ")";
            }
            return left + " " + b.op() + " " + right;
        }
        if (e instanceof Expr.Function f) {
            StringBuilder out = new StringBuilder(f.name().toLowerCase(Locale.ROOT)).append('(');
            for (int i = 0; i < f.args().size(); i++) {
                out.append(i == 0 ? "" : ",").append(print(f.args().get(i), column));
            }
            return out.append(')').toString();
        }
        return e.text();
    }

    /** sql_yacc.yy's precedence, higher binding tighter. */
    private static int precedence(String op) {
        return switch (op) {
            case "*", "/", "DIV", "%", "MOD" -> 6;
            case "+", "-" -> 5;
            case "AND" -> 2;
            case "XOR" -> 1;
            case "OR" -> 0;
            default -> 4; // comparisons
        };
    }
}
