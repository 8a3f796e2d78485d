package io.semisyncsim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code semisync-sim shell} as a user meets it, in a process of its own: fed from a pipe (a script),
 * and typed at through a pseudo-terminal (util-linux {@code script} gives it one), where JLine edits the
 * line, completes a node's name and recalls history. Both tell the same story (semisync installed, the
 * link cut, a commit waiting out the timeout, the status OFF, the heal, ON again), save it, and the
 * saved file replays to the trace digest the shell printed.
 */
class ShellTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Pattern SAVED = Pattern.compile("replays them to trace ([0-9a-f]{16})");

    @TempDir
    Path dir;

    static List<String> cli(String... args) {
        return io.semisyncsim.live.CliProcess.command(args);
    }

    static String story(Path save) {
        return String.join("\n",
                "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so';",
                "SET GLOBAL rpl_semi_sync_source_enabled = 1;",
                "\\c replica1",
                "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so';",
                "SET GLOBAL rpl_semi_sync_replica_enabled = 1;",
                "STOP REPLICA IO_THREAD; START REPLICA IO_THREAD;",
                "\\quiet",
                "\\c source",
                "SHOW GLOBAL STATUS",
                "  LIKE 'Rpl_semi_sync_source_status';",
                "\\partition source replica1",
                "\\commit",
                "\\status",
                "\\heal",
                "\\await source.status.Rpl_semi_sync_source_status == ON within 5s",
                "SELECT @@rpl_semi_sync_source_timeout\\G",
                "\\save " + save,
                "") ;
    }

    /** The saved file replays to {@code digest}, every check holding. */
    static void replaysTo(Path saved, String digest) throws Exception {
        RunResult r = new ScenarioRunner().run(ScenarioReader.read(saved), new RunListener() { });
        assertTrue(r.passed(), r.outcomes().toString());
        assertEquals(digest, r.traceDigest(), Files.readString(saved));
    }

    static String printedDigest(String out) {
        Matcher m = SAVED.matcher(out);
        assertTrue(m.find(), "\\save said where and which trace: " + out);
        return m.group(1);
    }

    @Test
    void aScriptThroughAPipeTellsTheStoryAndSavesIt() throws Exception {
        Path save = dir.resolve("piped.yaml");
        Path in = dir.resolve("story.sql");
        Files.writeString(in, story(save));
        Path outFile = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cli("shell")).redirectInput(in.toFile()).redirectErrorStream(true)
                .redirectOutput(outFile.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the shell ends with its input");
        String out = Files.readString(outFile);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("source> SHOW GLOBAL STATUS\n    ->   LIKE 'Rpl_semi_sync_source_status';\n"
                + "+-----------------------------+-------+\n"
                + "| Variable_name               | Value |\n"
                + "+-----------------------------+-------+\n"
                + "| Rpl_semi_sync_source_status | ON    |\n"), "each line after its prompt, results as mysql prints: " + out);
        assertTrue(out.contains("1 committed (0 acknowledged by a replica, 1 asynchronous); last latency 10.0"), out);
        assertTrue(out.matches("(?s).*\nsource +RUNNING +- +OFF +1 +0 +1 .*"), "\\status shows semisync OFF: " + out);
        assertTrue(out.contains("✔ await source.status.Rpl_semi_sync_source_status == ON"), out);
        assertTrue(out.contains("@@rpl_semi_sync_source_timeout: 10000"), "\\G: " + out);
        replaysTo(save, printedDigest(out));
    }

    @Test
    void aBadLineGetsTheReadersMessageAndTheShellGoesOn() throws Exception {
        Path in = dir.resolve("bad.sql");
        Files.writeString(in, "\\fault partition source replica9\n\\sleep 2 sec\nSELEC 1;\nSELECT 'still here';\n");
        Process p = new ProcessBuilder(cli("shell")).redirectInput(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), "a refused line makes the exit code 1: " + out);
        assertTrue(out.contains("ERROR: unknown node 'replica9' in partition; did you mean 'replica1'?"), out);
        assertTrue(out.contains("ERROR: bad duration '2 sec' for sleep"), out);
        assertTrue(out.contains("ERROR 1064 (42000)"), out);
        assertTrue(out.contains("| still here |"), out);
    }

    @Test
    void typedAtThroughAPseudoTerminal() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertTrue(Files.isExecutable(SCRIPT), "CI=true: the pseudo-terminal test must run (util-linux script)");
        } else {
            Assumptions.assumeTrue(Files.isExecutable(SCRIPT), "skipped: " + SCRIPT + " (util-linux) is missing");
        }
        Path save = dir.resolve("typed.yaml");
        String java = String.join(" ", cli("shell", "--speed", "instant").stream().map(ShellTest::quote).toList());
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qfec", "stty cols 160 rows 50; exec " + java,
                "/dev/null").redirectErrorStream(true);
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        Screen screen = new Screen(p.getInputStream());
        OutputStream keys = p.getOutputStream();
        try {
            screen.waitFor("source> ", 1);
            type(keys, "\\c repl\t\r"); // Tab completes the node's name
            screen.waitFor("replica1> ", 1);
            type(keys, "INSTALL PLUGIN rpl_semi_sync_replica SONAME 'semisync_replica.so';\r");
            screen.waitFor("Query OK", 1);
            type(keys, "SET GLOBAL rpl_semi_sync_replica_enabled = 1;\r");
            screen.waitFor("Query OK", 2);
            type(keys, "STOP REPLICA IO_THREAD;\r");
            screen.waitFor("Query OK", 3);
            type(keys, "START REPLICA IO_THREAD;\r");
            screen.waitFor("Query OK", 4);
            type(keys, "\\c source\r");
            screen.waitFor("source> ", 2);
            type(keys, "INSTALL PLUGIN rpl_semi_sync_source SONAME 'semisync_source.so';\r");
            screen.waitFor("Query OK", 5);
            type(keys, "SET GLOBAL rpl_semi_sync_source_enabled = 1;\r");
            screen.waitFor("Query OK", 6);
            type(keys, "\\partition source replica1\r");
            screen.waitFor("(packets held)", 1);
            type(keys, "\\commit\r");
            screen.waitFor("1 committed (0 acknowledged by a replica, 1 asynchronous)", 1);
            type(keys, "SELECT\r"); // a statement over two lines
            screen.waitFor("    -> ", 1);
            type(keys, "@@rpl_semi_sync_source_timeout AS t;\r");
            screen.waitFor("| 10000 |", 1);
            type(keys, "\\expect source.status.Rpl_semi_sync_source_status OFF\r");
            screen.waitFor("✔ source.status.Rpl_semi_sync_source_status", 1);
            type(keys, "\\heal\r");
            screen.waitFor("fault heal", 1);
            type(keys, "\\await source.status.Rpl_semi_sync_source_status == ON within 5s\r");
            screen.waitFor("✔ await", 1);
            type(keys, "\u001bOA\r"); // the arrow up (xterm, keypad mode) recalls the await: it holds again at once
            screen.waitFor("✔ await", 2);
            type(keys, "\\save " + save + "\r");
            screen.waitFor("replays them to trace", 1);
            type(keys, "\\q\r");
            screen.waitFor("Bye", 1);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits");
            assertEquals(0, p.exitValue(), screen.text());
            replaysTo(save, printedDigest(screen.text()));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** What the terminal shows, without its escape sequences, read as it comes. */
    private static final class Screen {
        private final StringBuffer raw = new StringBuffer();

        Screen(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        raw.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "pty-reader");
            t.setDaemon(true);
            t.start();
        }

        String text() {
            return raw.toString().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[=>]", "")
                    .replace("\r", "");
        }

        /** Waits until {@code what} has appeared {@code times} times (or fails after 60 s, showing the screen). */
        void waitFor(String what, int times) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String t = text();
                int count = 0;
                for (int i = t.indexOf(what); i >= 0; i = t.indexOf(what, i + 1)) {
                    count++;
                }
                if (count >= times) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("'" + what + "' x" + times + " never showed; the screen:\n" + text());
        }
    }
}
