package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.cli.Cli;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.sweep.Setting;
import io.semisyncsim.sweep.SweepException;
import io.semisyncsim.sweep.SweepPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's option-file variables are checked as mysqld checks them at start: a variable it does not know
 * (misspelt, or a plugin's without the plugin loaded) would stop the node, so the file is refused before
 * anything runs, by check, run and sweep alike; unless the scenario checks the node's log for that
 * failed start, which is then its point.
 */
class OptionFileVariablesTest {
    private static final String TYPO = """
            name: t
            topology: {source: source, replicas: [replica1]}
            config: {source: {rpl_semi_sync_source_enabeld: 1}}
            steps:
              - sleep: 1s
            """;

    @TempDir
    Path dir;

    private static String refusal(String text, ScenarioReader.Options options) {
        InvalidScenarioException e = assertThrows(InvalidScenarioException.class,
                () -> ScenarioReader.read(text, "f.yaml", Flavors.standard(), options));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0).toString();
    }

    @Test
    void aMisspeltVariableIsRefusedAtItsPlaceWithTheFlavoursNearestName() {
        assertTrue(refusal(TYPO, ScenarioReader.Options.DEFAULT).startsWith("f.yaml:3:19: config of source: unknown"
                + " variable 'rpl_semi_sync_source_enabeld' on mysql-8.0; did you mean 'rpl_semi_sync_source_enabled'?"));
    }

    @Test
    void runAndCheckRefuseItAlikeWithExitTwo() throws IOException {
        Path f = Files.writeString(dir.resolve("typo.yaml"), TYPO);
        assertEquals(Cli.INVALID, Cli.run("check", f.toString()));
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", f.toString()));
    }

    @Test
    void withFlavorTheVariablesAreTheRunFlavoursNotTheFiles() throws InvalidScenarioException {
        String text = """
                name: t
                topology: {source: source, replicas: [replica1]}
                config: {source: {plugin-load-add: semisync_source.so, rpl_semi_sync_source_enabled: 1}}
                steps:
                  - sleep: 1s
                """;
        ScenarioReader.read(text, "f.yaml", Flavors.standard(), ScenarioReader.Options.DEFAULT);
        assertTrue(refusal(text, new ScenarioReader.Options(false, "mysql-5.7")).startsWith("f.yaml:3:56: config of"
                + " source: unknown variable 'rpl_semi_sync_source_enabled' on mysql-5.7; did you mean"
                + " 'rpl_semi_sync_master_enabled'?"));
    }

    @Test
    void aPluginsVariableIsKnownWhenPluginLoadAddLoadsItOrWithLoose() throws InvalidScenarioException {
        ScenarioReader.read("""
                name: t
                flavor: mysql-5.7
                topology: {source: source, replicas: [replica1]}
                config:
                  source: {plugin-load-add: "rpl_semi_sync_master=semisync_master.so", rpl-semi-sync-master-timeout: 100}
                  replica1: {loose-rpl_semi_sync_slave_enabled: 1}
                steps:
                  - sleep: 1s
                """, "f.yaml", Flavors.standard());
    }

    @Test
    void aFailedStartTheScenarioChecksInTheNodesLogIsItsPoint() throws InvalidScenarioException {
        ScenarioReader.read(TYPO.replace("  - sleep: 1s", """
                  - expect:
                      source.log: contains "unknown variable 'rpl_semi_sync_source_enabeld=1'"
                """), "f.yaml", Flavors.standard());
        assertTrue(refusal(TYPO.replace("  - sleep: 1s", """
                  - expect:
                      replica1.log: contains "unknown variable"
                """), ScenarioReader.Options.DEFAULT).contains("config of source: unknown variable"),
                "another node's log says nothing of the source's start");
    }

    @Test
    void aSweepRefusesASetThatMisspellsAVariableUpFrontNamingTheOption() throws IOException {
        Path f = Files.writeString(dir.resolve("sw.yaml"), """
                name: sw
                topology: {source: source, replicas: [replica1]}
                config: {source: {plugin-load-add: semisync_source.so}}
                steps:
                  - sleep: 1s
                """);
        SweepException e = assertThrows(SweepException.class, () -> SweepPlan.of(f,
                List.of(Setting.parse("config.source.rpl_semi_sync_source_timout=1,2")), List.of(1L),
                ScenarioReader.Options.DEFAULT));
        assertTrue(e.getMessage().startsWith("semisync-sim: --set config.source.rpl_semi_sync_source_timout=1,2: config"
                + " of source: unknown variable 'rpl_semi_sync_source_timout' on mysql-8.0; did you mean"
                + " 'rpl_semi_sync_source_timeout'?"), e.getMessage());
    }

    @Test
    void aValueMysqldWouldRefuseIsRefusedTooByCheckRunAndSweepWithWhatMysqldPrints() throws IOException {
        String bad = """
                name: t
                topology: {source: source, replicas: [replica1]}
                config: {source: {max_binlog_size: 1X}}
                steps:
                  - sleep: 1s
                """;
        assertEquals("f.yaml:3:19: config of source: value '1X' of max_binlog_size is not valid on mysql-8.0 (a whole"
                + " number, with K, M, G... for powers of 1024): mysqld would print \"Unknown suffix 'X' used for variable"
                + " 'max_binlog_size' (value '1X').\" and not start", refusal(bad, ScenarioReader.Options.DEFAULT));
        Path f = Files.writeString(dir.resolve("bad.yaml"), bad);
        assertEquals(Cli.INVALID, Cli.run("check", f.toString()));
        assertEquals(Cli.INVALID, Cli.run("run", "--quiet", f.toString()));
        Path good = Files.writeString(dir.resolve("good.yaml"), bad.replace("1X", "1M"));
        assertEquals(Cli.INVALID, Cli.run("sweep", good.toString(), "--quiet", "--set",
                "config.source.max_binlog_size=1M,1X", "--out", dir.resolve("out").toString()));
    }

    @Test
    void aBooleanMysqldWouldQuietlyTakeAsOffIsRefusedWithWhatItWouldDo() {
        assertEquals("f.yaml:3:59: config of replica1: value 'maybe' of rpl_semi_sync_replica_enabled is not a boolean"
                + " on mysql-8.0 (ON, OFF, TRUE, FALSE, 1 or 0): mysqld would warn \"option 'rpl_semi_sync_replica_enabled':"
                + " boolean value 'maybe' was not recognized. Set to OFF.\" and start with it OFF; write OFF if that is"
                + " meant", refusal("""
                name: t
                topology: {source: source, replicas: [replica1]}
                config: {replica1: {plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: maybe}}
                steps:
                  - sleep: 1s
                """, ScenarioReader.Options.DEFAULT));
    }

    @Test
    void aLogCheckDoesNotLetARefusedValueThroughForItsLinesAreNotInTheErrorLog() {
        assertTrue(refusal("""
                name: t
                topology: {source: source, replicas: [replica1]}
                config: {source: {max_binlog_size: 1X}}
                steps:
                  - expect: {source.log: contains "Unknown suffix"}
                """, ScenarioReader.Options.DEFAULT).contains("would print"));
    }

    @Test
    void aNumberWithASizeSuffixIsReadAsMysqldReadsIt() throws IOException {
        Path f = Files.writeString(dir.resolve("suffix.yaml"), """
                name: t
                topology: {source: source, replicas: [replica1]}
                config: {source: {max_binlog_size: 1M}}
                steps:
                  - expect: {source.variables.max_binlog_size: 1048576}
                """);
        assertEquals(Cli.OK, Cli.run("run", "--quiet", f.toString()));
    }
}
