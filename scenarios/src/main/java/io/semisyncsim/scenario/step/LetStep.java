package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Template;
import io.semisyncsim.scenario.lang.ValuePath;
import io.semisyncsim.scenario.lang.YNode;
import io.semisyncsim.server.StatementResult;
import io.semisyncsim.sql.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code let: {NAME: PATH, NAME: {on: NODE, sql: SELECT ...}}}: captures values now, a path's or a
 * query's single value, for later values and statements to use as {@code ${NAME}} (as MTR's
 * {@code let $x = query_get_value(...)}). With {@code column: NAME} (and {@code row: N}, default 1) a
 * query may return more: the value is that column's in that row, as {@code query_get_value(SHOW MASTER
 * STATUS, Position, 1)}. A value that cannot be captured fails the run.
 */
public record LetStep(Pos pos, List<Binding> bindings) implements Step {

    public static final StepKind KIND = new StepKind("let", List.of("let"), LetStep::read);

    /**
     * One captured value: a path's, or a value of {@code sql} run on a connection: its single value, or with
     * {@code column} that column's value in {@code row} (1 for the first).
     */
    public record Binding(String name, Pos pos, ValuePath path, ClientConnection connection, String sql,
                          String column, int row) {
    }

    static Step read(StepReader r, YNode.Map m) {
        YNode.Map lets = r.asMap(m.entries().get("let").value(), "let");
        if (lets == null) {
            return null;
        }
        if (lets.entries().isEmpty()) {
            r.problem(lets.pos(), "let captures at least one value, e.g. let: {before: source.status.Rpl_semi_sync_master_yes_tx}");
        }
        List<Binding> out = new ArrayList<>();
        for (Map.Entry<String, YNode.Entry> e : lets.entries().entrySet()) {
            String name = e.getKey();
            Pos at = e.getValue().keyPos();
            if (!Template.NAME.matcher(name).matches()) {
                r.problem(at, "'" + Printable.clip(name) + "' cannot name a captured value: letters, digits and _, not first a digit");
                continue;
            }
            Binding b = binding(r, name, at, e.getValue().value());
            if (b != null) {
                out.add(b);
                r.define(name);
            }
        }
        return new LetStep(m.pos(), out);
    }

    private static Binding binding(StepReader r, String name, Pos at, YNode v) {
        if (v instanceof YNode.Map q) {
            r.unknownKeys(q, List.of("on", "as", "connection", "sql", "column", "row"), "a let's query");
            if (!q.entries().containsKey("sql")) {
                r.problem(q.pos(), "a let's query needs sql, e.g. {on: source, sql: \"SELECT @@server_id\"}");
                return null;
            }
            ClientConnection c = ClientConnection.read(r, q);
            YNode sqlNode = q.entries().get("sql").value();
            String sql = r.text(sqlNode, "sql");
            if (sql == null || c == null) {
                return null;
            }
            List<String> statements = Parser.split(sql);
            if (statements.size() != 1) {
                r.problem(sqlNode.pos(), "a let's query is one statement, got " + statements.size());
                return null;
            }
            if (!r.template(sqlNode.pos(), statements.get(0))) {
                return null;
            }
            String column = null;
            if (q.entries().containsKey("column")) {
                column = r.text(q.entries().get("column").value(), "column");
                if (column != null && column.isBlank()) {
                    r.problem(q.entries().get("column").value().pos(), "column names a column of the query's result,"
                            + " e.g. column: Position");
                    column = null;
                }
            }
            int row = 1;
            if (q.entries().containsKey("row")) {
                YNode rowNode = q.entries().get("row").value();
                String text = r.text(rowNode, "row");
                if (text != null && text.matches("[1-9][0-9]{0,5}")) {
                    row = Integer.parseInt(text);
                } else if (text != null) {
                    r.problem(rowNode.pos(), "row is the number of a row of the result, 1 for the first; got '"
                            + text + "'");
                }
                if (column == null && !q.entries().containsKey("column")) {
                    r.problem(rowNode.pos(), "row goes with column: the value is that column's in that row");
                }
            }
            r.idle(q.pos(), c.describe());
            return new Binding(name, at, null, c, statements.get(0), column, row);
        }
        String text = r.text(v, "the value of " + name);
        if (text == null) {
            return null;
        }
        ValuePath path = r.path(v.pos(), text);
        return path == null ? null : new Binding(name, at, path, null, null, null, 1);
    }

    @Override
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        bindings.forEach(b -> {
            if (b.sql() != null) {
                out.add(b.sql());
            }
        });
        return out;
    }

    @Override
    public void play(Play p) {
        for (Binding b : bindings) {
            String value = b.path() != null ? p.read(b.path()) : query(p, b);
            if (value == null) {
                if (b.path() != null) {
                    p.outcome(b.pos(), "let " + b.name() + " = " + b.path() + " captures a value", false, "absent");
                }
                p.vars().remove(b.name());
                continue;
            }
            p.vars().put(b.name(), value);
            p.listener().note(p.now(), "let " + b.name() + " = " + Outcome.oneLine(value));
        }
    }

    /**
     * The query's single value, or its {@code column}'s in {@code row} (NULL as the client prints it); null
     * when there is none (an outcome says why).
     */
    private static String query(Play p, Binding b) {
        String sql;
        try {
            sql = p.expand(b.sql());
        } catch (Template.Unbound e) {
            p.outcome(b.pos(), "let " + b.name() + " runs " + b.sql(), false, e.getMessage());
            return null;
        }
        StatementResult r = p.execute(b.pos(), b.connection().session(p), sql);
        if (r == null) {
            return null;
        }
        String what = "let " + b.name() + ": " + b.connection().node() + "> " + sql + (b.column() == null
                ? " returns one value" : " returns a row " + b.row() + " with a column " + b.column());
        if (r instanceof StatementResult.Failed f) {
            p.outcome(b.pos(), what, false, f.error().toString());
            return null;
        }
        if (b.column() != null) {
            if (!(r instanceof StatementResult.Rows rows)) {
                p.outcome(b.pos(), what, false, "no result set");
                return null;
            }
            List<String> names = new ArrayList<>();
            rows.resultSet().columns().forEach(c -> names.add(c.name()));
            int k = names.indexOf(b.column());
            if (k < 0 || rows.resultSet().rows().size() < b.row()) {
                p.outcome(b.pos(), what, false, rows.resultSet().rows().size() + " rows, columns "
                        + String.join(", ", names));
                return null;
            }
            String v = rows.resultSet().rows().get(b.row() - 1).get(k);
            return v == null ? "NULL" : v;
        }
        if (!(r instanceof StatementResult.Rows rows) || rows.resultSet().rows().size() != 1
                || rows.resultSet().columns().size() != 1) {
            p.outcome(b.pos(), what, false, r instanceof StatementResult.Rows rows
                    ? rows.resultSet().rows().size() + " rows of " + rows.resultSet().columns().size() + " columns"
                    : "no result set");
            return null;
        }
        String v = ((StatementResult.Rows) r).resultSet().rows().get(0).get(0);
        return v == null ? "NULL" : v;
    }
}
