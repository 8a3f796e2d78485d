package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.sql.Statement.Scope;
import io.semisyncsim.sysvar.SysVarDef;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.TableDef;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates expressions as MySQL does, for one statement of one session: literals, the columns of
 * the row at hand, system and user variables, arithmetic and comparisons with SQL's three-valued
 * logic, IN, BETWEEN, LIKE (linear time), IS NULL, CASE, and the functions the model has (NOW() on
 * the node's virtual clock, CONNECTION_ID(), FOUND_ROWS(), ROW_COUNT(), DATABASE(), ...). Aggregates
 * are computed by the query and handed in.
 */
final class Evaluator {
    /** Built-in functions a real server has that the model does not: error 9000, not 1305 (a typo). */
    private static final Set<String> KNOWN_FUNCTIONS = Set.of("SLEEP", "BENCHMARK", "SHA2", "EXP", "LOG",
            "LN", "FROM_UNIXTIME", "STR_TO_DATE", "GROUP_CONCAT", "CAST", "CONVERT",
            "UNHEX", "GET_LOCK", "RELEASE_LOCK", "IS_FREE_LOCK", "GTID_SUBSET", "GTID_SUBTRACT", "JSON_EXTRACT",
            "JSON_OBJECT", "REGEXP_LIKE", "FIND_IN_SET", "CHAR", "ORD", "BIT_COUNT", "CRC32", "INET_ATON",
            "INET_NTOA", "STD", "STDDEV", "VARIANCE", "BIT_AND", "BIT_OR", "ANY_VALUE", "FORMAT", "DAYNAME", "TIME",
            "WEEK", "QUARTER", "EXTRACT", "ELT", "FIELD", "DAYOFWEEK", "DAYOFYEAR", "LAST_DAY", "TO_DAYS",
            "TIME_TO_SEC", "SEC_TO_TIME", "MAKEDATE");

    private final Mysqld server;
    private final Session session;
    private final Account account;
    private final List<Warning> warnings = new ArrayList<>();
    private TableDef def;
    private String alias;
    private Object[] row;
    private Map<Expr, Object> aggregates;
    /** Each RAND(N) of the statement, with its own generator (Item_func_rand::rand). */
    private java.util.IdentityHashMap<Expr.Function, RandStruct> seededRands;
    /** The session generator's seeds before the statement's first RAND(): what its Rand event carries. */
    private long[] randBefore;

    Evaluator(Mysqld server, Session session, Account account) {
        this.server = server;
        this.session = session;
        this.account = account;
    }

    private Flavor flavor() {
        return server.flavor();
    }

    /** The table whose rows the expressions read (null: none, as SELECT without FROM). */
    /** Columns of the table the model has no values for: a statement that reads one is refused (9000). */
    private java.util.Set<String> unmodelled = java.util.Set.of();

    Evaluator unmodelled(java.util.Collection<String> columns) {
        this.unmodelled = java.util.Set.copyOf(columns);
        return this;
    }

    Evaluator table(TableDef table, String tableAlias) {
        this.def = table;
        this.alias = tableAlias;
        return this;
    }

    void row(Object[] current) {
        this.row = current;
    }

    /** The row an INSERT ... ON DUPLICATE KEY UPDATE would have written, which VALUES(col) reads. */
    private Object[] inserting;

    void inserting(Object[] row) {
        this.inserting = row;
    }

    /** The aggregate values of an aggregate query's one row, by expression. */
    void aggregates(Map<Expr, Object> values) {
        this.aggregates = values;
    }

    /** Warnings raised while evaluating (division by zero). */
    List<Warning> warnings() {
        return warnings;
    }

    /** The warnings raised since the last call, handed over to {@code into} (a statement's own list). */
    void drainWarnings(List<Warning> into) {
        into.addAll(warnings);
        warnings.clear();
    }

    // --- checks before any row is read (MySQL resolves names when it prepares the statement)

    /**
     * Raises 1054 for a column the table does not have, naming {@code clause} as the flavour does
     * ({@code select}, {@code where}, {@code order}, {@code set}, {@code insert}); 1111 for an
     * aggregate where none may be.
     */
    void check(Expr e, String clause, boolean aggregatesAllowed) throws SqlError {
        if (e instanceof Expr.Column c) {
            column(c, clause);
        } else if (e instanceof Expr.Function f) {
            if (f.isAggregate() && !aggregatesAllowed) {
                throw flavor().error(1111);
            }
            for (Expr a : f.args()) {
                check(a, clause, aggregatesAllowed && !f.isAggregate());
            }
        } else if (e instanceof Expr.Unary u) {
            check(u.operand(), clause, aggregatesAllowed);
        } else if (e instanceof Expr.Binary b) {
            check(b.left(), clause, aggregatesAllowed);
            check(b.right(), clause, aggregatesAllowed);
        } else if (e instanceof Expr.In in) {
            check(in.value(), clause, aggregatesAllowed);
            for (Expr x : in.list()) {
                check(x, clause, aggregatesAllowed);
            }
        } else if (e instanceof Expr.Between b) {
            check(b.value(), clause, aggregatesAllowed);
            check(b.low(), clause, aggregatesAllowed);
            check(b.high(), clause, aggregatesAllowed);
        } else if (e instanceof Expr.Like l) {
            check(l.value(), clause, aggregatesAllowed);
            check(l.pattern(), clause, aggregatesAllowed);
        } else if (e instanceof Expr.IsNull n) {
            check(n.value(), clause, aggregatesAllowed);
        } else if (e instanceof Expr.IsBoolean n) {
            check(n.value(), clause, aggregatesAllowed);
        } else if (e instanceof Expr.Case c) {
            if (c.value() != null) {
                check(c.value(), clause, aggregatesAllowed);
            }
            for (Expr x : c.when()) {
                check(x, clause, aggregatesAllowed);
            }
            for (Expr x : c.then()) {
                check(x, clause, aggregatesAllowed);
            }
            if (c.otherwise() != null) {
                check(c.otherwise(), clause, aggregatesAllowed);
            }
        }
    }

    /** The column's position in the table, or 1054. */
    int column(Expr.Column c, String clause) throws SqlError {
        int index = -1;
        if (def != null && (c.table() == null || c.table().equalsIgnoreCase(def.name())
                || alias != null && c.table().equalsIgnoreCase(alias))) {
            index = def.columnIndex(c.name());
        }
        if (index < 0) {
            throw flavor().error(1054, c.table() == null ? c.name() : c.table() + "." + c.name(),
                    flavor().sql().columnClause(clause));
        }
        if (!unmodelled.isEmpty() && unmodelled.contains(def.columns().get(index).name())) {
            throw flavor().error("9000-clause", "SELECT", "the column " + def.db().toUpperCase(java.util.Locale.ROOT)
                    + "." + def.name() + "." + def.columns().get(index).name());
        }
        return index;
    }

    // --- what a select item's column is

    /** Whether the mysql client right-aligns the column (a numeric type). */
    boolean numeric(Expr e) throws SqlError {
        if (e instanceof Expr.Literal l) {
            return Values.isNumber(l.value());
        }
        if (e instanceof Expr.Column c) {
            return def.columns().get(column(c, "select")).type().isNumeric();
        }
        if (e instanceof Expr.SystemVariable v) {
            if (isDiagnosticsCount(v.name()) || v.name().equalsIgnoreCase(StatementExecutor.SQL_LOG_BIN)) {
                return true;
            }
            SysVarDef d = server.variables().find(v.name());
            return d != null && d.isNumeric();
        }
        if (e instanceof Expr.UserVariable u) {
            return Values.isNumber(session.userVariable(u.name()));
        }
        if (e instanceof Expr.Binary b) { // date arithmetic is a date; the rest is a number or a truth
            return !(b.left() instanceof Expr.Interval || b.right() instanceof Expr.Interval);
        }
        if (e instanceof Expr.Unary u) {
            return !u.op().equals("+") || numeric(u.operand());
        }
        if (e instanceof Expr.Function f) {
            if (ScalarFunctions.numeric(f.name()) || DateFunctions.numeric(f.name())) {
                return true;
            }
            Expr.CastType cast = castType(f);
            if (cast != null) {
                return cast.numeric();
            }
            return switch (f.name()) {
                case "MIN", "MAX", "IFNULL", "COALESCE", "NULLIF" -> f.args().isEmpty() || numeric(f.args().get(0));
                case "IF" -> f.args().size() == 3 && numeric(f.args().get(1));
                case "COUNT", "SUM", "AVG", "CONNECTION_ID", "FOUND_ROWS", "ROW_COUNT", "LENGTH", "CHAR_LENGTH",
                        "CHARACTER_LENGTH", "OCTET_LENGTH", "ABS", "UNIX_TIMESTAMP", "LAST_INSERT_ID", "RAND",
                        "UUID_SHORT", "JSON_VALID" -> true;
                case "GREATEST", "LEAST" -> !f.args().isEmpty() && numeric(f.args().get(0));
                default -> false;
            };
        }
        if (e instanceof Expr.Case c) {
            return !c.then().isEmpty() && numeric(c.then().get(0));
        }
        return true; // comparisons, IN, BETWEEN, LIKE, IS: 1, 0 or NULL
    }

    /** Whether the column may hold NULL (the client then makes it at least four wide). */
    boolean nullable(Expr e) throws SqlError {
        if (e instanceof Expr.Literal l) {
            return l.value() == null;
        }
        if (e instanceof Expr.Column c) {
            return def.columns().get(column(c, "select")).nullable();
        }
        if (e instanceof Expr.UserVariable) {
            return true;
        }
        if (e instanceof Expr.SystemVariable) {
            return false;
        }
        if (e instanceof Expr.Unary u) {
            return nullable(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return b.op().equals("/") || b.op().equals("DIV") || b.op().equals("%") || nullable(b.left())
                    || nullable(b.right());
        }
        if (e instanceof Expr.IsNull || e instanceof Expr.IsBoolean) {
            return false;
        }
        if (e instanceof Expr.Function f) {
            return switch (f.name()) {
                case "COUNT", "CONNECTION_ID", "FOUND_ROWS", "ROW_COUNT", "NOW", "CURRENT_TIMESTAMP", "LOCALTIME",
                        "LOCALTIMESTAMP", "SYSDATE", "VERSION", "USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER",
                        "CURDATE", "CURRENT_DATE", "CURTIME", "CURRENT_TIME", "UTC_TIMESTAMP",
                        "LAST_INSERT_ID", "RAND", "UUID", "UUID_SHORT" -> false;
                case "UNIX_TIMESTAMP" -> !f.args().isEmpty(); // of a datetime: NULL out of its range
                case "SUM", "MIN", "MAX", "AVG", "DATABASE", "SCHEMA", "NULLIF", "MOD", "SQRT", "POW", "POWER", "LPAD",
                        "RPAD" -> true;
                default -> {
                    for (Expr a : f.args()) {
                        if (nullable(a)) {
                            yield true;
                        }
                    }
                    yield false;
                }
            };
        }
        return true;
    }

    // --- evaluation

    Object eval(Expr e) throws SqlError {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Interval iv) { // only as date arithmetic's operand or DATE_ADD's argument
            return new DateFunctions.Amount(eval(iv.amount()), iv.unit());
        }
        if (e instanceof Expr.Column c) {
            if (row == null) {
                throw flavor().error(1054, c.name(), flavor().sql().columnClause("select"));
            }
            return row[column(c, "select")];
        }
        if (e instanceof Expr.UserVariable u) {
            return session.userVariable(u.name());
        }
        if (e instanceof Expr.SystemVariable v) {
            return systemVariable(v);
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.In in) {
            return in(in);
        }
        if (e instanceof Expr.Between b) {
            Object v = eval(b.value());
            Object lo = eval(b.low());
            Object hi = eval(b.high());
            if (v == null || lo == null || hi == null) {
                return null;
            }
            boolean inside = Values.compare(v, lo) >= 0 && Values.compare(v, hi) <= 0;
            return Values.bool(inside != b.not());
        }
        if (e instanceof Expr.Like l) {
            Object v = eval(l.value());
            Object p = eval(l.pattern());
            if (v == null || p == null) {
                return null;
            }
            return Values.bool(new Like(Values.text(p)).matches(Values.text(v)) != l.not());
        }
        if (e instanceof Expr.IsNull n) {
            return Values.bool((eval(n.value()) == null) != n.not());
        }
        if (e instanceof Expr.IsBoolean n) {
            Boolean t = Values.truth(eval(n.value()));
            boolean is = t != null && t == n.truth();
            return Values.bool(is != n.not());
        }
        if (e instanceof Expr.Case c) {
            return caseValue(c);
        }
        return function((Expr.Function) e);
    }

    /** WHERE: only TRUE keeps a row (NULL does not). */
    boolean matches(Expr where) throws SqlError {
        if (where == null) {
            return true;
        }
        Object v = eval(where);
        readAsNumber(where, v, "DECIMAL"); // WHERE s: the string's truth is its number's (measured)
        return Boolean.TRUE.equals(Values.truth(v));
    }

    /** An aggregate's argument: SUM and AVG read a string as a DOUBLE, and say what they cut. */
    Object aggregated(Expr.Function f, Expr arg) throws SqlError {
        Object v = eval(arg);
        if (f.name().equals("SUM") || f.name().equals("AVG")) {
            readAsNumber(arg, v, "DOUBLE");
        }
        return v;
    }

    private static boolean isDiagnosticsCount(String name) {
        return name.equalsIgnoreCase("warning_count") || name.equalsIgnoreCase("error_count");
    }

    private Object systemVariable(Expr.SystemVariable v) throws SqlError {
        if (isDiagnosticsCount(v.name())) { // the session's diagnostics area, not a stored variable
            long n = v.name().equalsIgnoreCase("error_count")
                    ? session.warnings().stream().filter(w -> w.level().equals("Error")).count()
                    : session.warnings().size();
            return n;
        }
        if (v.name().equalsIgnoreCase(StatementExecutor.SQL_LOG_BIN)) { // the session's own
            if (v.scope() == Scope.GLOBAL) {
                if (flavor().sql().sqlLogBinGlobalReadable()) {
                    return 1L; // MariaDB's global value, which nothing can set
                }
                throw flavor().error(1238, StatementExecutor.SQL_LOG_BIN, "SESSION");
            }
            return session.sqlLogBin() ? 1L : 0L;
        }
        if (v.name().equalsIgnoreCase(GtidNext.NAME) && server.gtids().hasGtidNext()) { // the session's own
            if (v.scope() == Scope.GLOBAL) {
                throw flavor().error(1238, GtidNext.NAME, "SESSION");
            }
            return session.gtidNext().text();
        }
        SystemVariables vars = server.variables();
        SysVarDef d = vars.require(v.name());
        if (v.scope() == Scope.SESSION && !d.hasSession()) {
            throw flavor().error(1238, d.name(), "GLOBAL");
        }
        if (v.scope() == Scope.GLOBAL && d.isSessionOnly()) {
            throw flavor().error(1238, d.name(), "SESSION");
        }
        // @@x and @@session.x read the session's own value where it has one; @@global.x the global
        String text = v.scope() != Scope.GLOBAL && d.hasSession()
                ? SystemVariables.selectValue(d, session.variable(d, vars)) : vars.selectValue(d);
        if (d.isNumeric() && text.matches("-?\\d+")) {
            return Values.whole(new BigInteger(text));
        }
        return text;
    }

    private Object unary(Expr.Unary u) throws SqlError {
        Object v = eval(u.operand());
        if (!u.op().equals("+")) {
            readAsNumber(u.operand(), v, "DOUBLE");
        }
        if (u.op().equals("NOT")) {
            Boolean t = Values.truth(v);
            return t == null ? null : Values.bool(!t);
        }
        if (v == null) {
            return null;
        }
        return switch (u.op()) {
            case "-" -> negate(v);
            case "~" -> Values.whole(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
                    .xor(Values.toDecimal(v).toBigInteger().and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))));
            default -> v;
        };
    }

    private static Object negate(Object v) {
        if (v instanceof Long l && l != Long.MIN_VALUE) {
            return -l;
        }
        if (v instanceof Double d) {
            return -d;
        }
        if (v instanceof String s) {
            return -Values.toDouble(s);
        }
        return Values.toDecimal(v).negate();
    }

    /** {@code date + INTERVAL n unit}, {@code INTERVAL n unit + date}, {@code date - INTERVAL n unit}. */
    private Object intervalArithmetic(Expr.Binary b, Object l, Object r) throws SqlError {
        boolean intervalRight = r instanceof DateFunctions.Amount;
        if (!b.op().equals("+") && !(b.op().equals("-") && intervalRight)
                || l instanceof DateFunctions.Amount && r instanceof DateFunctions.Amount) {
            throw flavor().error(1064, b.text(), 1); // only date +/- INTERVAL (and INTERVAL + date) is grammar
        }
        Object date = intervalRight ? l : r;
        DateFunctions.Amount by = (DateFunctions.Amount) (intervalRight ? r : l);
        return DateFunctions.add(date, by, b.op().equals("-"), this::notADatetime);
    }

    /** What a string or number function warns of, as this statement's warnings. */
    private final ScalarFunctions.Complaints complaints = new ScalarFunctions.Complaints() {
        @Override
        public void divisionByZero() {
            warnings.add(new Warning("Warning", 1365, flavor().errorText(1365)));
        }

        @Override
        public void tooLarge(String function, long maxAllowedPacket) {
            warnings.add(new Warning("Warning", 1301, flavor().errorText(1301, function, maxAllowedPacket)));
        }

        @Override
        public long maxAllowedPacket() {
            return flavor().sql().maxAllowedPacket();
        }
    };

    /** A date function's complaint: {@code text} is no date (1292), or, null, the sum left the years 0-9999 (1441). */
    private void notADatetime(String text) {
        if (text == null) {
            warnings.add(new Warning("Warning", 1441, flavor().errorText(1441, "datetime")));
            return;
        }
        warnings.add(new Warning("Warning", 1292, flavor().error("1292-datetime", text).getMessage()));
    }

    /**
     * Whether a truncated number read from a string is the statement's error (strict mode's abort_on_warning:
     * an INSERT's or an UPDATE's values and conditions, not a DELETE's, measured on MariaDB 10.11.18).
     */
    private boolean abortOnTruncation;
    /** The literals read as numbers so far, by identity. */
    private final java.util.Set<Expr> convertedConstants =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    Evaluator abortOnTruncation(boolean abort) {
        this.abortOnTruncation = abort;
        return this;
    }

    /**
     * A string {@code e} gave read as a number ({@code as}: DOUBLE, DECIMAL): 1292 "Truncated incorrect ... value"
     * when something follows the number, or no number is there; a Note on MariaDB when only spaces follow it.
     */
    private void readAsNumber(Expr e, Object v, String as) throws SqlError {
        if (!(v instanceof String s) || e instanceof Expr.UserVariable // read without a word (measured)
                || e instanceof Expr.Literal && !convertedConstants.add(e)) {
            return; // a constant is converted once for the statement, not once a row (its comparator caches it)
        }
        Values.Truncation t = Values.numberTruncation(s);
        if (t == Values.Truncation.NONE || t == Values.Truncation.SPACES && !flavor().sql().trailingSpaceNumberNote()) {
            return;
        }
        if (t == Values.Truncation.SPACES) {
            warnings.add(new Warning("Note", 1292, flavor().errorText(1292, as, s)));
        } else if (abortOnTruncation) {
            throw flavor().error(1292, as, s);
        } else {
            warnings.add(new Warning("Warning", 1292, flavor().errorText(1292, as, s)));
        }
    }

    /** What a string compared with {@code other} is read as: against a DOUBLE a DOUBLE, else the flavour's. */
    private String comparedAs(Object other) {
        return other instanceof Double ? "DOUBLE" : flavor().sql().stringNumberComparison();
    }

    /** The target of a CAST or CONVERT (the parser's CAST function), or null for any other function. */
    private static Expr.CastType castType(Expr.Function f) {
        return f.name().equals("CAST") && f.args().size() == 2 && f.args().get(1) instanceof Expr.Literal l
                && l.value() instanceof Expr.CastType t ? t : null;
    }

    /** The functions whose value is a DATE or DATETIME (the model holds it as its text). */
    private static final Set<String> TEMPORAL_FUNCTIONS = Set.of("NOW", "CURRENT_TIMESTAMP", "LOCALTIME",
            "LOCALTIMESTAMP", "SYSDATE", "UTC_TIMESTAMP", "CURDATE", "CURRENT_DATE", "DATE", "DATE_ADD", "DATE_SUB",
            "ADDDATE", "SUBDATE", "TIMESTAMPADD", "FROM_UNIXTIME");

    /**
     * {@code v} read from {@code e} as a number: a DATE, DATETIME or TIMESTAMP is its digits, 20240131 or
     * 20240131100000 (and a DECIMAL with its fraction's digits), as Item_temporal's val_int/val_decimal give it
     * (measured on MariaDB 10.11.18); any other value as it is.
     */
    private Object temporalNumber(Expr e, Object v) throws SqlError {
        if (!(v instanceof String text)) {
            return v;
        }
        Expr.CastType cast = e instanceof Expr.Function cf ? castType(cf) : null;
        boolean temporal = e instanceof Expr.Column c && def != null
                && def.columns().get(column(c, "select")).type().isTemporal()
                || cast != null && (cast.kind().equals("DATE") || cast.kind().equals("DATETIME"))
                || e instanceof Expr.Function f && cast == null && TEMPORAL_FUNCTIONS.contains(f.name());
        if (!temporal || Values.datetimeFields(text) == null) {
            return v;
        }
        String digits = text.replaceAll("[^0-9.]", "");
        return digits.contains(".") ? (Object) new java.math.BigDecimal(digits) : Long.parseLong(digits);
    }

    /** {@code v} read from {@code e}: an ENUM column's value as its member's number, else as it is. */
    private Object enumNumber(Expr e, Object v) throws SqlError {
        if (v instanceof String && e instanceof Expr.Column c && def != null) {
            ColumnType t = def.columns().get(column(c, "select")).type();
            if (t.kind() == ColumnType.Kind.ENUM || t.kind() == ColumnType.Kind.SET) {
                return t.enumIndex(v);
            }
        }
        return v;
    }

    /** Whether {@code e} is a column compared byte for byte (a MariaDB JSON column's utf8mb4_bin). */
    private boolean binaryCollated(Expr e) throws SqlError {
        return e instanceof Expr.Column c && def != null
                && def.columns().get(column(c, "select")).type().kind() == ColumnType.Kind.JSON;
    }

    private static int compare(Object l, Object r, boolean binary) {
        return binary ? Values.compareBinary(l, r) : Values.compare(l, r);
    }

    /** A value ORDER BY sorts by: an ENUM column's by its member's number, not its text (filesort). */
    Object orderKey(Expr e) throws SqlError {
        return enumNumber(e, eval(e));
    }

    private Object binary(Expr.Binary b) throws SqlError {
        String op = b.op();
        if (op.equals("AND") || op.equals("OR") || op.equals("XOR")) {
            return logic(op, b);
        }
        boolean arithmetic = switch (op) {
            case "<=>", "=", "<>", "<", "<=", ">", ">=" -> false;
            default -> true;
        };
        Object l;
        Object r;
        int depth = exactDepth;
        exactDepth = arithmetic ? depth + 1 : 0; // an operand of arithmetic keeps a division's extra digits,
        try {                                    // one of a comparison sees what it shows (measured)
            l = eval(b.left());
            r = eval(b.right());
        } finally {
            exactDepth = depth;
        }
        if (l instanceof DateFunctions.Amount || r instanceof DateFunctions.Amount) {
            return intervalArithmetic(b, l, r);
        }
        if (arithmetic || Values.isNumber(r)) { // a date in arithmetic, or against a number, is its digits:
            l = temporalNumber(b.left(), l); // DATETIME + 0 is 20240131100000 (Item_temporal val_int)
        }
        if (arithmetic || Values.isNumber(l)) {
            r = temporalNumber(b.right(), r);
        }
        if (arithmetic || Values.isNumber(r)) {
            l = enumNumber(b.left(), l); // an ENUM against a number, or in arithmetic, is its member's number
        }
        if (arithmetic || Values.isNumber(l)) {
            r = enumNumber(b.right(), r);
        }
        if (arithmetic) {
            readAsNumber(b.left(), l, "DOUBLE");
            readAsNumber(b.right(), r, "DOUBLE");
        } else if (Values.isNumber(l) || Values.isNumber(r)) {
            readAsNumber(b.left(), l, comparedAs(r));
            readAsNumber(b.right(), r, comparedAs(l));
        }
        boolean bin = !arithmetic && (binaryCollated(b.left()) || binaryCollated(b.right()));
        if (op.equals("<=>")) {
            return Values.bool(l == null || r == null ? l == r : compare(l, r, bin) == 0);
        }
        if (l == null || r == null) {
            return null;
        }
        return switch (op) {
            case "=" -> Values.bool(compare(l, r, bin) == 0);
            case "<>" -> Values.bool(compare(l, r, bin) != 0);
            case "<" -> Values.bool(compare(l, r, bin) < 0);
            case "<=" -> Values.bool(compare(l, r, bin) <= 0);
            case ">" -> Values.bool(compare(l, r, bin) > 0);
            case ">=" -> Values.bool(compare(l, r, bin) >= 0);
            default -> decimals(b, inRange(b, arithmetic(op, l, r), l, r), l, r);
        };
    }

    /** How deep in an arithmetic or comparison's operands evaluation is: 0 where a value leaves for good. */
    private int exactDepth;
    /** The decimals each arithmetic node's DECIMAL result shows (Item::decimals), by node; its value may carry more. */
    private final java.util.Map<Expr, Integer> shownDecimals = new java.util.IdentityHashMap<>();

    /**
     * A DECIMAL result's decimals as the server types them: + and - the larger operand's, * their sum, / the
     * dividend's plus div_precision_increment (4). A division carries more digits than it shows (decimal.c
     * do_div_mod: whole 9-digit words past them), and so does arithmetic on it, so 1 / 3 * 3 is 1.0000, not
     * 0.9999 (measured on MariaDB 10.11.18); where the value leaves the expression it is rounded to what it shows.
     */
    private Object decimals(Expr.Binary b, Object v, Object l, Object r) {
        if (!(v instanceof BigDecimal d)) {
            return v;
        }
        int ls = shown(b.left(), l);
        int rs = shown(b.right(), r);
        int scale = switch (b.op()) {
            case "*" -> ls + rs;
            case "/" -> ls + DIV_PRECISION_INCREMENT;
            default -> Math.max(ls, rs);
        };
        shownDecimals.put(b, Math.min(scale, 38));
        return exactDepth == 0 ? d.setScale(Math.min(scale, 38), RoundingMode.HALF_UP) : d;
    }

    private int shown(Expr e, Object v) {
        Integer s = shownDecimals.get(e);
        if (e instanceof Expr.UserVariable && v instanceof BigDecimal) {
            return 38; // a DECIMAL user variable is typed with the most decimals (measured: @f * 2 shows 38)
        }
        return s != null ? s : v instanceof BigDecimal d ? Math.max(d.scale(), 0) : 0;
    }

    private static final int DIV_PRECISION_INCREMENT = 4;

    /** The functions that read a DECIMAL argument's every digit rather than what it shows. */
    private static final Set<String> EXACT_ARGUMENTS = Set.of("ROUND", "TRUNCATE", "FLOOR", "CEIL", "CEILING");

    /** A value to be stored in a column: a DECIMAL with every digit it has, which the column then rounds. */
    Object evalStored(Expr e) throws SqlError {
        int depth = exactDepth;
        exactDepth = depth + 1;
        try {
            return eval(e);
        } finally {
            exactDepth = depth;
        }
    }

    /** {@code digits} rounded up to whole 9-digit words, as the server's DECIMAL keeps them. */
    private static int words(int digits) {
        return (Math.max(digits, 0) + 8) / 9 * 9;
    }

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * An arithmetic result past its type's range is error 1690 quoting the expression (Item_func::raise_numeric_
     * overflow): a DOUBLE that is no longer finite; a whole result outside BIGINT, or, when either operand is
     * UNSIGNED (a column's type, a literal past BIGINT, a CAST), outside BIGINT UNSIGNED (measured on MariaDB
     * 10.11.18: `u - 1` of an unsigned 0 is an error, `1 - u` is 1).
     */
    private Object inRange(Expr.Binary b, Object v, Object l, Object r) throws SqlError {
        if (v instanceof Double d && !Double.isFinite(d)) {
            throw flavor().error(1690, "DOUBLE", print(b));
        }
        if (!(v instanceof Long || v instanceof BigInteger) || beyondUnsigned(l) || beyondUnsigned(r)) {
            return v; // a decimal result, or an operand past BIGINT UNSIGNED, which is a DECIMAL literal
        }
        BigInteger n = v instanceof BigInteger big ? big : BigInteger.valueOf((Long) v);
        if (unsigned(b.left()) || unsigned(b.right())) {
            if (n.signum() < 0 || n.compareTo(TWO_TO_64) >= 0) {
                throw flavor().error(1690, "BIGINT UNSIGNED", print(b));
            }
        } else if (n.bitLength() >= 64) {
            throw flavor().error(1690, "BIGINT", print(b));
        }
        return v;
    }

    private static boolean beyondUnsigned(Object v) {
        return v instanceof BigInteger big && big.bitLength() > 64;
    }

    /** Whether {@code e}'s value is UNSIGNED: its result's unsigned_flag. */
    private boolean unsigned(Expr e) throws SqlError {
        if (e instanceof Expr.Column c && def != null) {
            return def.columns().get(column(c, "select")).type().unsigned();
        }
        if (e instanceof Expr.Literal l) {
            return l.value() instanceof BigInteger big && big.signum() > 0 && big.bitLength() <= 64;
        }
        if (e instanceof Expr.Binary b && Set.of("+", "-", "*", "DIV", "%").contains(b.op())) {
            return unsigned(b.left()) || unsigned(b.right());
        }
        Expr.CastType cast = e instanceof Expr.Function f ? castType(f) : null;
        return cast != null && cast.kind().equals("UNSIGNED");
    }

    /** {@code e} as the server quotes it in an error. */
    private String print(Expr e) {
        return ItemPrint.print(e, c -> "`" + (def == null ? Catalog.DEFAULT_DB : def.db()) + "`.`"
                + (alias != null ? alias : def == null ? "" : def.name()) + "`.`" + c.name() + "`");
    }

    private Object logic(String op, Expr.Binary b) throws SqlError {
        Object left = eval(b.left());
        readAsNumber(b.left(), left, "DOUBLE");
        Boolean l = Values.truth(left);
        if (op.equals("AND") && Boolean.FALSE.equals(l) || op.equals("OR") && Boolean.TRUE.equals(l)) {
            return Values.bool(l); // short-circuit: the other side is not needed
        }
        Object right = eval(b.right());
        readAsNumber(b.right(), right, "DOUBLE");
        Boolean r = Values.truth(right);
        // Three-valued logic (Item_cond_and, Item_cond_or): NULL unless the other side decides. Written with
        // ifs: a conditional mixing 0L and a null Long unboxes the null.
        if (op.equals("AND") && Boolean.FALSE.equals(r) || op.equals("OR") && Boolean.TRUE.equals(r)) {
            return Values.bool(r);
        }
        if (l == null || r == null) {
            return null;
        }
        return Values.bool(op.equals("AND") ? l && r : op.equals("OR") ? l || r : l ^ r);
    }

    /**
     * Arithmetic as MySQL types it: whole numbers stay whole ({@code +}, {@code -}, {@code *}, DIV, %),
     * exact decimals stay exact ({@code /} adds div_precision_increment = 4 digits), a string or a
     * DOUBLE makes the result a DOUBLE. Division by zero is NULL with warning 1365.
     */
    private Object arithmetic(String op, Object l, Object r) throws SqlError {
        boolean approximate = l instanceof Double || r instanceof Double || l instanceof String || r instanceof String;
        if ((op.equals("/") || op.equals("DIV") || op.equals("%")) && Values.toDecimal(r).signum() == 0
                && (!approximate || Values.toDouble(r) == 0)) {
            warnings.add(new Warning("Warning", 1365, flavor().errorText(1365)));
            return null;
        }
        if (approximate) {
            double x = Values.toDouble(l);
            double y = Values.toDouble(r);
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / y;
                case "DIV" -> (Object) (long) (x / y);
                default -> x % y;
            };
        }
        BigDecimal x = Values.toDecimal(l);
        BigDecimal y = Values.toDecimal(r);
        boolean whole = isWhole(l) && isWhole(r);
        BigDecimal result = switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            case "/" -> x.divide(y, words(words(x.scale()) + words(y.scale()) + DIV_PRECISION_INCREMENT),
                    RoundingMode.DOWN);
            case "DIV" -> x.divide(y, 0, RoundingMode.DOWN);
            default -> x.remainder(y);
        };
        if (whole && !op.equals("/") || op.equals("DIV")) {
            return Values.whole(result.toBigInteger());
        }
        return result;
    }

    private static boolean isWhole(Object v) {
        return v instanceof Long || v instanceof BigInteger;
    }

    private Object in(Expr.In in) throws SqlError {
        Object v = eval(in.value());
        if (v == null) {
            return null;
        }
        boolean sawNull = false;
        boolean read = false; // the value is converted once for the list (cmp_item::store_value)
        for (Expr x : in.list()) {
            Object item = eval(x);
            if (!read && Values.isNumber(item)) {
                v = temporalNumber(in.value(), v);
                readAsNumber(in.value(), v, comparedAs(item));
                read = true;
            }
            if (item == null) {
                sawNull = true;
            } else if (Values.compare(v, item) == 0) {
                return Values.bool(!in.not());
            }
        }
        return sawNull ? null : Values.bool(in.not());
    }

    private Object caseValue(Expr.Case c) throws SqlError {
        Object subject = c.value() == null ? null : eval(c.value());
        for (int k = 0; k < c.when().size(); k++) {
            Object w = eval(c.when().get(k));
            boolean hit = c.value() == null ? Boolean.TRUE.equals(Values.truth(w))
                    : subject != null && w != null && Values.compare(subject, w) == 0;
            if (hit) {
                return typedAs(caseResults(c), eval(c.then().get(k)));
            }
        }
        return c.otherwise() == null ? null : typedAs(caseResults(c), eval(c.otherwise()));
    }

    private static List<Expr> caseResults(Expr.Case c) {
        List<Expr> out = new ArrayList<>(c.then());
        if (c.otherwise() != null) {
            out.add(c.otherwise());
        }
        return out;
    }

    /**
     * The value one of {@code candidates} gave, in the type they share (Item_func_case_abbreviation2 and
     * Type_handler_hybrid_field_type): exact numbers with the most decimals any has, so IFNULL(a DECIMAL(8,2)
     * that is NULL, 0) is 0.00 and IF(1, 2, 3.5) is 2.0 (measured on MariaDB 10.11.18); any other mix as it is.
     */
    private Object typedAs(List<Expr> candidates, Object v) throws SqlError {
        if (!(v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal)) {
            return v;
        }
        int decimals = 0;
        for (Expr e : candidates) {
            int d = exactDecimals(e);
            if (d < 0) {
                return v;
            }
            decimals = Math.max(decimals, d);
        }
        BigDecimal d = Values.toDecimal(v);
        return decimals > Math.max(d.scale(), 0) ? d.setScale(decimals) : v;
    }

    /** The decimals of an exact number {@code e} gives by its type; 0 for NULL; -1 for anything else. */
    private int exactDecimals(Expr e) throws SqlError {
        if (e instanceof Expr.Literal l) {
            return l.value() == null || l.value() instanceof Long || l.value() instanceof BigInteger ? 0
                    : l.value() instanceof BigDecimal d ? Math.max(d.scale(), 0) : -1;
        }
        if (e instanceof Expr.Column c && def != null) {
            ColumnType t = def.columns().get(column(c, "select")).type();
            return t.kind() == ColumnType.Kind.DECIMAL ? t.scale() : t.kind().isInteger() ? 0 : -1;
        }
        Integer shown = shownDecimals.get(e);
        return shown != null ? shown : -1;
    }

    private Object function(Expr.Function f) throws SqlError {
        if (f.isAggregate()) {
            if (aggregates == null || !aggregates.containsKey(f)) {
                throw flavor().error(1111);
            }
            return aggregates.get(f);
        }
        if (f.name().equals("VALUES")) {
            // the value the row would have had (sql/item.cc Item_insert_value); NULL outside ON DUPLICATE KEY UPDATE
            if (f.args().size() != 1 || !(f.args().get(0) instanceof Expr.Column c)) {
                throw flavor().error(1064, f.text(), 1);
            }
            return inserting == null ? null : inserting[def.columnIndex(c.name())];
        }
        Expr.CastType cast = castType(f);
        if (cast != null) {
            Object v = eval(f.args().get(0));
            return Casts.cast(cast.numeric() ? temporalNumber(f.args().get(0), v) : v, cast, f.text(), flavor(), warnings);
        }
        List<Object> args = new ArrayList<>();
        int depth = exactDepth;
        if (EXACT_ARGUMENTS.contains(f.name())) {
            exactDepth = depth + 1; // ROUND(1 / 3, 6) is 0.333333: it reads the division's own digits
        }
        try {
            for (Expr a : f.args()) {
                args.add(eval(a));
            }
        } finally {
            exactDepth = depth;
        }
        long now = server.now();
        switch (f.name()) {
            case "CONNECTION_ID" -> {
                return arity(f, args, 0) ? session.connectionId() : null;
            }
            case "NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE", "UTC_TIMESTAMP" -> {
                return VirtualTimestamps.datetime(now, fsp(f, args));
            }
            case "CURDATE", "CURRENT_DATE" -> {
                return arity(f, args, 0) ? VirtualTimestamps.datetime(now).substring(0, 10) : null;
            }
            case "CURTIME", "CURRENT_TIME" -> {
                return VirtualTimestamps.time(now, fsp(f, args));
            }
            case "UNIX_TIMESTAMP" -> {
                if (args.size() > 1) {
                    throw flavor().error(1582, f.name());
                }
                return args.isEmpty() ? (Object) VirtualTimestamps.unixSeconds(now) : unixTimestamp(args.get(0));
            }
            case "FOUND_ROWS" -> {
                return arity(f, args, 0) ? session.foundRows() : null;
            }
            case "ROW_COUNT" -> {
                return arity(f, args, 0) ? session.rowCount() : null;
            }
            case "LAST_INSERT_ID" -> {
                if (args.size() > 1) {
                    throw flavor().error(1582, f.name());
                }
                if (args.size() == 1) { // LAST_INSERT_ID(expr): returns expr, and remembers it (Item_func_last_insert_id)
                    Object v = args.get(0);
                    long id = v == null ? 0 : Values.toDecimal(v).longValue();
                    session.lastInsertIdFromFunction(id);
                    return v == null ? null : id;
                }
                return session.lastInsertId();
            }
            case "DATABASE", "SCHEMA" -> {
                return arity(f, args, 0) ? session.database() : null;
            }
            case "VERSION" -> {
                return server.variables().get("version");
            }
            case "USER", "SESSION_USER", "SYSTEM_USER" -> {
                return account.user() + "@" + account.host();
            }
            case "CURRENT_USER" -> {
                var matched = server.store().users().match(account.user(), account.host());
                return matched == null ? account.user() + "@" + account.host()
                        : matched.getKey().user() + "@" + matched.getKey().host();
            }
            case "CONCAT" -> {
                StringBuilder s = new StringBuilder();
                for (Object a : args) {
                    if (a == null) {
                        return null;
                    }
                    s.append(Values.text(a));
                }
                return s.toString();
            }
            case "UPPER", "UCASE", "LOWER", "LCASE" -> {
                arity(f, args, 1);
                Object a = args.get(0);
                return a == null ? null : f.name().startsWith("U") ? Values.text(a).toUpperCase(Locale.ROOT)
                        : Values.text(a).toLowerCase(Locale.ROOT);
            }
            case "LENGTH", "OCTET_LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH" -> {
                arity(f, args, 1);
                Object a = args.get(0);
                return a == null ? null : (Object) (long) (f.name().contains("CHAR") ? Values.text(a).length()
                        : Values.text(a).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
            case "ABS" -> {
                arity(f, args, 1);
                Object a = args.get(0);
                if (Long.valueOf(Long.MIN_VALUE).equals(a)) { // its absolute value is past BIGINT (1690)
                    throw flavor().error(1690, "BIGINT", print(f));
                }
                return a == null ? null : Values.compare(a, 0L) < 0 ? negate(a) : a;
            }
            case "IFNULL" -> {
                arity(f, args, 2);
                return typedAs(f.args(), args.get(0) != null ? args.get(0) : args.get(1));
            }
            case "COALESCE" -> {
                for (Object a : args) {
                    if (a != null) {
                        return typedAs(f.args(), a);
                    }
                }
                return null;
            }
            case "NULLIF" -> {
                arity(f, args, 2);
                return args.get(0) != null && args.get(1) != null && Values.compare(args.get(0), args.get(1)) == 0
                        ? null : args.get(0);
            }
            case "IF" -> {
                arity(f, args, 3);
                return typedAs(f.args().subList(1, 3),
                        Boolean.TRUE.equals(Values.truth(args.get(0))) ? args.get(1) : args.get(2));
            }
            case "RAND" -> {
                return rand(f, args);
            }
            case "UUID" -> {
                return arity(f, args, 0) ? server.random().uuid(now) : null;
            }
            case "UUID_SHORT" -> { // BIGINT UNSIGNED: a server_id from 128 on sets its top bit
                return arity(f, args, 0) ? Values.whole(new java.math.BigInteger(
                        Long.toUnsignedString(server.random().uuidShort()))) : null;
            }
            default -> {
                ScalarFunctions.Arity arity = (least, most) -> {
                    if (args.size() < least || args.size() > most) {
                        throw flavor().error(1582, f.name());
                    }
                };
                Object scalar = ScalarFunctions.call(f.name(), args, arity, complaints);
                if (scalar != ScalarFunctions.NOT_MINE) {
                    return scalar;
                }
                Object date = DateFunctions.call(f.name(), args, arity, this::notADatetime,
                        what -> flavor().error("9000-feature", what));
                if (date != DateFunctions.NOT_MINE) {
                    return date;
                }
                Object waited = WaitFunctions.call(server, session, f.name(), args, warnings::add);
                if (waited != WaitFunctions.NOT_MINE) {
                    return waited;
                }
                Object json = JsonFunctions.call(server, f.name(), args, warnings::add);
                if (json != JsonFunctions.NOT_MINE) {
                    return json;
                }
                Object gtid = GtidFunctions.call(server, f.name(), args);
                if (gtid != GtidFunctions.NOT_MINE && gtid != GtidFunctions.NO_SUCH) {
                    return gtid;
                }
                if (gtid == GtidFunctions.NOT_MINE && KNOWN_FUNCTIONS.contains(f.name())) {
                    throw flavor().error("9000-function", f.name());
                }
                if (session.database() == null) {
                    throw flavor().error(1046);
                }
                // the name as the statement spells it (measured on MariaDB 10.11: SOURCE_POS_WAIT stays upper case)
                int paren = f.text() == null ? -1 : f.text().indexOf('(');
                String typed = paren > 0 ? f.text().substring(0, paren).trim() : f.name().toLowerCase(Locale.ROOT);
                throw flavor().error(1305, "FUNCTION", session.database() + "." + typed);
            }
        }
    }

    /**
     * RAND() from the session's generator, RAND(N) from its own, seeded once when N is a constant and at every
     * call when it reads the row (item_func.cc Item_func_rand::val_real); NULL seeds as 0.
     */
    private Object rand(Expr.Function f, List<Object> args) throws SqlError {
        if (args.size() > 1) {
            throw flavor().error(1582, f.name());
        }
        if (args.isEmpty()) {
            RandStruct r = session.rand(() -> server.random().sessionRand(session.connectionId()));
            if (randBefore == null) {
                randBefore = new long[] {r.seed1(), r.seed2()};
            }
            return r.next();
        }
        if (seededRands == null) {
            seededRands = new java.util.IdentityHashMap<>();
        }
        RandStruct r = seededRands.get(f);
        if (r == null || !(f.args().get(0) instanceof Expr.Literal)) {
            Object n = args.get(0);
            r = RandStruct.seeded(n == null ? 0 : Values.toDecimal(n).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValue());
            seededRands.put(f, r);
        }
        return r.next();
    }

    /**
     * The seeds a Rand event carries for this statement, or null when it calls no RAND() of the session's
     * generator: as they were before its first call (Item_func_rand::fix_fields saves them when the statement is
     * prepared, so a RAND() no row reached counts too: {@code read}, the statement's expressions).
     */
    long[] randSeeds(List<Expr> read) {
        if (randBefore != null) {
            return randBefore;
        }
        for (Expr e : read) {
            if (e != null && e.calls(x -> x.name().equals("RAND") && x.args().isEmpty())) {
                RandStruct r = session.rand(() -> server.random().sessionRand(session.connectionId()));
                return new long[] {r.seed1(), r.seed2()};
            }
        }
        return null;
    }

    /**
     * UNIX_TIMESTAMP(value) (item_timefunc.cc): the seconds since 1970 of a datetime on the node's clock
     * (UTC), with its fraction; NULL for NULL, for a value that is no datetime (warning 1292), and silently
     * for one outside 1970-01-01 00:00:01 to the flavour's last (MariaDB: 2038; measured on 10.11.18).
     */
    private Object unixTimestamp(Object value) {
        if (value == null) {
            return null;
        }
        String text = Values.text(value);
        String datetime = Values.datetime(text);
        if (datetime == null) {
            warnings.add(new Warning("Warning", 1292, flavor().error("1292-datetime", text).getMessage()));
            return null;
        }
        if (datetime.compareTo("1970-01-01 00:00:01") < 0 || datetime.compareTo(flavor().sql().unixTimestampMax()) > 0) {
            return null;
        }
        long seconds = VirtualTimestamps.unixSeconds(datetime);
        java.util.regex.Matcher fraction = java.util.regex.Pattern.compile(":\\d{1,2}\\.(\\d{1,6})$").matcher(text.strip());
        return fraction.find() ? new java.math.BigDecimal(seconds + "." + fraction.group(1)) : (Object) seconds;
    }

    /**
     * The digits of a second NOW(fsp) and its kin give: none without an argument, at most 6 (1426, naming the
     * function as the server does: NOW and its synonyms are current_timestamp; measured on MariaDB 10.11.18).
     */
    private int fsp(Expr.Function f, List<Object> args) throws SqlError {
        if (args.size() > 1) {
            throw flavor().error(1582, f.name());
        }
        long fsp = args.isEmpty() || args.get(0) == null ? 0 : Values.toDecimal(args.get(0)).longValue();
        if (fsp > 6 || fsp < 0) {
            String name = switch (f.name()) {
                case "NOW", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_TIMESTAMP" -> "current_timestamp";
                case "CURRENT_TIME" -> "curtime";
                default -> f.name().toLowerCase(Locale.ROOT);
            };
            throw flavor().error(1426, fsp, name, 6);
        }
        return (int) fsp;
    }

    /** MySQL checks a built-in's argument count when it parses: 1582 for a wrong one. */
    private boolean arity(Expr.Function f, List<Object> args, int n) throws SqlError {
        if (args.size() != n) {
            throw flavor().error(1582, f.name());
        }
        return true;
    }

    /** A column's default, as an INSERT that omits it stores it (null for NULL). */
    Object defaultOf(ColumnDef c) {
        return switch (c.defaultValue().kind()) {
            case VALUE -> c.defaultValue().value();
            case NOW -> VirtualTimestamps.datetime(server.now(), c.type().fsp());
            default -> null;
        };
    }
}
