package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.scenario.ScenarioReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A bug the reader meets in one file (an exception it did not foresee) is that file's internal error: told
 * for that file, with the stack trace in a file, while every other valid file still runs; the exit code
 * is still 3, internal error, as run --help promises.
 */
class ReaderBugInOneFileTest {
    private static final Pattern TRACE = Pattern.compile("stack trace: (\\S+);");

    @TempDir
    Path dir;

    /** The scenario reader, except that it meets a bug in any file named bug.yaml. */
    private static final ScenarioFiles.Reader BUGGY = file -> {
        if (file.getFileName().toString().equals("bug.yaml")) {
            throw new IllegalStateException("a bug in the reader");
        }
        return ScenarioReader.read(file);
    };

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path good() throws IOException {
        return write("good.yaml", "name: good\ntopology: {source: source, replicas: [replica1]}\nsteps:\n  - sleep: 1s\n");
    }

    @Test
    void runPlaysTheValidFileTellsTheOtherAsAnInternalErrorAndExitsThree() throws IOException {
        Path bug = write("bug.yaml", "name: bug\n");
        Path good = good();
        Path out = dir.resolve("report");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new RunCommand(BUGGY)).execute("--quiet", "--report", out.toString(), bug.toString(),
                    good.toString());
        } finally {
            System.setErr(was);
        }
        String told = err.toString(StandardCharsets.UTF_8);
        assertEquals(Cli.INTERNAL_ERROR, exit, told);
        assertTrue(Files.size(out.resolve("good").resolve("trace.jsonl")) > 0, "the valid file ran");
        assertTrue(told.startsWith("semisync-sim: " + bug + ": internal error while reading it: "
                + "java.lang.IllegalStateException: a bug in the reader (stack trace: "), told);
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains(bug + ": internal error while reading it"), junit);
        deleteTraceFile(told);
    }

    @Test
    void checkTellsTheValidFileOkAndTheOtherAsAnInternalError() throws IOException {
        Path bug = write("bug.yaml", "name: bug\n");
        Path good = good();
        ScenarioFiles.Loaded loaded = ScenarioFiles.load(List.of(bug, good), BUGGY);
        assertEquals(List.of("good"), loaded.scenarios().stream().map(s -> s.name()).toList());
        assertEquals(1, loaded.internalErrors().size());
        assertEquals(bug.toString(), loaded.internalErrors().get(0).file());
        assertTrue(loaded.internalErrors().get(0).message().startsWith("internal error while reading it: "
                + "java.lang.IllegalStateException: a bug in the reader (stack trace: "), loaded.internalErrors().toString());
        assertEquals(Cli.INTERNAL_ERROR, loaded.exitCode());
        deleteTraceFile(loaded.internalErrors().get(0).message());
    }

    private static void deleteTraceFile(String told) throws IOException {
        Matcher m = TRACE.matcher(told);
        assertTrue(m.find(), told);
        String stack = Files.readString(Path.of(m.group(1)));
        assertTrue(stack.contains("IllegalStateException: a bug in the reader"), stack);
        Files.delete(Path.of(m.group(1)));
    }
}
