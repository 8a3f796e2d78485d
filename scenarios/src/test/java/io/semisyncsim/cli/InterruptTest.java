package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by SIGTERM or SIGINT exits 143 or 130 and leaves its report directory marked
 * incomplete: a file INCOMPLETE and the index saying so, the interrupted run among its rows. The
 * command runs in a JVM of its own, so the signal reaches it as it would from a terminal or a CI.
 */
class InterruptTest {
    private static final String LONG = "name: long\ntopology:\n  source: source\n  replicas: [replica1]\n"
            + "config:\n  source: { plugin-load-add: semisync_source.so, rpl_semi_sync_source_enabled: 1 }\n"
            + "  replica1: { plugin-load-add: semisync_replica.so, rpl_semi_sync_replica_enabled: 1 }\n"
            + "steps:\n  - on: source\n    workload: { clients: 4, transactions: 50000000 }\n";

    @TempDir
    Path dir;

    @Test
    void sigtermExits143AndMarksTheReportIncomplete() throws Exception {
        interrupt("TERM", 143);
    }

    @Test
    void sigintExits130AndMarksTheReportIncomplete() throws Exception {
        interrupt("INT", 130);
    }

    @Test
    void theLabHasNoOtherWayToStopThanASignalAndExits130AsItsHelpSays() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new picocli.CommandLine(new LabCommand()).usage(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String help = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(help.contains("130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM"), help);
        assertFalse(help.contains("0 stopped"), help);
        List<String> command = withDefaultSigint("INT");
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "lab"));
        Path log = dir.resolve("lab.log");
        signalOnceReady(command, log, () -> Files.readString(log).contains("Ctrl-C stops it."), "INT", 130, "the lab");
    }

    /** The start of a command that gives the child SIGINT's default action if this JVM ignores it. */
    private static List<String> withDefaultSigint(String signal) throws IOException {
        List<String> command = new ArrayList<>();
        if (signal.equals("INT") && sigintIgnored()) {
            // a JVM keeps SIGINT ignored if it starts so (as under a background job); give it the default
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
        }
        return command;
    }

    private void interrupt(String signal, int exit) throws Exception {
        Path scenario = Files.writeString(dir.resolve("long.yaml"), LONG);
        Path out = dir.resolve("report");
        List<String> command = withDefaultSigint(signal);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--quiet", "--report", out.toString(),
                scenario.toString()));
        Path trace = out.resolve("long").resolve("trace.jsonl");
        signalOnceReady(command, dir.resolve("out.log"), () -> Files.exists(trace) && Files.size(trace) > 0, signal, exit,
                "the run");
        assertTrue(Files.readString(out.resolve(ReportDir.INCOMPLETE)).contains("interrupted"));
        assertTrue(Files.readString(dir.resolve("out.log")).contains("semisync-sim: interrupted (SIGINT or SIGTERM) while"
                + " long was running; " + out + " is marked INCOMPLETE"), "the terminal is told too");
        assertTrue(Files.exists(out.resolve("long").resolve(ReportDir.INCOMPLETE)), "the run's own directory too");
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("INCOMPLETE: interrupted (SIGINT or SIGTERM) while long was running"), index);
        assertTrue(index.contains("<td class=\"INTERRUPTED\">INTERRUPTED</td>"), index);
    }

    @Test
    void aSweepStoppedBySigtermLeavesItsOutputMarkedIncomplete() throws Exception {
        Path scenario = Files.writeString(dir.resolve("long.yaml"), LONG);
        Path out = dir.resolve("sweep");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep", scenario.toString(), "--quiet",
                "--out", out.toString()));
        signalOnceReady(command, dir.resolve("out.log"), () -> Files.exists(out.resolve(ReportDir.INCOMPLETE)), "TERM", 143,
                "the sweep");
        assertTrue(Files.readString(out.resolve(ReportDir.INCOMPLETE)).contains("interrupted"));
        assertTrue(Files.readString(dir.resolve("out.log")).contains("semisync-sim: interrupted (SIGINT or SIGTERM) while"
                + " sweep was running; " + out + " is marked INCOMPLETE"), Files.readString(dir.resolve("out.log")));
    }

    interface Ready {
        boolean now() throws IOException;
    }

    /** Starts {@code command} in a JVM of its own, signals it once {@code ready}, and checks it exits {@code exit}. */
    private static void signalOnceReady(List<String> command, Path log, Ready ready, String signal, int exit, String what)
            throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ready.now()) {
                assertTrue(p.isAlive(), what + " goes on until the signal: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, what + " started within 60 s");
                Thread.sleep(50);
            }
            assertEquals(0, new ProcessBuilder("sh", "-c", "kill -" + signal + " " + p.pid()).inheritIO().start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), what + " ends after the signal");
            assertEquals(exit, p.exitValue(), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Whether this JVM's process ignores SIGINT (bit 2 of SigIgn in /proc/self/status): a child would inherit it. */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
            }
        }
        return false;
    }
}
