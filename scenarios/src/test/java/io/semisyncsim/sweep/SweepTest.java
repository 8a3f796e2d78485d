package io.semisyncsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.cli.Cli;
import io.semisyncsim.cli.Stderr;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep runs every combination of settings and seeds as run would, and writes the same files however it is cut. */
class SweepTest {
    @TempDir
    Path dir;

    /** 1 source + 1 semisync replica, N commits (the second step), and an expectation of 20. */
    static final String SCENARIO = """
            name: small
            topology: {source: source, replicas: [replica1]}
            config:
              source:   { plugin-load-add: semisync_source.so, rpl_semi_sync_source_enabled: 1 }
              replica1: { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }
            network: { latency: 1ms, jitter: 0.5ms }
            steps:
              - sleep: 10ms
              - on: source
                commit: 20
              - expect:
                  commits.count: 20
            """;

    private Path scenario() throws IOException {
        return Files.writeString(dir.resolve("small.yaml"), SCENARIO);
    }

    @Test
    void eachRunGivesTheTraceDigestRunGivesForItsSeed() throws IOException, InvalidScenarioException, SweepException {
        Path f = scenario();
        Path out = dir.resolve("out");
        assertEquals(Cli.OK, Cli.run("sweep", f.toString(), "--seeds", "1..3", "--quiet", "--out", out.toString()));
        List<RunRow> rows = SweepFiles.read(out).rows();
        assertEquals(3, rows.size());
        for (RunRow r : rows) {
            String alone = new ScenarioRunner().run(ScenarioReader.read(f).withSeed(r.seed()), new RunListener() { })
                    .traceDigest();
            assertEquals(alone, r.digest(), "seed " + r.seed());
        }
    }

    @Test
    void aSettingIsPlayedAsIfTheFileSaidIt() throws IOException, InvalidScenarioException, SweepException {
        Path f = scenario();
        Path out = dir.resolve("out");
        Cli.run("sweep", f.toString(), "--set", "network.links.source<->replica1.latency=5ms", "--quiet", "--out",
                out.toString());
        Path edited = Files.writeString(dir.resolve("edited.yaml"), SCENARIO.replace("network: { latency: 1ms, jitter: 0.5ms }",
                "network:\n  latency: 1ms\n  jitter: 0.5ms\n  links:\n    source<->replica1: {latency: 5ms}"));
        String alone = new ScenarioRunner().run(ScenarioReader.read(edited), new RunListener() { }).traceDigest();
        assertEquals(alone, SweepFiles.read(out).rows().get(0).digest());
    }

    @Test
    void twoJobsWriteTheSameBytesAsOne() throws IOException {
        Path f = scenario();
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        String[] common = {"sweep", f.toString(), "--set", "steps.2.commit=19,20", "--seeds", "1..3", "--quiet"};
        Cli.run(concat(common, "--jobs", "1", "--out", one.toString()));
        Cli.run(concat(common, "--jobs", "2", "--out", two.toString()));
        for (String file : List.of(SweepFiles.CSV, SweepFiles.JSON, SweepFiles.HTML)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
        }
    }

    @Test
    void aFailingRunExitsOneAndLeavesItsReportAndAFileToReplay() throws IOException {
        Path f = scenario();
        Path out = dir.resolve("out");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("sweep", f.toString(), "--set", "steps.2.commit=20,21", "--quiet",
                "--out", out.toString()));
        String csv = Files.readString(out.resolve(SweepFiles.CSV));
        assertTrue(csv.contains("r1,21,mysql-8.0,1,FAIL,"), csv);
        assertTrue(Files.readString(out.resolve("reports/r1/report.html")).contains("<svg"));
        Path replay = out.resolve("reports/r1/scenario.yaml");
        assertEquals(Cli.EXPECTATION_FAILED, Cli.run("run", "--quiet", replay.toString(), "--seed", "1"));
        assertTrue(Files.readString(out.resolve(SweepFiles.HTML)).contains("href=\"reports/r1/report.html\""));
    }

    @Test
    void theSummaryIsOnePageThatNeedsNothingElse() throws IOException {
        Path f = scenario();
        Path out = dir.resolve("out");
        Cli.run("sweep", f.toString(), "--set", "steps.2.commit=20,21", "--seeds", "1..2", "--quiet", "--out", out.toString());
        String html = Files.readString(out.resolve(SweepFiles.HTML));
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html.substring(0, 40));
        assertTrue(html.contains("<svg"), "charts are inline SVG");
        for (String outside : List.of("<script", " src=", "<link", "@import", "url(")) {
            assertTrue(!html.contains(outside), "nothing loaded from elsewhere: " + outside);
        }
        assertEquals(List.of("http://www.w3.org/2000/svg"), java.util.regex.Pattern.compile("https?://[^\"]+")
                .matcher(html).results().map(m -> m.group()).distinct().toList(), "the only address is SVG's namespace");
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        java.util.regex.Matcher tag = java.util.regex.Pattern.compile("<(/?)([a-zA-Z0-9]+)[^>]*?(/?)>").matcher(html);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(java.util.Locale.ROOT);
            if (tag.group(3).equals("/") || List.of("meta", "br", "html").contains(name) && tag.group(1).isEmpty()) {
                continue;
            }
            if (tag.group(1).isEmpty()) {
                open.push(name);
            } else if (!name.equals("html")) {
                assertEquals(open.pop(), name, "tags close in order");
            }
        }
        assertTrue(open.isEmpty(), "every tag is closed: " + open);
    }

    @Test
    void theSummaryLabelsADurationVariableWithItsUnitAsTheScenarioLanguageWritesIt() throws IOException {
        Path f = scenario();
        Path out = dir.resolve("out");
        Cli.run("sweep", f.toString(), "--set", "config.source.rpl_semi_sync_source_timeout=100,10000", "--quiet", "--out",
                out.toString());
        String html = Files.readString(out.resolve(SweepFiles.HTML));
        for (String lane : List.of(">timeout=100ms<", ">timeout=10s<")) {
            assertTrue(html.contains(lane), lane + " in " + html);
        }
        assertTrue(html.contains("<td class=\"l\">100ms</td>"), "the table of every run too");
        assertTrue(Files.readString(out.resolve(SweepFiles.CSV)).contains("\r\nr0,100,"), "runs.csv keeps the value as given");
    }

    @Test
    void onlyABareNumberOfAVariableThatIsADurationGetsAUnit() {
        assertEquals("1.5s", SettingUnits.shown("config.source.loose-rpl-semi-sync-master-timeout", "1500"));
        assertEquals("60s", SettingUnits.shown("config.replica1.slave_net_timeout", "60"));
        assertEquals("2", SettingUnits.shown("config.source.rpl_semi_sync_source_wait_for_replica_count", "2"));
        assertEquals("1K", SettingUnits.shown("config.source.rpl_semi_sync_source_timeout", "1K"), "a suffix: as given");
        assertEquals("0.5ms", SettingUnits.shown("network.latency", "0.5ms"));
    }

    @Test
    void whatRunWouldRefuseIsRefusedNamingTheOption() throws IOException {
        Path f = scenario();
        String out = dir.resolve("out").toString();
        String[] err = new String[1];
        err[0] = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("sweep", f.toString(), "--set", "network.latency=fast",
                "--quiet", "--out", out)));
        assertTrue(err[0].startsWith("semisync-sim: --set network.latency=fast: bad duration 'fast'"), err[0]);
        err[0] = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("sweep", f.toString(), "--set", "steps.9.commit=1",
                "--quiet", "--out", out)));
        assertTrue(err[0].contains("steps.9.commit: steps is a list of 3"), err[0]);
        assertEquals(Cli.INVALID, Cli.run("sweep", f.toString(), "--set", "timeout", "--out", out));
        assertEquals(Cli.INVALID, Cli.run("sweep", f.toString(), "--seeds", "5..1", "--out", out));
        assertEquals(Cli.INVALID, Cli.run("sweep", f.toString(), "--shard", "4/3", "--out", out));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), SCENARIO.replace("- sleep: 10ms", "- slep: 10ms"));
        err[0] = Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("sweep", bad.toString(), "--out", out)));
        assertTrue(err[0].contains("bad.yaml:8:5: unknown key 'slep'"), err[0]);
    }

    private String refusal(String... sets) throws IOException {
        Path f = scenario();
        List<String> args = new java.util.ArrayList<>(List.of("sweep", f.toString(), "--quiet", "--out",
                dir.resolve("out").toString()));
        for (String s : sets) {
            args.addAll(List.of("--set", s));
        }
        return Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run(args.toArray(String[]::new))));
    }

    @Test
    void anUnknownPathIsToldOnceForAllItsValues() throws IOException {
        assertEquals("semisync-sim: --set network.latenc: unknown key 'latenc' in network; did you mean 'latency'?\n",
                refusal("network.latenc=1ms,2ms,3ms"));
    }

    @Test
    void aValueOfTheWrongKindIsToldOnceNamingTheValuesThatHaveIt() throws IOException {
        String err = refusal("config.source.rpl_semi_sync_source_timeout=a,100,b");
        assertTrue(err.startsWith("semisync-sim: --set config.source.rpl_semi_sync_source_timeout=a,b: config of source:"
                + " value 'a' of rpl_semi_sync_source_timeout is not valid"), "the option's, not the file's place: " + err);
        assertTrue(err.endsWith(" (the same for b)\n"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void aProblemInTheFileThatOneValueCausesIsToldOnceWithThatValue() throws IOException {
        // The file's jitter (0.5ms) exceeds a latency of 0.1ms, whatever the number of commits.
        String err = refusal("network.latency=0.1ms,2ms", "steps.2.commit=19,20");
        assertEquals(dir.resolve("small.yaml") + ":6:34: network jitter (500us) cannot exceed its latency (100us)"
                + " (with network.latency=0.1ms)\n", err);
    }

    @Test
    void theSameProblemOfEachFlavourIsToldOnce() throws IOException {
        String err = refusal("flavor=mariadb-10.11,mysql-5.7,mysql-8.0");
        assertTrue(err.lines().allMatch(l -> l.endsWith("(with flavor=mariadb-10.11) (the same for mysql-5.7)")), err);
        assertEquals(2, err.lines().count(), "one line for each variable the file names in MySQL 8.0's words: " + err);
    }

    @Test
    void aValueIsFoundInAMessageOnlyAsAWordOfItsOwn() {
        assertTrue(PlanProblems.sameBut("value 'a' is not valid (a whole number)", "a",
                "value 'b' is not valid (a whole number)", "b"));
        assertTrue(!PlanProblems.sameBut("jitter cannot exceed its latency (10us)", "1",
                "jitter cannot exceed its latency (20us)", "2"), "1 is not in 10us");
    }

    @Test
    void theNodesCannotBeSetWithOneMessageSayingWhatToDoInstead() throws IOException {
        for (String set : List.of("topology.replicas=r1,r2", "topology.replicas.1=r1", "topology.source=s")) {
            String err = refusal(set);
            assertEquals(1, err.lines().count(), "no error of the config or steps that name the nodes: " + err);
            assertTrue(err.startsWith("semisync-sim: --set " + set.substring(0, set.indexOf('=')) + ": a sweep keeps the"
                    + " scenario's nodes"), err);
            assertTrue(err.contains("write a scenario file for each"), err);
        }
    }

    @Test
    void mergeRefusesShardsThatAreNotOneWholeSweep() throws IOException {
        Path f = scenario();
        String[] common = {"sweep", f.toString(), "--seeds", "1..4", "--quiet"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli.run(concat(common, "--shard", "1/2", "--out", a.toString()));
        Cli.run(concat(common, "--shard", "1/2", "--out", b.toString()));
        String out = dir.resolve("m").toString();
        assertTrue(Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("merge", a.toString(), "--out", out)))
                .contains("shard 2/2 is missing"));
        assertTrue(Stderr.of(() -> assertEquals(Cli.INVALID, Cli.run("merge", a.toString(), b.toString(), "--out", out)))
                .contains("are both shard 1/2"));
    }

    @Test
    void shardsComeFromBatchEnginesVariables() throws SweepException {
        assertEquals(new Shard(3, 4), Shard.fromEnvironment(java.util.Map.of("JOB_COMPLETION_INDEX", "2",
                "JOB_COMPLETIONS", "4")));
        assertEquals(new Shard(2, 5), Shard.fromEnvironment(java.util.Map.of("SLURM_ARRAY_TASK_ID", "2",
                "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "5")));
        assertEquals(Shard.ALL, Shard.fromEnvironment(java.util.Map.of()));
        assertEquals(new Shard(2, 3), Shard.fromEnvironment(java.util.Map.of("SLURM_ARRAY_TASK_ID", "3",
                "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3")), "--array=1-5:2");
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aScheduleVariableMissingOrOffTheArrayIsSaidByName() {
        SweepException noCount = assertThrows(SweepException.class, () -> Shard.fromEnvironment(
                java.util.Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1")));
        assertEquals("SLURM_ARRAY_TASK_COUNT is not set (docs/SCALE-OUT.md), or give --shard K/N", noCount.getMessage());
        SweepException offStep = assertThrows(SweepException.class, () -> Shard.fromEnvironment(java.util.Map.of(
                "SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_STEP", "2",
                "SLURM_ARRAY_TASK_COUNT", "3")));
        assertTrue(offStep.getMessage().startsWith("SLURM_ARRAY_TASK_ID 4 is not a task of the array from 1 by 2"),
                offStep.getMessage());
        SweepException noIndex = assertThrows(SweepException.class, () -> Shard.fromEnvironment(
                java.util.Map.of("JOB_COMPLETIONS", "3")));
        assertTrue(noIndex.getMessage().startsWith("JOB_COMPLETIONS is set but JOB_COMPLETION_INDEX is not"),
                noIndex.getMessage());
    }
}
