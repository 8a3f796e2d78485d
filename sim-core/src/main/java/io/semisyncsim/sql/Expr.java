package io.semisyncsim.sql;

import io.semisyncsim.sql.Statement.Scope;
import java.util.List;

/**
 * An expression as the parser hands it over. {@code text} is the expression as written, which is what
 * a select item's column is called when it has no alias (the mysql client prints it as the header).
 */
public sealed interface Expr {

    String text();

    /** Whether this expression, or one inside it, calls a function named in {@code names} (upper case). */
    default boolean calls(java.util.Set<String> names) {
        return calls(f -> names.contains(f.name()));
    }

    /** Whether this expression, or one inside it, is a function call {@code which} accepts. */
    default boolean calls(java.util.function.Predicate<Function> which) {
        if (this instanceof Function f && which.test(f)) {
            return true;
        }
        for (Expr e : children()) {
            if (e != null && e.calls(which)) {
                return true;
            }
        }
        return false;
    }

    /** Visits this expression and every one inside it, outer first, left to right. */
    default void visit(java.util.function.Consumer<Expr> visitor) {
        visitor.accept(this);
        for (Expr e : children()) {
            if (e != null) {
                e.visit(visitor);
            }
        }
    }

    /** The expressions directly inside this one. */
    private List<Expr> children() {
        if (this instanceof Unary u) {
            return List.of(u.operand());
        } else if (this instanceof Binary b) {
            return List.of(b.left(), b.right());
        } else if (this instanceof In in) {
            List<Expr> all = new java.util.ArrayList<>(in.list());
            all.add(in.value());
            return all;
        } else if (this instanceof Between b) {
            return List.of(b.value(), b.low(), b.high());
        } else if (this instanceof Like l) {
            return List.of(l.value(), l.pattern());
        } else if (this instanceof IsNull n) {
            return List.of(n.value());
        } else if (this instanceof IsBoolean b) {
            return List.of(b.value());
        } else if (this instanceof Function f) {
            return f.args();
        } else if (this instanceof Interval iv) {
            return List.of(iv.amount());
        } else if (this instanceof Case c) {
            List<Expr> all = new java.util.ArrayList<>(c.when());
            all.addAll(c.then());
            all.add(c.value());
            all.add(c.otherwise());
            return all;
        }
        return List.of();
    }

    /**
     * A constant: {@link Long}, {@link java.math.BigInteger}, {@link java.math.BigDecimal}, {@link Double},
     * {@link String} or null (NULL); {@code text} is a string's value, as MySQL names that column.
     */
    record Literal(Object value, String text) implements Expr {
    }

    /** A column, {@code [table.]name}. */
    record Column(String table, String name, String text) implements Expr {
    }

    /** {@code @@[global.|session.]name}. */
    record SystemVariable(Scope scope, String name, String text) implements Expr {
    }

    /** {@code @name}. */
    record UserVariable(String name, String text) implements Expr {
    }

    /** {@code NOT x}, {@code -x}, {@code +x}, {@code ~x}. */
    record Unary(String op, Expr operand, String text) implements Expr {
    }

    /** Arithmetic ({@code + - * / DIV % MOD}), comparison ({@code = <=> <> != < <= > >=}), AND, OR, XOR. */
    record Binary(String op, Expr left, Expr right, String text) implements Expr {
    }

    /**
     * {@code INTERVAL amount unit}, one side of a date's + or -, or DATE_ADD's second argument; {@code unit}
     * upper-cased, one of MICROSECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR.
     */
    record Interval(Expr amount, String unit, String text) implements Expr {
    }

    record In(Expr value, List<Expr> list, boolean not, String text) implements Expr {
        public In {
            list = List.copyOf(list);
        }
    }

    record Between(Expr value, Expr low, Expr high, boolean not, String text) implements Expr {
    }

    record Like(Expr value, Expr pattern, boolean not, String text) implements Expr {
    }

    record IsNull(Expr value, boolean not, String text) implements Expr {
    }

    /** {@code IS [NOT] TRUE|FALSE}. */
    record IsBoolean(Expr value, boolean truth, boolean not, String text) implements Expr {
    }

    /**
     * A function call, name upper-cased; aggregates ({@code COUNT SUM MIN MAX AVG}) included.
     * {@code star}: {@code COUNT(*)}; {@code distinct}: {@code COUNT(DISTINCT x)}.
     */
    record Function(String name, List<Expr> args, boolean star, boolean distinct, String text) implements Expr {
        public Function {
            args = List.copyOf(args);
        }

        public boolean isAggregate() {
            return switch (name) {
                case "COUNT", "SUM", "MIN", "MAX", "AVG" -> true;
                default -> false;
            };
        }
    }

    /** {@code CASE [value] WHEN ... THEN ... [ELSE ...] END}. */
    /**
     * The target of CAST(x AS type) and CONVERT(x, type), as the grammar's cast_type: {@code kind} SIGNED,
     * UNSIGNED, CHAR, BINARY, DECIMAL, DOUBLE, DATE, DATETIME or TIME; {@code length} CHAR(n)/BINARY(n)'s
     * characters, DECIMAL's precision or DATETIME/TIME's fraction digits (null: none written);
     * {@code scale} DECIMAL's. A CAST is a {@link Function} named CAST whose second argument is a
     * {@link Literal} holding this.
     */
    record CastType(String kind, Integer length, Integer scale) {
        public boolean numeric() {
            return switch (kind) {
                case "SIGNED", "UNSIGNED", "DECIMAL", "DOUBLE" -> true;
                default -> false;
            };
        }
    }

    record Case(Expr value, List<Expr> when, List<Expr> then, Expr otherwise, String text) implements Expr {
        public Case {
            when = List.copyOf(when);
            then = List.copyOf(then);
        }
    }

    /** Whether this expression, or one inside it, is an aggregate. */
    static boolean hasAggregate(Expr e) {
        if (e instanceof Function f) {
            if (f.isAggregate()) {
                return true;
            }
            return f.args().stream().anyMatch(Expr::hasAggregate);
        }
        if (e instanceof Unary u) {
            return hasAggregate(u.operand());
        }
        if (e instanceof Binary b) {
            return hasAggregate(b.left()) || hasAggregate(b.right());
        }
        if (e instanceof In in) {
            return hasAggregate(in.value()) || in.list().stream().anyMatch(Expr::hasAggregate);
        }
        if (e instanceof Between b) {
            return hasAggregate(b.value()) || hasAggregate(b.low()) || hasAggregate(b.high());
        }
        if (e instanceof Like l) {
            return hasAggregate(l.value()) || hasAggregate(l.pattern());
        }
        if (e instanceof IsNull n) {
            return hasAggregate(n.value());
        }
        if (e instanceof IsBoolean n) {
            return hasAggregate(n.value());
        }
        if (e instanceof Case c) {
            return c.value() != null && hasAggregate(c.value()) || c.when().stream().anyMatch(Expr::hasAggregate)
                    || c.then().stream().anyMatch(Expr::hasAggregate) || c.otherwise() != null && hasAggregate(c.otherwise());
        }
        return false;
    }
}
