package io.semisyncsim.server;

import io.semisyncsim.error.SqlError;
import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.StatementResult.Warning;
import io.semisyncsim.sql.Expr;
import io.semisyncsim.sql.Statement;
import io.semisyncsim.table.Catalog;
import io.semisyncsim.table.ColumnDef;
import io.semisyncsim.table.ColumnType;
import io.semisyncsim.table.Table;
import io.semisyncsim.table.TableDef;
import io.semisyncsim.table.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Queries: SELECT (of expressions, or of one table with WHERE, ORDER BY, LIMIT, DISTINCT and the
 * aggregates COUNT, SUM, MIN, MAX, AVG, with SELECT ... INTO @var), INFORMATION_SCHEMA.PLUGINS, and
 * SHOW TABLES / DATABASES / CREATE TABLE / CREATE DATABASE / WARNINGS / ERRORS.
 */
final class QueryStatements {
    private final Mysqld server;

    QueryStatements(Mysqld server) {
        this.server = server;
    }

    private Flavor flavor() {
        return server.flavor();
    }

    /** Thrown through a row scan to carry a statement's error out of it. */
    private static final class Stop extends RuntimeException {
        final SqlError error;

        Stop(SqlError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    private interface RowAction {
        /** Returns false to end the scan early. */
        boolean accept(Object[] row) throws SqlError;
    }

    private static void scan(Table table, RowAction action) throws SqlError {
        try {
            table.forEachRow(row -> {
                try {
                    if (!action.accept(row)) {
                        throw new Stop(null);
                    }
                } catch (SqlError e) {
                    throw new Stop(e);
                }
            });
        } catch (Stop s) {
            if (s.error != null) {
                throw s.error;
            }
        }
    }

    // --- SELECT

    /** What a SELECT reads: a table (created, implicit or INFORMATION_SCHEMA.PLUGINS), or nothing. */
    private record Source(TableDef def, Table table, List<Object[]> rows, List<String> unmodelled) {
        Source(TableDef def, Table table, List<Object[]> rows) {
            this(def, table, rows, List.of());
        }

        /** The rows WHERE may select: one key lookup when it pins the primary key, else every row. */
        void forEach(Expr where, RowAction action) throws SqlError {
            Object key = table == null ? null : KeyLookup.value(table, where);
            if (key != null) {
                Object[] row = table.findByKey(new Object[] {key});
                if (row != null) {
                    action.accept(row);
                }
            } else if (table != null) {
                scan(table, action);
            } else if (rows != null) {
                for (Object[] r : rows) {
                    if (!action.accept(r)) {
                        return;
                    }
                }
            } else {
                action.accept(null); // no FROM: one row of nothing
            }
        }
    }

    /** A query's rows, evaluated: its expressions, their names, and the evaluator that read them. */
    private record Evaluated(List<Object[]> rows, List<Expr> exprs, List<String> names, Evaluator ev) {
    }

    /** INSERT ... SELECT's rows: the query's values, typed, in its order (sql_insert.cc select_insert). */
    List<Object[]> rows(Account account, Statement.Select s, Session session, boolean abortOnTruncation)
            throws SqlError {
        return evaluate(account, s, session, abortOnTruncation).rows();
    }

    StatementResult select(Account account, Statement.Select s, Session session) throws SqlError {
        Evaluated e = evaluate(account, s, session, false);
        List<Object[]> rows = e.rows();
        List<Expr> exprs = e.exprs();
        List<String> names = e.names();
        Evaluator ev = e.ev();
        List<Warning> warnings = ev.warnings();
        if (!s.into().isEmpty()) {
            return into(s.into(), rows, exprs.size(), warnings, session);
        }
        return resultSet(rows, exprs, names, ev, warnings);
    }

    private Evaluated evaluate(Account account, Statement.Select s, Session session, boolean abortOnTruncation)
            throws SqlError {
        Evaluator ev = new Evaluator(server, session, account).abortOnTruncation(abortOnTruncation);
        Source source = new Source(null, null, null);
        if (s.from() != null) {
            source = source(account, s.from(), session);
            ev.table(source.def(), s.alias()).unmodelled(source.unmodelled());
        }
        List<Expr> exprs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Statement.SelectItem item : s.items()) {
            if (item.isStar()) {
                if (source.def() == null) {
                    throw flavor().error(1096);
                }
                if (!item.starTable().isEmpty() && !item.starTable().equalsIgnoreCase(source.def().name())
                        && !item.starTable().equalsIgnoreCase(s.alias())) {
                    throw flavor().error(1051, item.starTable());
                }
                for (ColumnDef c : source.def().columns()) {
                    exprs.add(new Expr.Column(null, c.name(), c.name()));
                    names.add(c.name());
                }
            } else {
                exprs.add(item.expr());
                // a column is named as its name is written, without table or quotes (Item_field's name)
                names.add(item.alias() != null ? item.alias()
                        : item.expr() instanceof Expr.Column c ? c.name() : item.expr().text());
            }
        }
        for (Expr e : exprs) {
            ev.check(e, "select", true);
        }
        if (s.where() != null) {
            ev.check(s.where(), "where", false);
        }
        boolean grouped = !s.groupBy().isEmpty();
        boolean aggregate = exprs.stream().anyMatch(Expr::hasAggregate);
        List<Statement.Order> order = orderBy(s, exprs, names, ev, aggregate || grouped, source.def());
        if (grouped) {
            if (source.def() == null) {
                throw flavor().error(1054, s.groupBy().get(0).text(), flavor().sql().columnClause("group"));
            }
            List<Expr> keys = groupKeys(s, exprs, names, source.def());
            for (Expr k : keys) {
                ev.check(k, "group", false);
            }
            onlyFullGroupBy(exprs, keys, source.def(), ev);
            List<Object[]> rows = groupedRows(s, source, ev, exprs, names, keys, order);
            long found = rows.size();
            rows = limit(rows, s.limit(), s.offset());
            session.setFoundRows(s.calcFoundRows() ? found : rows.size());
            return new Evaluated(rows, exprs, names, ev);
        }
        if (aggregate && flavor().sql().onlyFullGroupBy()) {
            for (int k = 0; k < exprs.size(); k++) {
                Expr.Column bare = bareColumn(exprs.get(k));
                if (bare != null) {
                    throw flavor().error(1140, k + 1, source.def().db() + "." + source.def().name() + "."
                            + source.def().columns().get(ev.column(bare, "select")).name());
                }
            }
        }
        List<Object[]> rows = aggregate ? aggregateRow(s, source, ev, exprs)
                : projectedRows(s, source, ev, exprs, order);
        long found = rows.size();
        rows = limit(rows, s.limit(), s.offset());
        if (!aggregate || s.limit() != null) {
            session.setFoundRows(s.calcFoundRows() ? found : rows.size());
        } else {
            session.setFoundRows(rows.size());
        }
        return new Evaluated(rows, exprs, names, ev);
    }

    private StatementResult resultSet(List<Object[]> rows, List<Expr> exprs, List<String> names, Evaluator ev,
                                      List<Warning> warnings) throws SqlError {
        List<ResultSet.Column> columns = new ArrayList<>();
        for (int k = 0; k < exprs.size(); k++) {
            columns.add(new ResultSet.Column(names.get(k), ev.numeric(exprs.get(k)), ev.nullable(exprs.get(k))));
        }
        List<List<String>> text = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            List<String> cells = new ArrayList<>(r.length);
            for (Object v : r) {
                cells.add(Values.text(v));
            }
            text.add(cells);
        }
        return new StatementResult.Rows(new ResultSet(columns, text), warnings);
    }

    private Source source(Account account, Statement.TableRef from, Session session) throws SqlError {
        String db = from.db() == null ? session.database() : from.db();
        if (db != null && db.equalsIgnoreCase("information_schema") && from.name().equalsIgnoreCase("PLUGINS")) {
            return new Source(pluginsDef(flavor().pluginsTableColumns()), null, pluginRows());
        }
        if (db != null && db.equalsIgnoreCase("information_schema") && from.name().equalsIgnoreCase("PROCESSLIST")) {
            var table = flavor().threadStyle().processlistTable();
            boolean all = ProcessStatements.holds(account, flavor().privileges().need("process"));
            return new Source(ProcesslistTable.def(table), null,
                    ProcesslistTable.rows(server, table, all, account.user(), session), table.unmodelled());
        }
        Tables.Resolved r = Tables.resolve(server, session, account, from, "SELECT");
        return new Source(r.table().def(), r.table(), null);
    }

    /** A bare column outside any aggregate (ONLY_FULL_GROUP_BY's complaint), or null. */
    private static Expr.Column bareColumn(Expr e) {
        if (e instanceof Expr.Column c) {
            return c;
        }
        if (e instanceof Expr.Function f) {
            if (f.isAggregate()) {
                return null;
            }
            for (Expr a : f.args()) {
                Expr.Column c = bareColumn(a);
                if (c != null) {
                    return c;
                }
            }
        } else if (e instanceof Expr.Binary b) {
            Expr.Column c = bareColumn(b.left());
            return c != null ? c : bareColumn(b.right());
        } else if (e instanceof Expr.Unary u) {
            return bareColumn(u.operand());
        }
        return null;
    }

    /** ORDER BY: a select item's position, a select item's alias, or an expression on the table. */
    private List<Statement.Order> orderBy(Statement.Select s, List<Expr> exprs, List<String> names, Evaluator ev,
                                          boolean aggregate, TableDef def) throws SqlError {
        List<Statement.Order> out = new ArrayList<>();
        for (Statement.Order o : s.orderBy()) {
            Expr e = o.expr();
            if (e instanceof Expr.Literal l && l.value() instanceof Long position) {
                if (position < 1 || position > exprs.size()) {
                    throw flavor().error(1054, l.text(), flavor().sql().columnClause("order"));
                }
                e = exprs.get((int) (position - 1));
            } else if (e instanceof Expr.Column c && c.table() == null) {
                for (int k = 0; k < names.size(); k++) {
                    if (names.get(k).equalsIgnoreCase(c.name())) { // a select alias comes before a column
                        e = exprs.get(k);
                        break;
                    }
                }
            }
            if (def != null && e == o.expr()) { // in an expression a name that is no column is an alias (measured)
                e = withAliases(e, exprs, names, def);
            }
            ev.check(e, "order", aggregate);
            out.add(new Statement.Order(e, o.descending()));
        }
        return out;
    }

    /**
     * GROUP BY's expressions: a number is a select item's place, a name that is no column of the table a select
     * item's alias (a column comes before an alias, as sql_base.cc find_order_in_list has it for GROUP BY).
     */
    private List<Expr> groupKeys(Statement.Select s, List<Expr> exprs, List<String> names, TableDef def)
            throws SqlError {
        List<Expr> keys = new ArrayList<>();
        for (Expr e : s.groupBy()) {
            if (e instanceof Expr.Literal l && l.value() instanceof Long position) {
                if (position < 1 || position > exprs.size()) {
                    throw flavor().error(1054, l.text(), flavor().sql().columnClause("group"));
                }
                e = exprs.get((int) (position - 1));
            } else if (e instanceof Expr.Column c && c.table() == null && def.columnIndex(c.name()) < 0) {
                for (int k = 0; k < names.size(); k++) {
                    if (names.get(k).equalsIgnoreCase(c.name())) {
                        e = exprs.get(k);
                        break;
                    }
                }
            }
            if (Expr.hasAggregate(e)) {
                throw flavor().error(1056, e.text()); // ER_WRONG_GROUP_FIELD
            }
            keys.add(e);
        }
        return keys;
    }

    /**
     * MySQL's ONLY_FULL_GROUP_BY: a select item's column neither grouped by nor functionally dependent on what is
     * (the whole primary key grouped) is 1055. MariaDB's default sql_mode shows the group's first row's value.
     */
    private void onlyFullGroupBy(List<Expr> exprs, List<Expr> keys, TableDef def, Evaluator ev) throws SqlError {
        if (!flavor().sql().onlyFullGroupBy()) {
            return;
        }
        java.util.Set<String> grouped = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Expr k : keys) {
            if (k instanceof Expr.Column c) {
                grouped.add(c.name());
            }
        }
        if (!def.primaryKey().isEmpty() && grouped.containsAll(def.primaryKey())) {
            return;
        }
        for (int k = 0; k < exprs.size(); k++) {
            Expr.Column bare = bareColumn(exprs.get(k));
            Expr whole = exprs.get(k);
            if (bare != null && !grouped.contains(bare.name()) && keys.stream().noneMatch(g -> g.equals(whole))) {
                throw flavor().error(1055, k + 1, def.db() + "." + def.name() + "."
                        + def.columns().get(ev.column(bare, "select")).name());
            }
        }
    }

    /**
     * GROUP BY: the rows WHERE keeps, in groups of equal keys as the collation compares them (NULLs together),
     * each one row of its first row's values and its own aggregates; HAVING keeps some (it may name a select
     * alias); ORDER BY, else the keys ascending, NULL first (measured on MariaDB 10.11.18, which sorts its
     * groups; MySQL 8 promises no order, and gives this one).
     */
    private List<Object[]> groupedRows(Statement.Select s, Source source, Evaluator ev, List<Expr> exprs,
                                       List<String> names, List<Expr> keys, List<Statement.Order> order)
            throws SqlError {
        Expr having = s.having() == null ? null : withAliases(s.having(), exprs, names, source.def());
        Map<Expr, Accumulator> template = new LinkedHashMap<>();
        exprs.forEach(e -> collectAggregates(e, template));
        order.forEach(o -> collectAggregates(o.expr(), template));
        if (having != null) {
            collectAggregates(having, template);
        }
        record Group(Object[] first, Map<Expr, Accumulator> accumulators) {
        }
        java.util.TreeMap<Object[], Group> groups = new java.util.TreeMap<>(QueryStatements::compareRows);
        source.forEach(s.where(), row -> {
            ev.row(row);
            if (!ev.matches(s.where())) {
                return true;
            }
            Object[] key = new Object[keys.size()];
            for (int k = 0; k < key.length; k++) {
                key[k] = ev.orderKey(keys.get(k));
            }
            Group g = groups.get(key);
            if (g == null) {
                Map<Expr, Accumulator> accumulators = new LinkedHashMap<>();
                template.keySet().forEach(a -> accumulators.put(a, new Accumulator()));
                g = new Group(row, accumulators);
                groups.put(key, g);
            }
            for (Map.Entry<Expr, Accumulator> a : g.accumulators().entrySet()) {
                a.getValue().add((Expr.Function) a.getKey(), ev);
            }
            return true;
        });
        List<Out> out = new ArrayList<>();
        for (Group g : groups.values()) {
            Map<Expr, Object> values = new LinkedHashMap<>();
            for (Map.Entry<Expr, Accumulator> a : g.accumulators().entrySet()) {
                values.put(a.getKey(), a.getValue().result((Expr.Function) a.getKey()));
            }
            ev.aggregates(values);
            ev.row(g.first());
            if (having != null && !ev.matches(having)) {
                continue;
            }
            Object[] row = new Object[exprs.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = ev.eval(exprs.get(k));
            }
            Object[] sortKeys = new Object[order.size()];
            for (int k = 0; k < sortKeys.length; k++) {
                sortKeys[k] = ev.orderKey(order.get(k).expr());
            }
            out.add(new Out(row, sortKeys));
        }
        return sorted(out, order);
    }

    /** A result row and the values ORDER BY sorts it by. */
    private record Out(Object[] values, Object[] keys) {
    }

    /** The rows in ORDER BY's order (a stable sort: equal keys keep the scan's order). */
    private static List<Object[]> sorted(List<Out> out, List<Statement.Order> order) {
        if (!order.isEmpty()) {
            out.sort((a, b) -> {
                for (int k = 0; k < order.size(); k++) {
                    int c = compareNullsFirst(a.keys()[k], b.keys()[k]);
                    if (c != 0) {
                        return order.get(k).descending() ? -c : c;
                    }
                }
                return 0;
            });
        }
        List<Object[]> rows = new ArrayList<>(out.size());
        out.forEach(o -> rows.add(o.values()));
        return rows;
    }

    /** HAVING's names: one that is no column of the table is a select item's alias (sql_base.cc). */
    private static Expr withAliases(Expr e, List<Expr> exprs, List<String> names, TableDef def) {
        if (e instanceof Expr.Column c && c.table() == null && def.columnIndex(c.name()) < 0) {
            for (int k = 0; k < names.size(); k++) {
                if (names.get(k).equalsIgnoreCase(c.name())) {
                    return exprs.get(k);
                }
            }
            return e;
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), withAliases(b.left(), exprs, names, def),
                    withAliases(b.right(), exprs, names, def), b.text());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), withAliases(u.operand(), exprs, names, def), u.text());
        }
        if (e instanceof Expr.IsNull n) {
            return new Expr.IsNull(withAliases(n.value(), exprs, names, def), n.not(), n.text());
        }
        if (e instanceof Expr.Between b) {
            return new Expr.Between(withAliases(b.value(), exprs, names, def), withAliases(b.low(), exprs, names, def),
                    withAliases(b.high(), exprs, names, def), b.not(), b.text());
        }
        if (e instanceof Expr.In in) {
            return new Expr.In(withAliases(in.value(), exprs, names, def), in.list(), in.not(), in.text());
        }
        return e;
    }

    private List<Object[]> projectedRows(Statement.Select s, Source source, Evaluator ev, List<Expr> exprs,
                                         List<Statement.Order> order) throws SqlError {
        List<Out> out = new ArrayList<>();
        TreeSet<Object[]> seen = s.distinct() ? new TreeSet<>(QueryStatements::compareRows) : null;
        // Without ORDER BY (and without SQL_CALC_FOUND_ROWS or DISTINCT) the scan can stop at the LIMIT.
        long enough = order.isEmpty() && s.limit() != null && !s.calcFoundRows() ? s.offset() + s.limit() : Long.MAX_VALUE;
        source.forEach(s.where(), row -> {
            ev.row(row);
            if (!ev.matches(s.where())) {
                return true;
            }
            Object[] values = new Object[exprs.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = ev.eval(exprs.get(k));
            }
            if (seen != null && !seen.add(values)) {
                return true;
            }
            Object[] keys = new Object[order.size()];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = ev.orderKey(order.get(k).expr());
            }
            out.add(new Out(values, keys));
            return out.size() < enough;
        });
        return sorted(out, order);
    }

    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Values.compare(a, b);
    }

    private static int compareRows(Object[] a, Object[] b) {
        for (int k = 0; k < a.length; k++) {
            int c = compareNullsFirst(a[k], b[k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** An aggregate query without GROUP BY: one row, whatever the table holds. */
    private List<Object[]> aggregateRow(Statement.Select s, Source source, Evaluator ev, List<Expr> exprs)
            throws SqlError {
        Map<Expr, Accumulator> accumulators = new LinkedHashMap<>();
        for (Expr e : exprs) {
            collectAggregates(e, accumulators);
        }
        Object[][] first = {null};
        boolean countOnly = s.where() == null && source.table() != null
                && accumulators.keySet().stream().allMatch(a -> ((Expr.Function) a).star())
                && exprs.stream().allMatch(e -> bareColumn(e) == null);
        if (countOnly) { // COUNT(*) of a whole table: its size, without reading ten million rows
            for (Accumulator a : accumulators.values()) {
                a.count = source.table().size();
            }
        } else {
            source.forEach(s.where(), row -> {
                ev.row(row);
                if (!ev.matches(s.where())) {
                    return true;
                }
                if (first[0] == null) {
                    first[0] = row;
                }
                for (Map.Entry<Expr, Accumulator> a : accumulators.entrySet()) {
                    a.getValue().add((Expr.Function) a.getKey(), ev);
                }
                return true;
            });
        }
        Map<Expr, Object> values = new LinkedHashMap<>();
        for (Map.Entry<Expr, Accumulator> a : accumulators.entrySet()) {
            values.put(a.getKey(), a.getValue().result((Expr.Function) a.getKey()));
        }
        ev.aggregates(values);
        ev.row(first[0]); // MariaDB (no ONLY_FULL_GROUP_BY) shows the first row's value of a bare column
        Object[] row = new Object[exprs.size()];
        for (int k = 0; k < row.length; k++) {
            row[k] = bareColumn(exprs.get(k)) != null && first[0] == null ? null : ev.eval(exprs.get(k));
        }
        List<Object[]> out = new ArrayList<>();
        out.add(row);
        return out;
    }

    private static void collectAggregates(Expr e, Map<Expr, Accumulator> into) {
        if (e instanceof Expr.Function f) {
            if (f.isAggregate()) {
                into.putIfAbsent(f, new Accumulator());
                return;
            }
            f.args().forEach(a -> collectAggregates(a, into));
        } else if (e instanceof Expr.Binary b) {
            collectAggregates(b.left(), into);
            collectAggregates(b.right(), into);
        } else if (e instanceof Expr.Unary u) {
            collectAggregates(u.operand(), into);
        } else if (e instanceof Expr.Case c) {
            c.when().forEach(w -> collectAggregates(w, into));
            c.then().forEach(t -> collectAggregates(t, into));
            if (c.otherwise() != null) {
                collectAggregates(c.otherwise(), into);
            }
        } else if (e instanceof Expr.In in) {
            collectAggregates(in.value(), into);
        } else if (e instanceof Expr.IsNull n) {
            collectAggregates(n.value(), into);
        }
    }

    /** One aggregate's running state: COUNT, SUM, AVG (sum and count), MIN, MAX, and DISTINCT's values. */
    private static final class Accumulator {
        long count;
        Object sum;
        Object best;
        TreeSet<Object> distinct;

        void add(Expr.Function f, Evaluator ev) throws SqlError {
            if (f.star()) {
                count++;
                return;
            }
            Object v = ev.aggregated(f, f.args().get(0));
            if (v == null) {
                return;
            }
            if (f.distinct()) {
                if (distinct == null) {
                    distinct = new TreeSet<>(Values.ORDER);
                }
                if (!distinct.add(v)) {
                    return;
                }
            }
            count++;
            switch (f.name()) {
                case "SUM", "AVG" -> sum = sum == null ? number(v) : add(sum, number(v));
                case "MIN" -> best = best == null || Values.compare(v, best) < 0 ? v : best;
                case "MAX" -> best = best == null || Values.compare(v, best) > 0 ? v : best;
                default -> {
                }
            }
        }

        private static Object number(Object v) {
            return v instanceof String s ? (Object) Values.toDouble(s) : v;
        }

        private static Object add(Object a, Object b) {
            if (a instanceof Double || b instanceof Double) {
                return Values.toDouble(a) + Values.toDouble(b);
            }
            return Values.toDecimal(a).add(Values.toDecimal(b));
        }

        Object result(Expr.Function f) {
            return switch (f.name()) {
                case "COUNT" -> count;
                case "SUM" -> sum == null ? null : sum instanceof BigDecimal d && d.scale() <= 0
                        ? Values.whole(d.toBigInteger()) : sum;
                case "AVG" -> sum == null ? null : sum instanceof Double d ? (Object) (d / count)
                        : Values.toDecimal(sum).divide(BigDecimal.valueOf(count),
                                Math.max(Values.toDecimal(sum).scale(), 0) + 4, RoundingMode.HALF_UP);
                default -> best;
            };
        }
    }

    private static List<Object[]> limit(List<Object[]> rows, Long limit, long offset) {
        if (limit == null && offset == 0) {
            return rows;
        }
        int from = (int) Math.min(rows.size(), offset);
        int to = limit == null ? rows.size() : (int) Math.min(rows.size(), from + limit);
        return rows.subList(from, to);
    }

    /** SELECT ... INTO @a, @b: exactly the row's values; more than one row is 1172, none a warning. */
    private StatementResult into(List<String> vars, List<Object[]> rows, int columns, List<Warning> warnings,
                                 Session session) throws SqlError {
        if (vars.size() != columns) {
            throw flavor().error(1222);
        }
        if (rows.size() > 1) {
            throw flavor().error(1172);
        }
        List<Warning> all = new ArrayList<>(warnings);
        if (rows.isEmpty()) {
            all.add(new Warning("Warning", 1329, flavor().errorText(1329)));
            return new StatementResult.Ok(0, all);
        }
        for (int k = 0; k < vars.size(); k++) {
            session.setUserVariable(vars.get(k), rows.get(0)[k]);
        }
        return new StatementResult.Ok(1, all);
    }

    // --- INFORMATION_SCHEMA.PLUGINS

    private static TableDef pluginsDef(List<String> names) {
        List<ColumnDef> columns = new ArrayList<>();
        for (String c : names) {
            columns.add(new ColumnDef(c, ColumnType.text(ColumnType.Kind.VARCHAR, 64), true, ColumnDef.Default.NULL,
                    false, false));
        }
        return new TableDef("information_schema", "PLUGINS", columns, List.of(), List.of(), TableDef.Options.DEFAULT,
                false);
    }

    private List<Object[]> pluginRows() {
        List<String> names = flavor().pluginsTableColumns();
        List<Object[]> rows = new ArrayList<>();
        for (PluginRegistry.Active p : server.plugins().all()) {
            Object[] row = new Object[names.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = pluginsCell(names.get(i), p);
            }
            rows.add(row);
        }
        return rows;
    }

    private String pluginsCell(String column, PluginRegistry.Active p) {
        PluginDescriptor d = p.descriptor();
        return switch (column) {
            case "PLUGIN_NAME" -> d.name();
            case "PLUGIN_VERSION" -> d.version();
            case "PLUGIN_STATUS" -> d.status();
            case "PLUGIN_TYPE" -> d.type();
            case "PLUGIN_TYPE_VERSION" -> flavor().pluginTypeVersion(d.type());
            case "PLUGIN_LIBRARY" -> d.library();
            case "PLUGIN_LIBRARY_VERSION" -> d.library() == null ? null : flavor().pluginLibraryVersion();
            case "PLUGIN_AUTHOR" -> d.author();
            case "PLUGIN_DESCRIPTION" -> d.description();
            case "PLUGIN_LICENSE" -> d.license();
            case "LOAD_OPTION" -> d.effectiveLoadOption(p.builtin());
            case "PLUGIN_MATURITY" -> d.maturity();
            case "PLUGIN_AUTH_VERSION" -> d.authVersion();
            default -> throw new IllegalStateException("flavors.conf plugins-table-columns: no column " + column);
        };
    }

    // --- SHOW

    StatementResult showTables(Account account, Statement.ShowTables s, Session session) throws SqlError {
        String db = Tables.database(flavor(), session, s.db());
        Catalog catalog = server.store().catalog();
        if (!catalog.hasDatabase(db)) {
            throw flavor().error(1049, db);
        }
        if (!account.grants().hasAnyOn(db)) {
            throw flavor().error(1044, account.user(), account.host(), db);
        }
        Like like = s.like() == null ? null : new Like(s.like());
        String header = "Tables_in_" + db + (s.like() == null ? "" : " (" + s.like() + ")");
        List<List<String>> rows = new ArrayList<>();
        for (String t : catalog.tableNames(db)) {
            if ((like == null || like.matches(t)) && account.grants().hasAnyOnTable(db, t)) {
                rows.add(s.full() ? List.of(t, "BASE TABLE") : List.of(t));
            }
        }
        List<String> names = s.full() ? List.of(header, "Table_type") : List.of(header);
        return new StatementResult.Rows(ResultSet.of(names, rows), List.of());
    }

    StatementResult showDatabases(Account account, Statement.ShowDatabases s) {
        Like like = s.like() == null ? null : new Like(s.like());
        boolean all = account.has("SHOW_DATABASES") || account.grants().global().size() > 0;
        List<List<String>> rows = new ArrayList<>();
        for (String db : server.store().catalog().databaseNames()) {
            if ((like == null || like.matches(db)) && (all || db.equals("information_schema") || account.grants().hasAnyOn(db))) {
                rows.add(List.of(db));
            }
        }
        return new StatementResult.Rows(ResultSet.of(List.of("Database" + (s.like() == null ? "" : " (" + s.like() + ")")),
                rows), List.of());
    }

    StatementResult showCreateTable(Account account, Statement.ShowCreateTable s, Session session) throws SqlError {
        String db = Tables.database(flavor(), session, s.table().db());
        Tables.notSystem(flavor(), db, s.table().name());
        if (!account.grants().hasAnyOnTable(db, s.table().name())) {
            throw flavor().error(1142, "SHOW", account.user(), account.host(), db, s.table().name());
        }
        Table t = server.store().catalog().table(db, s.table().name());
        if (t == null && Catalog.DEFAULT_DB.equals(db)) {
            t = server.store().catalog().readable(db, s.table().name());
        }
        if (t == null) {
            throw flavor().error(1146, db, s.table().name());
        }
        String text = CreateTableText.of(t.def(), t, flavor());
        return new StatementResult.Rows(ResultSet.of(List.of("Table", "Create Table"),
                List.of(List.of(t.def().name(), text))), List.of());
    }

    StatementResult showCreateDatabase(Account account, Statement.ShowCreateDatabase s) throws SqlError {
        if (!server.store().catalog().hasDatabase(s.name())) {
            throw flavor().error(1049, s.name());
        }
        if (!account.grants().hasAnyOn(s.name())) {
            throw flavor().error(1044, account.user(), account.host(), s.name());
        }
        String text = "CREATE DATABASE `" + s.name() + "` " + flavor().sql().c().getString("show-create-database");
        return new StatementResult.Rows(ResultSet.of(List.of("Database", "Create Database"),
                List.of(List.of(s.name(), text))), List.of());
    }

    /** SHOW WARNINGS / SHOW ERRORS [LIMIT], and their COUNT(*) forms: the session's diagnostics area. */
    StatementResult showWarnings(Statement.ShowWarnings s, Session session) {
        List<Warning> shown = new ArrayList<>();
        for (Warning w : session.warnings()) {
            if (!s.errorsOnly() || w.level().equals("Error")) {
                shown.add(w);
            }
        }
        if (s.count()) {
            String name = s.errorsOnly() ? "@@session.error_count" : "@@session.warning_count";
            return new StatementResult.Rows(new ResultSet(List.of(new ResultSet.Column(name, true)),
                    List.of(List.of(Integer.toString(shown.size())))), List.of());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object[] w : limit(shown.stream().map(x -> new Object[] {x}).toList(), s.limit(), s.offset())) {
            Warning x = (Warning) w[0];
            rows.add(List.of(x.level(), Integer.toString(x.code()), x.message()));
        }
        return new StatementResult.Rows(new ResultSet(List.of(new ResultSet.Column("Level", false),
                new ResultSet.Column("Code", true), new ResultSet.Column("Message", false)), rows), List.of());
    }
}
