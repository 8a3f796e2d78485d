package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
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
 * {@code let $x = query_get_value(...)}). A value that cannot be captured fails the run.
 */
public record LetStep(Pos pos, List<Binding> bindings) implements Step {

    public static final StepKind KIND = new StepKind("let", List.of("let"), LetStep::read);

    /** One captured value: a path's, or the single value of {@code sql} run on a connection. */
    public record Binding(String name, Pos pos, ValuePath path, ClientConnection connection, String sql) {
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
                r.problem(at, "'" + name + "' cannot name a captured value: letters, digits and _, not first a digit");
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
            r.unknownKeys(q, List.of("on", "as", "connection", "sql"), "a let's query");
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
            r.idle(q.pos(), c.describe());
            return new Binding(name, at, null, c, statements.get(0));
        }
        String text = r.text(v, "the value of " + name);
        if (text == null) {
            return null;
        }
        ValuePath path = r.path(v.pos(), text);
        return path == null ? null : new Binding(name, at, path, null, null);
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
            p.listener().note(p.now(), "let " + b.name() + " = " + (value.contains("\n")
                    ? "(" + value.split("\n").length + " lines)" : value));
        }
    }

    /** The query's single value (NULL as the client prints it); null when there is none (an outcome says why). */
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
        String what = "let " + b.name() + ": " + b.connection().node() + "> " + sql + " returns one value";
        if (r instanceof StatementResult.Failed f) {
            p.outcome(b.pos(), what, false, f.error().toString());
            return null;
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
