package io.semisyncsim.scenario.step;

import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.StepKind;
import io.semisyncsim.scenario.lang.StepReader;
import io.semisyncsim.scenario.lang.Target;
import io.semisyncsim.scenario.lang.YNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code on: NODE, workload: {clients, transactions and/or duration, rate}}: client sessions committing
 * single-row INSERTs; with {@code background: true} the next steps run while it goes on.
 */
public record WorkloadStep(Pos pos, String node, int clients, long transactions, long duration, double rate,
                           boolean background, String table) implements Step {

    public static final StepKind KIND = new StepKind("workload", List.of("on", "workload", "background", "table"),
            WorkloadStep::read);

    /** One transaction per virtual year: a slower rate is a mistake (a run would see none). */
    private static final double MIN_RATE = 1.0 / (Durations.MAX / 1e6);
    /** One per microsecond, the virtual clock's resolution. */
    private static final double MAX_RATE = 1e6;

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|ms|m)");

    static Step read(StepReader r, YNode.Map m) {
        String node = r.on(m);
        YNode.Map w = r.asMap(m.entries().get("workload").value(), "workload");
        if (w == null) {
            return null;
        }
        r.unknownKeys(w, List.of("clients", "transactions", "duration", "rate"), "workload");
        int clients = (int) r.wholeNumber(w, "clients", 1, 1, 10_000);
        long transactions = r.wholeNumber(w, "transactions", 0, 1, 100_000_000);
        long duration = r.optionalDuration(w, "duration", 0);
        if (transactions == 0 && duration == 0) {
            r.problem(w.pos(), "a workload needs transactions: N or duration: D (or both)");
        }
        double rate = 0;
        if (w.entries().containsKey("rate")) {
            YNode v = w.entries().get("rate").value();
            String text = r.text(v, "rate");
            java.util.regex.Matcher rm = text == null ? null : RATE.matcher(text.strip());
            if (rm == null || !rm.matches() || Double.parseDouble(rm.group(1)) <= 0) {
                r.problem(v.pos(), "rate is transactions per unit of time, e.g. 500/s or 2/ms; got " + v.describe());
            } else {
                double n = Double.parseDouble(rm.group(1));
                rate = switch (rm.group(2)) {
                    case "ms" -> n * 1000;
                    case "m" -> n / 60;
                    default -> n;
                };
                if (rate < MIN_RATE) {
                    r.problem(v.pos(), "rate " + text.strip() + " is less than one transaction per year of virtual time");
                } else if (rate > MAX_RATE) {
                    r.problem(v.pos(), "rate " + text.strip() + " is more than one transaction per microsecond, the"
                            + " virtual clock's resolution (leave rate out for back-to-back commits)");
                }
            }
        }
        boolean background = r.optionalBoolean(m, "background", false);
        String table = CommitStep.table(r, m);
        return new WorkloadStep(m.pos(), node, clients, transactions, duration, rate, background, table);
    }

    @Override
    public List<String> tables() {
        return List.of(table);
    }

    @Override
    public void play(Play p) {
        long start = p.now();
        p.listener().step(start, node + ": workload of " + clients + " client" + (clients == 1 ? "" : "s")
                + (transactions > 0 ? ", " + transactions + " transactions" : "")
                + (duration > 0 ? ", for " + Durations.format(duration) : "")
                + (rate > 0 ? String.format(Locale.ROOT, ", at %.0f/s", rate) : ", back to back")
                + (table.equals(CommitStep.TABLE) ? "" : ", into " + table) + (background ? " (background)" : ""));
        Target.WorkloadRun run = p.target().workload(node, new Target.WorkloadSpec(clients, transactions, duration,
                rate, table, p.commits().nextKeyBlock()), (key, latency, semisync) -> {
                    p.commits().record(node, table, key, latency, semisync);
                    p.listener().committed(p.now(), latency, semisync);
                });
        if (background) {
            p.target().settle();
            return;
        }
        boolean done = p.target().runUntil(run::finished, start + p.answerLimit());
        p.listener().note(p.now(), run.answered() + " answered of " + run.issued() + " issued");
        if (!done) {
            p.outcome(pos, "workload finishes", false, run.answered() + " answered after " + p.answerLimitText());
        }
    }
}
