package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fatal error ends the process with exit 3 and one line, whatever threads Akka has started. */
class FatalErrorTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapEndsTheProcessWithExitThreeAndOneLine() throws IOException, InterruptedException {
        // Four thousand servers do not fit in 32 MB: the heap runs out while the cluster starts, with the
        // ActorSystem's threads already up (before the fix the JVM then never exited).
        StringBuilder replicas = new StringBuilder();
        for (int i = 1; i < 4000; i++) {
            replicas.append(i == 1 ? "" : ", ").append('r').append(i);
        }
        Path scenario = Files.writeString(dir.resolve("big.yaml"), "name: big\ntopology: {source: s, replicas: ["
                + replicas + "]}\nsteps:\n  - on: s\n    commit: 1\n");
        Path err = dir.resolve("stderr.txt");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", classPath, Main.class.getName(), "run", "--quiet", "--allow-large",
                scenario.toString())).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS); // a hang, not a speed: it ends in seconds
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the process ended after running out of memory");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), String.join("\n", lines));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("semisync-sim: fatal: out of memory"), lines.get(0));
    }

    @Test
    void theLineSaysWhatToDoAboutAFullHeap() {
        String line = Fatal.message(new RuntimeException("wrapped", new OutOfMemoryError("Java heap space")));
        assertEquals("semisync-sim: fatal: out of memory (Java heap space); give the JVM more heap, e.g."
                + " JAVA_OPTS=-Xmx2g", line);
    }

    @Test
    void otherFatalErrorsAreNamedOnOneLine() {
        assertEquals("semisync-sim: fatal: java.lang.StackOverflowError: deep\\ nesting".replace("\\ ", " "),
                Fatal.message(new StackOverflowError("deep\n nesting")));
    }
}
