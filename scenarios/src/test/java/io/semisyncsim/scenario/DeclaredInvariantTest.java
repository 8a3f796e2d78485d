package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import org.junit.jupiter.api.Test;

/** A scenario's own invariants hold at every instant, and the first broken one stops the run. */
class DeclaredInvariantTest {
    private static final String HEAD = "name: t\ntopology: {source: source, replicas: [replica1]}\n";

    private static RunResult run(String text) throws InvalidScenarioException {
        Scenario s = ScenarioReader.read(text, "t.yaml", Flavors.standard());
        return new ScenarioRunner().run(s, new RunListener() { });
    }

    @Test
    void aBrokenInvariantStopsTheRunAndSaysWhichWhenAndWhere() throws InvalidScenarioException {
        RunResult r = run(HEAD + "invariants: [\"source.rows <= 2\"]\nsteps:\n  - on: source\n    commit: 5\n"
                + "  - expect:\n      commits.count: 5\n");
        assertFalse(r.passed());
        assertEquals("invariant 'source.rows <= 2'", r.violation().invariant());
        assertEquals("source", r.violation().node());
        assertTrue(r.violation().message().startsWith("source.rows is 3"), r.violation().message());
        assertEquals(1, r.outcomes().size(), "the expect after the broken invariant did not run");
    }

    @Test
    void anInvariantOverAnAbsentValueIsNotChecked() throws InvalidScenarioException {
        RunResult r = run(HEAD + "invariants: [\"lost.acknowledged == 0\"]\nsteps:\n  - on: source\n    commit: 2\n");
        assertTrue(r.passed());
        assertNull(r.violation());
    }

    @Test
    void anInvariantThatHeldIsACheckThatPassedInEveryRun() throws InvalidScenarioException {
        RunResult r = run(HEAD + "invariants: [\"source.rows <= 5\"]\nsteps:\n  - on: source\n    commit: 2\n");
        assertTrue(r.passed());
        var last = r.outcomes().get(r.outcomes().size() - 1);
        assertEquals("invariant 'source.rows <= 5' holds", last.description());
        assertTrue(last.held());
        assertEquals("2", last.actual());
    }

    @Test
    void anInvariantIsReadAsAnAwaitIsAndRefusedWithItsPlace() {
        InvalidScenarioException e = assertThrows(InvalidScenarioException.class, () -> run(HEAD
                + "invariants:\n  - \"replica9.rows == 0\"\n  - lost.acknowledged\nsteps:\n  - sleep: 1ms\n"));
        assertEquals("t.yaml:4:5: unknown node 'replica9' in path 'replica9.rows'; did you mean 'replica1'? (nodes: source, replica1)",
                e.problems().get(0).toString());
        assertTrue(e.problems().get(1).toString().startsWith("t.yaml:5:5: an invariant is PATH OP VALUE"),
                e.problems().get(1).toString());
    }

    @Test
    void theRunsEndIsAnInstantTooSoAFailoverAsTheLastStepIsChecked() throws InvalidScenarioException {
        RunResult r = run("name: t\nflavor: mysql-8.0\ntopology: {source: source, replicas: [replica1]}\n"
                + "network: {links: {source<->replica1: {latency: 20ms}}}\n"
                + "invariants: [\"lost.acknowledged == 0\"]\nsteps:\n  - sleep: 100ms\n"
                + "  - {on: source, workload: {clients: 4, duration: 1s, rate: 1000/s}, background: true}\n"
                + "  - sleep: 300ms\n  - {fault: partition, between: [source, replica1], cut: drop}\n  - sleep: 200ms\n"
                + "  - {fault: crash, node: source}\n  - failover: {promote: replica1}\n");
        assertFalse(r.passed(), "the failover lost acknowledged commits, with no instant after it");
        assertEquals("invariant 'lost.acknowledged == 0'", r.violation().invariant());
    }

    @Test
    void aCountIsComparedWithANumber() {
        InvalidScenarioException e = assertThrows(InvalidScenarioException.class, () -> run(HEAD
                + "invariants: [\"lost.acknowledged == abc\", \"commits.count >= 0ms\"]\nsteps:\n  - sleep: 1ms\n"));
        assertEquals("t.yaml:3:14: lost.acknowledged is a count: compare it with a whole number, got 'abc'",
                e.problems().get(0).toString());
        assertTrue(e.problems().get(1).toString().endsWith("commits.count is a count: compare it with a whole number, got '0ms'"),
                e.problems().get(1).toString());
    }
}
