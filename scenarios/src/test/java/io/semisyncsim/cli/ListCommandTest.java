package io.semisyncsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semisyncsim.live.CliProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list shows the library it was built with from any directory, in columns that line up. */
class ListCommandTest {
    @TempDir
    Path elsewhere;

    @Test
    void listWorksFromAnyDirectoryAndItsColumnsLineUp() throws Exception {
        Path out = elsewhere.resolve("list.txt");
        Process p = new ProcessBuilder(CliProcess.command("list")).directory(elsewhere.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(Cli.OK, p.waitFor(), "list from a directory that holds no library");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        long scenarios;
        try (var files = Files.walk(Path.of("library"))) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
        assertEquals(scenarios, lines.size(), "one line per library scenario");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("manual-installation ")), String.join("\n", lines));
        // The flavours column and the description column start at the same place on every line.
        String first = lines.get(0);
        int flavors = first.indexOf("mysql-");
        for (String l : lines) {
            assertTrue(l.charAt(flavors - 1) == ' ' && l.charAt(flavors) != ' ' && l.charAt(flavors - 2) == ' ',
                    "the flavour column starts at " + flavors + ": " + l);
        }
    }
}
