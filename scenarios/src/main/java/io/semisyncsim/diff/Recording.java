package io.semisyncsim.diff;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.scenario.lang.ValuePath;
import io.semisyncsim.server.StatementResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side of a diff showed: after every step, each node's semisync status and variables, SHOW
 * SLAVE STATUS, binary log position and row count, the step's statements and their answers, its
 * checks' actual values and its timings; at the end, each node's error log.
 */
final class Recording implements RunListener {

    /**
     * One step's fields by name, in the order they were taken, its timings in µs (statements, commits,
     * an await's duration: the timings that matter), and how long the step took, which says whether
     * the two sides read the servers at comparable moments.
     */
    /**
     * One step's fields. {@code await}: read the instant an await's condition came true, so the simulation
     * had no quiet time before reading, whatever the step's duration.
     */
    record StepRecord(String label, Map<String, String> fields, Map<String, Long> timings, long duration,
                      long snapshot, boolean await) {
        /** How long the simulation ran quietly before it read the fields. */
        long quiet() {
            return await ? 0 : duration;
        }
    }

    private final List<Step> steps;
    private final DiffSettings settings;
    private final List<StepRecord> records = new ArrayList<>();
    private final Map<String, List<String>> logs = new LinkedHashMap<>();
    private Map<String, String> fields = new LinkedHashMap<>();
    private Map<String, Long> timings = new LinkedHashMap<>();
    private long stepStart;
    private int statements;

    Recording(List<Step> steps, DiffSettings settings) {
        this.steps = steps;
        this.settings = settings;
    }

    List<StepRecord> records() {
        return records;
    }

    Map<String, List<String>> logs() {
        return logs;
    }

    @Override
    public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
        // Named as the scenario writes it (before ${...} is filled in: a captured connection id differs
        // between the sides), and compared unless its answer is the harness's to decide.
        int index = records.size();
        List<String> written = index < steps.size() ? steps.get(index).statements() : List.of();
        String key = node + "> " + (statements < written.size() ? written.get(statements) : sql);
        if (!settings.harnessStatement(key)) {
            fields.put(key, render(result));
        }
        if (!spansSteps()) {
            timings.put(key + " (time)", elapsed); // 0 in the simulator for a statement that does not wait
        }
        statements++;
    }

    @Override
    public void committed(long time, long latency, Boolean semisync) {
        if (!spansSteps()) {
            timings.put("commits.last.latency", latency);
        }
    }

    /**
     * Whether the answer being recorded is a reaped one: a statement sent steps ago waited through the
     * steps between, and on real servers those include the harness's reading of every node, so its time
     * is not the model's to match.
     */
    private boolean spansSteps() {
        int index = records.size();
        return index < steps.size() && steps.get(index) instanceof io.semisyncsim.scenario.step.ReapStep;
    }

    /** A check: whether it held, and its actual value; a duration (a latency) is compared as a timing. */
    @Override
    public void outcome(Outcome o) {
        String name = "check " + o.description();
        long micros = o.actual() == null ? -1 : Durations.parse(o.actual());
        if (micros >= 0) {
            fields.put(name, o.held() ? "holds" : "fails");
            timings.put(name + " (actual)", micros);
            return;
        }
        fields.put(name, (o.held() ? "holds" : "fails") + ", actual: "
                + (o.actual() == null ? "absent" : o.actual().contains("\n") ? "(log)" : o.actual()));
    }

    /** Called after each step: takes every node's fields and closes the step's record. */
    void afterStep(Target t) {
        int index = records.size();
        Step step = steps.get(index);
        long duration = t.now() - stepStart;
        long snapshotStart = t.now(); // on real servers, reading every node takes a while, and they go on
        boolean await = step instanceof io.semisyncsim.scenario.step.AwaitStep;
        if (await) {
            timings.put("await duration", duration); // how long the condition took to hold
        }
        for (String node : t.nodes()) {
            if (t.frozen(node)) {
                // A paused mysqld answers nothing: reading it would wait for its resume while the others go on.
                fields.put(node + ".frozen", "yes");
                continue;
            }
            t.statusVariables(node, "Rpl_semi_sync").forEach((k, v) -> {
                if (settings.timed(k) && v != null && v.matches("\\d+")) {
                    timings.put(node + ".status." + k, Long.parseLong(v));
                } else {
                    fields.put(node + ".status." + k, v);
                }
            });
            t.systemVariables(node, "rpl_semi_sync").forEach((k, v) -> fields.put(node + ".variables." + k, v));
            t.replicaStatus(node).forEach((k, v) -> {
                if (!settings.harnessColumns().contains(k)) {
                    fields.put(node + ".replica_status." + k, v);
                }
            });
            fields.put(node + ".binlog", t.binaryLogPosition(node));
            fields.put(node + ".rows", t.read(new ValuePath(node, ValuePath.Kind.ROWS, null)));
        }
        String kind = step.getClass().getSimpleName().replaceAll("(Step|Fault)$", "").toLowerCase(java.util.Locale.ROOT);
        records.add(new StepRecord("step " + (index + 1) + " (line " + step.pos().line() + ", " + kind + ")", fields,
                timings, duration, t.now() - snapshotStart, await));
        fields = new LinkedHashMap<>();
        timings = new LinkedHashMap<>();
        statements = 0;
        stepStart = t.now();
        if (records.size() == steps.size()) {
            for (String node : t.nodes()) {
                logs.put(node, t.errorLog(node));
            }
        }
    }

    static String render(StatementResult r) {
        StringBuilder out = new StringBuilder();
        if (r instanceof StatementResult.Failed f) {
            out.append(f.error());
        } else if (r instanceof StatementResult.Ok ok) {
            out.append("OK, ").append(ok.affectedRows()).append(" rows affected");
        } else if (r instanceof StatementResult.Rows rows) {
            List<String> names = new ArrayList<>();
            rows.resultSet().columns().forEach(c -> names.add(c.name()));
            out.append(String.join(" | ", names));
            for (List<String> row : rows.resultSet().rows()) {
                out.append(" / ").append(String.join(" | ", row.stream().map(v -> v == null ? "NULL" : v).toList()));
            }
        }
        if (!(r instanceof StatementResult.Failed)) {
            for (StatementResult.Warning w : r.warnings()) {
                out.append("; ").append(w.level()).append(" ").append(w.code()).append(": ").append(w.message());
            }
        }
        return out.toString();
    }

    static String duration(Long micros) {
        return micros == null ? null : Durations.format(micros);
    }
}
