package io.semisyncsim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import io.semisyncsim.scenario.lang.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live engine: a session played line by line, saved, and replayed by the runner to the same trace
 * digest, whatever moved the clock (steps, sleeps, next event, until quiet, paced play); a bad line gets
 * the scenario reader's own message and changes nothing.
 */
class LiveSessionTest {
    @TempDir
    Path dir;

    static final List<String> STORY = List.of(
            "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so';",
            "SET GLOBAL rpl_semi_sync_source_enabled = 1;",
            "\\c replica1",
            "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so'; SET GLOBAL rpl_semi_sync_replica_enabled = 1;",
            "STOP REPLICA IO_THREAD; START REPLICA IO_THREAD;",
            "\\quiet",
            "\\c source",
            "\\fault partition source replica1",
            "\\commit",
            "\\event",
            "\\sleep 1.5s",
            "\\expect source.status.Rpl_semi_sync_source_status OFF",
            "\\heal",
            "\\await source.status.Rpl_semi_sync_source_status == ON within 5s",
            "SELEC 1;",
            "SELECT @@rpl_semi_sync_source_timeout\\G");

    /** Runs lines as a console does, following \c. */
    static String play(LiveSession s, List<String> lines) {
        String node = s.nodes().get(0);
        String connection = null;
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            LiveSession.Reply r = s.run(line, node, connection, 60);
            node = r.node();
            connection = r.connection();
            r.output().forEach(o -> out.append(o.kind()).append(": ").append(o.text()).append('\n'));
        }
        return out.toString();
    }

    static RunResult replay(String text) throws InvalidScenarioException {
        Scenario s = ScenarioReader.read(text, "saved.yaml", Flavors.standard());
        return new ScenarioRunner().run(s, new RunListener() { });
    }

    @Test
    void aSessionSavesAsAScenarioThatReplaysToTheSameTrace() throws Exception {
        try (LiveSession s = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1))) {
            String out = play(s, STORY);
            assertTrue(out.contains("held: "), out);
            assertFalse(out.contains("failed: "), "every check held: " + out);
            assertTrue(out.contains("ERROR 1064 (42000)"), out);
            assertTrue(out.contains("@@rpl_semi_sync_source_timeout: 10000"), "\\G prints one row per block: " + out);
            LiveState st = s.state();
            assertEquals("ON", st.nodes().get(0).semisync());
            String text = s.scenarioText();
            assertTrue(text.contains("expect_error: 1064"), text);
            RunResult r = replay(text);
            assertTrue(r.passed(), r.outcomes().toString());
            assertEquals(s.state().digest(), r.traceDigest(), text);
            assertEquals(s.state().now(), r.endTime());
        }
    }

    @Test
    void badInputGetsTheReadersMessageAndChangesNothing() throws Exception {
        String fileMessage;
        try {
            ScenarioReader.read("name: x\ntopology: {source: source, replicas: [replica1]}\nsteps:\n"
                    + "  - fault: partition\n    between: [source, replica9]\n", "f.yaml", Flavors.standard());
            throw new AssertionError("refused");
        } catch (InvalidScenarioException e) {
            fileMessage = e.problems().get(0).message();
        }
        try (LiveSession s = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1))) {
            String before = s.scenarioText();
            long then = s.state().now();
            LiveSession.Reply r = s.run("\\fault partition source replica9", "source", null, 60);
            assertFalse(r.ok());
            assertEquals(List.of("error: " + fileMessage), r.output().stream().map(o -> o.kind() + ": " + o.text())
                    .collect(Collectors.toList()));
            for (String bad : List.of("\\sleep 2 sec", "\\fault partitoin source replica1", "\\crash replica7",
                    "\\await source.status.Rpl_semi_sync_source_status == ON", "\\restart replica1", "\\frobnicate",
                    "\\step {sleep: 1s, sql: x}", "\\c replica3")) {
                LiveSession.Reply b = s.run(bad, "source", null, 60);
                assertFalse(b.ok(), bad);
                assertEquals(LiveSession.Output.ERROR, b.output().get(0).kind(), bad + ": " + b.output());
            }
            assertEquals(before, s.scenarioText(), "nothing was written down");
            assertEquals(then, s.state().now(), "and no time passed");
            assertTrue(s.run("SELECT 1;", "source", null, 60).ok(), "the session goes on");
        }
    }

    @Test
    void pacedPlayAndClockMovesReplayAlike() throws Exception {
        try (LiveSession s = LiveSession.start(LiveSession.fresh("mysql-8.0", 3, 3).withSpeed(1000))) {
            play(s, List.of("\\commit 3", "\\event", "\\event"));
            assertEquals(null, s.clock(null, true));
            Thread.sleep(300); // ~300 virtual seconds at 1000x, in turns of 50 virtual seconds
            assertEquals(null, s.clock(null, false));
            play(s, List.of("\\workload clients=2 transactions=50", "\\sleep 20ms", "\\speed instant", "\\quiet",
                    "\\c replica2 c2", "SHOW REPLICA STATUS\\G"));
            assertTrue(s.state().now() > 100_000_000L, "the clock ran by itself: " + s.state().now());
            String text = s.scenarioText();
            RunResult r = replay(text);
            assertEquals(s.state().digest(), r.traceDigest(), text);
        }
    }

    @Test
    void aFileIsPlayedFirstOrStepByStepAndItsStepsAreKeptAsWritten() throws Exception {
        Path file = dir.resolve("f.yaml");
        Files.writeString(file, "name: from-file   # a comment\n"
                + "topology:\n  source: source\n  replicas: [replica1]\n"
                + "steps:\n"
                + "  # the plugin first\n"
                + "  - on: source\n"
                + "    sql: INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so'\n"
                + "  - sleep: 1s   # a second\n"
                + "  - expect:\n      source.plugins.rpl_semi_sync_source: ACTIVE\n"
                + "config:\n  source: {log_error_verbosity: 3}\n");
        String whole;
        try (LiveSession s = LiveSession.start(LiveSession.fromFile(file, false))) {
            assertEquals(3, s.state().steps());
            play(s, List.of("\\commit 2"));
            whole = s.scenarioText();
            assertTrue(whole.contains("  - sleep: 1s   # a second\n"), whole);
            assertTrue(whole.contains("config:\n  source: {log_error_verbosity: 3}\n"), whole);
            assertEquals(s.state().digest(), replay(whole).traceDigest(), whole);
        }
        try (LiveSession s = LiveSession.start(LiveSession.fromFile(file, true))) {
            assertEquals(3, s.state().fileStepsLeft());
            String out = play(s, List.of("\\next", "\\commit 1", "\\next"));
            assertTrue(out.contains("INSTALL PLUGIN"), out);
            assertEquals(1, s.state().fileStepsLeft());
            String text = s.scenarioText();
            assertFalse(text.contains("expect:"), "the step not played is not saved: " + text);
            assertEquals(s.state().digest(), replay(text).traceDigest(), text);
        }
    }

    @Test
    void aSentStatementShowsItsStepLineAndNothingElseUntilItIsReaped() throws Exception {
        try (LiveSession s = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1))) {
            LiveSession.Reply sent = s.run("\\send SELECT 1", "source", null, 60);
            assertEquals(List.of("step: [0.013066 s] source: send SELECT 1"), sent.output().stream()
                    .map(o -> o.kind() + ": " + o.text()).collect(Collectors.toList()), "no prompt, no result yet");
            LiveSession.Reply reaped = s.run("\\reap", "source", null, 60);
            assertEquals(List.of(LiveSession.Output.STEP, LiveSession.Output.RESULT), reaped.output().stream()
                    .map(LiveSession.Output::kind).collect(Collectors.toList()), reaped.output().toString());
            assertTrue(reaped.output().get(1).text().contains("| 1 |"), reaped.output().toString());
        }
    }

    @Test
    void aRefusalNamesTheCommandThatLedToItAndTheCommandToTypeNotPlacesInTheSessionsYaml() throws Exception {
        try (LiveSession s = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1))) {
            s.run("\\send SELECT 1", "source", null, 60);
            s.run("\\crash replica1", "source", null, 60);
            assertEquals("root's connection to source is still waiting for the statement sent with `\\send SELECT 1`;"
                    + " reap it first (\\reap)", s.run("SELECT 2;", "source", null, 60).output().get(0).text());
            assertEquals("crash of replica1, which is down at this point (it went down with `\\crash replica1`)",
                    s.run("\\crash  replica1", "source", null, 60).output().get(0).text());
            s.run("\\reap", "source", null, 60);
            assertEquals("nothing was sent on root's connection to source to reap (\\send SQL comes first)",
                    s.run("\\reap", "source", null, 60).output().get(0).text());
            assertEquals("YAML syntax: expected the node content, but found '<stream end>' (while parsing a flow node"
                    + " started in this step)", s.run("\\step {sleep: ", "source", null, 60).output().get(0).text());
        }
    }

    @Test
    void aRefusalNamesTheFileStepThatLedToIt() throws Exception {
        Path file = dir.resolve("down.yaml");
        Files.writeString(file, "name: down\ntopology: {source: source, replicas: [replica1]}\n"
                + "steps:\n  - fault: crash\n    node: replica1\n");
        try (LiveSession s = LiveSession.start(LiveSession.fromFile(file, false))) {
            assertEquals("pause of replica1, which is down at this point (it went down at step 1 of " + file + ")",
                    s.run("\\pause replica1 1s", "source", null, 60).output().get(0).text());
        }
    }

    @Test
    void saveKeepsAFileThatExistsAndSaveBangOverwritesIt() throws Exception {
        Path keep = dir.resolve("keep.yaml");
        Files.writeString(keep, "mine\n");
        try (LiveSession s = LiveSession.start(LiveSession.fresh("mysql-8.0", 1, 1))) {
            s.run("\\commit", "source", null, 60);
            LiveSession.Reply refused = s.run("\\save " + keep, "source", null, 60);
            assertFalse(refused.ok());
            assertEquals("error: " + keep + " exists, so it was not overwritten: \\save! " + keep + " overwrites it",
                    refused.output().get(0).kind() + ": " + refused.output().get(0).text());
            assertEquals("mine\n", Files.readString(keep));
            assertTrue(s.run("\\save! " + keep, "source", null, 60).ok());
            assertEquals(s.scenarioText(), Files.readString(keep));
        }
    }

    @Test
    void helpGivesExamplesInTheFlavoursOwnNames() throws Exception {
        for (String[] f : new String[][] {{"mysql-8.4", "source", "master"}, {"mariadb-10.11", "master", "source"}}) {
            try (LiveSession s = LiveSession.start(LiveSession.fresh(f[0], 1, 1))) {
                String help = s.run("\\help", "source", null, 60).output().get(0).text();
                assertTrue(help.contains("source.status.Rpl_semi_sync_" + f[1] + "_status == OFF"), f[0] + ": " + help);
                assertTrue(help.contains("source.status.Rpl_semi_sync_" + f[1] + "_clients 1"), f[0] + ": " + help);
                assertFalse(help.contains("Rpl_semi_sync_" + f[2]), f[0] + ": " + help);
                assertTrue(s.run("\\expect x", "source", null, 60).output().get(0).text()
                        .endsWith("source.status.Rpl_semi_sync_" + f[1] + "_status ON"), f[0]);
            }
        }
    }
}
