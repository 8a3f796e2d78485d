package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.server.StatementResult;
import java.util.List;

/** Several listeners as one, told in order. */
public final class Listeners implements RunListener {
    private final List<RunListener> all;

    public Listeners(RunListener... listeners) {
        this.all = List.of(listeners);
    }

    @Override
    public void started(Scenario scenario) {
        all.forEach(l -> l.started(scenario));
    }

    @Override
    public void step(long time, String text) {
        all.forEach(l -> l.step(time, text));
    }

    @Override
    public void statementStarted(long time, String node, String user, String sql) {
        all.forEach(l -> l.statementStarted(time, node, user, sql));
    }

    @Override
    public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
        all.forEach(l -> l.statement(time, elapsed, node, user, sql, result));
    }

    @Override
    public void outcome(Outcome outcome) {
        all.forEach(l -> l.outcome(outcome));
    }

    @Override
    public void note(long time, String text) {
        all.forEach(l -> l.note(time, text));
    }

    @Override
    public boolean wantsStatusSamples() {
        return all.stream().anyMatch(RunListener::wantsStatusSamples);
    }

    @Override
    public void statusSample(long time, String node, String name, String value) {
        all.forEach(l -> l.statusSample(time, node, name, value));
    }

    @Override
    public void committed(long time, long latency, Boolean semisync) {
        for (int i = 0; i < all.size(); i++) { // per commit: no lambda, no iterator
            all.get(i).committed(time, latency, semisync);
        }
    }

    @Override
    public void finished(RunResult result) {
        all.forEach(l -> l.finished(result));
    }
}
