package io.semisyncsim.server;

import io.semisyncsim.binlog.Transaction;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * What a DML statement's own evaluation decides about how the binary log writes it (binlog.cc and
 * log_event_server.cc on the way from a statement to its events): whether it is unsafe to replay as a
 * statement (THD::decide_logging_format: MIXED writes its rows, STATEMENT warns), its Query event's clock
 * status variables, and the context a replica needs to run it alike (the LAST_INSERT_ID() it reads, the
 * user variables it names). Rules and texts are the flavour's (flavors.conf {@code sql}).
 */
final class StatementBinlogging {
    private final Mysqld server;

    StatementBinlogging(Mysqld server) {
        this.server = server;
    }

    /** The server's flavour, asked each time: a node learns its flavour after its statement handlers exist. */
    private Flavor flavor() {
        return server.flavor();
    }

    /**
     * What a statement's own evaluation decides about its binlog: whether it is unsafe to replay (MIXED then
     * writes its rows), the first AUTO_INCREMENT value it generated, and its Query event's clock status bytes.
     */
    record Logged(java.util.Set<Unsafe> unsafe, long insertId, int clockBytes, Long lastInsertId,
                  Transaction.RandSeeds rand, List<Transaction.UserVar> userVars) {
    }

    /**
     * Why a statement is unsafe to replay, in the server's order (LEX::enum_binlog_stmt_unsafe: LIMIT before a
     * system function before UPDATE IGNORE before two unique keys); MIXED writes it in rows, STATEMENT writes
     * it as it is with one Note 1592 and one error-log line per reason (THD::issue_unsafe_warnings loops
     * over the flags; measured on MariaDB 10.11.18).
     */
    enum Unsafe { LIMIT, SYSTEM_FUNCTION, INSERT_IGNORE_SELECT, INSERT_SELECT_UPDATE, WRITE_AUTOINC_SELECT,
        REPLACE_SELECT, UPDATE_IGNORE, INSERT_TWO_KEYS }

    /**
     * INSERT ... SELECT's own reasons, which all come from the SELECT's row order deciding what is written:
     * IGNORE (which rows are skipped), ON DUPLICATE KEY UPDATE (which are updated), REPLACE (which replaced),
     * and a SELECT from a table into a table with an AUTO_INCREMENT column (which ids they get). A plain one
     * is safe: MIXED writes it as the statement (measured on MariaDB 10.11.18).
     */
    static java.util.Set<Unsafe> insertSelect(boolean ignore, boolean onDuplicate, boolean replace,
                                             boolean autoIncrementFromTable) {
        java.util.Set<Unsafe> why = java.util.EnumSet.noneOf(Unsafe.class);
        if (ignore) {
            why.add(Unsafe.INSERT_IGNORE_SELECT);
        }
        if (onDuplicate) {
            why.add(Unsafe.INSERT_SELECT_UPDATE);
        }
        if (autoIncrementFromTable) {
            why.add(Unsafe.WRITE_AUTOINC_SELECT);
        }
        if (replace) {
            why.add(Unsafe.REPLACE_SELECT);
        }
        return why;
    }

    /** The reasons, in order; empty: safe. */
    static java.util.Set<Unsafe> unsafe(boolean limit, boolean systemFunction, boolean twoKeys) {
        return unsafe(limit, systemFunction, false, twoKeys);
    }

    /**
     * An upsert on a table with two unique keys that calls a system function is flagged for the function
     * only (measured on MariaDB 10.11.18: one Note, where the same upsert without it has the two-keys one).
     */
    static java.util.Set<Unsafe> unsafe(boolean limit, boolean systemFunction, boolean updateIgnore,
                                        boolean twoKeys) {
        java.util.Set<Unsafe> why = java.util.EnumSet.noneOf(Unsafe.class);
        if (limit) {
            why.add(Unsafe.LIMIT);
        }
        if (systemFunction) {
            why.add(Unsafe.SYSTEM_FUNCTION);
        }
        if (updateIgnore) {
            why.add(Unsafe.UPDATE_IGNORE);
        }
        if (twoKeys && !systemFunction) {
            why.add(Unsafe.INSERT_TWO_KEYS);
        }
        return why;
    }

    /** ER_BINLOG_UNSAFE_STATEMENT with the reason's own text (literal keys: TextKeysTest reads them). */
    Warning note(Unsafe why) {
        String reason = switch (why) {
            case LIMIT -> flavor().error("unsafe-limit").getMessage();
            case SYSTEM_FUNCTION -> flavor().error("unsafe-system-function").getMessage();
            case UPDATE_IGNORE -> flavor().error("unsafe-update-ignore").getMessage();
            case INSERT_IGNORE_SELECT -> flavor().error("unsafe-insert-ignore-select").getMessage();
            case INSERT_SELECT_UPDATE -> flavor().error("unsafe-insert-select-update").getMessage();
            case WRITE_AUTOINC_SELECT -> flavor().error("unsafe-write-autoinc-select").getMessage();
            case REPLACE_SELECT -> flavor().error("unsafe-replace-select").getMessage();
            case INSERT_TWO_KEYS -> flavor().error("unsafe-insert-two-keys").getMessage();
        };
        return new Warning("Note", 1592, flavor().errorText(1592, reason));
    }

    /**
     * What a statement that reads {@code read} logs of its session for a replica: the LAST_INSERT_ID() it reads
     * (its value before the statement, {@code lastInsertId}), and each user variable it names, in order.
     */
    Logged logged(java.util.Set<Unsafe> unsafe, long insertId, int clockBytes, List<Expr> read, long lastInsertId,
                  Session session, Evaluator ev) {
        boolean[] readsId = {false};
        java.util.LinkedHashMap<String, Transaction.UserVar> vars = new java.util.LinkedHashMap<>();
        for (Expr e : read) {
            if (e == null) {
                continue;
            }
            e.visit(x -> {
                if (x instanceof Expr.Function f && f.name().equals("LAST_INSERT_ID") && f.args().isEmpty()) {
                    readsId[0] = true;
                } else if (x instanceof Expr.UserVariable u) {
                    String name = u.name().toLowerCase(java.util.Locale.ROOT);
                    vars.putIfAbsent(name, new Transaction.UserVar(name, session.userVariable(name)));
                }
            });
        }
        long[] seeds = ev.randSeeds(read);
        return new Logged(unsafe, insertId, clockBytes, readsId[0] ? (Long) lastInsertId : null,
                seeds == null ? null : new Transaction.RandSeeds(seeds[0], seeds[1]), List.copyOf(vars.values()));
    }

    /**
     * What a statement's rows did with the clock, as the status variables its Query event then carries: a
     * TIMESTAMP converted reads the time zone; a DATETIME's CURRENT_TIMESTAMP default or ON UPDATE filled reads
     * the zone and the microseconds; a TIMESTAMP's reads neither zone (it is stored in UTC) nor, at no
     * fractional digits, the microseconds (measured on MariaDB 10.11.18: 12 bytes, 4 for TIMESTAMP(3), 0).
     */
    static final class Clock {
        boolean timeZone;
        boolean microseconds;

        /** A value the statement gave column {@code c}: a TIMESTAMP converts it with the time zone (or not). */
        void given(ColumnDef c, Object v) {
            timeZone |= c.type().convertsWithTimeZone(v);
        }

        /** An inserted row: {@code given[k]}, whether the statement gave column k (else its default filled it). */
        void row(TableDef def, boolean[] given) {
            for (int k = 0; k < given.length; k++) {
                ColumnDef c = def.columns().get(k);
                if (!given[k] && c.defaultValue().kind() == ColumnDef.Default.Kind.NOW) {
                    filledNow(c);
                }
            }
        }

        /** An updated row: {@code assigned[k]}, whether SET gave column k; ON UPDATE CURRENT_TIMESTAMP fills the rest. */
        void updated(TableDef def, boolean[] assigned) {
            for (int k = 0; k < assigned.length; k++) {
                ColumnDef c = def.columns().get(k);
                if (!assigned[k] && c.onUpdateNow()) {
                    filledNow(c);
                }
            }
        }

        /** Column {@code c} took the current time (its default, ON UPDATE, or NULL into a NOT NULL TIMESTAMP). */
        void filledNow(ColumnDef c) {
            boolean timestamp = c.type().kind() == io.semisyncsim.table.ColumnType.Kind.TIMESTAMP;
            timeZone |= !timestamp;
            microseconds |= !timestamp || c.type().fsp() > 0;
        }
    }

    /** The clock status variables a statement's Query event carries (flavors.conf sql.clock). */
    int clockBytes(List<Expr> read, boolean timeZone, boolean microseconds) {
        Flavor.SqlRules rules = flavor().sql();
        java.util.Set<String> zone = rules.timeZoneFunctions();
        java.util.Set<String> micro = rules.microsecondFunctions();
        boolean tz = timeZone;
        boolean us = microseconds;
        for (Expr e : read) {
            if (e != null) {
                tz |= e.calls(f -> zone.contains(f.name()) || f.name().equals("UNIX_TIMESTAMP") && !f.args().isEmpty());
                us |= e.calls(micro);
            }
        }
        return (tz ? rules.timeZoneBytes() : 0) + (us ? rules.microsecondBytes() : 0);
    }

    /**
     * Whether one of {@code read} calls a function whose values a replica would not reproduce: the flavour's
     * list, and RAND() too unless {@code insertValues} (an INSERT's, not a REPLACE's) and the flavour takes it
     * there as safe. The Rand event gives a replica the same numbers, but rows updated in another order would
     * take them in another order (MariaDB's item_create.cc Create_func_rand::create_native; measured on
     * 10.11.18: INSERT ... VALUES (RAND()) a statement, UPDATE ... SET x = RAND() rows. MySQL's
     * Item_func_rand::itemize marks it unsafe everywhere).
     */
    boolean callsUnsafe(List<Expr> read, boolean insertValues) {
        java.util.Set<String> unsafe = flavor().sql().unsafeFunctions();
        boolean randSafe = insertValues && flavor().sql().randSafeInInsert();
        for (Expr e : read) {
            if (e != null && (e.calls(unsafe) || !randSafe && e.calls(f -> f.name().equals("RAND")))) {
                return true;
            }
        }
        return false;
    }

    /** A SELECT's expressions: its items, WHERE and ORDER BY (what INSERT ... SELECT reads). */
    static List<Expr> read(Statement.Select s) {
        List<Expr> out = new ArrayList<>();
        s.items().forEach(i -> out.add(i.expr()));
        out.add(s.where());
        s.orderBy().forEach(o -> out.add(o.expr()));
        return out;
    }

    /** UPDATE's or DELETE's expressions: its assignments, WHERE and ORDER BY. */
    static List<Expr> read(List<Statement.ColumnAssignment> set, Expr where, List<Statement.Order> orderBy) {
        List<Expr> out = new ArrayList<>();
        set.forEach(a -> out.add(a.value()));
        out.add(where);
        orderBy.forEach(o -> out.add(o.expr()));
        return out;
    }
}
