package io.semisyncsim.cli;

import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the scenario library (or DIR), one line each: name, flavor, what it teaches or guards.")
final class ListCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..1", description = {"Default: the library this semisync-sim was built",
        "with (scenarios/library, packaged in its jar), from any directory."})
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                System.err.println("semisync-sim: no directory " + dir);
                return Cli.INVALID;
            }
            return list(dir);
        }
        // The library as packaged with the code, as run's default walk-through reads it: the jar, or the
        // build's classes directory (tests, an IDE).
        Path code;
        try {
            code = Path.of(ListCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            System.err.println("semisync-sim: cannot find where semisync-sim is installed (" + e.getMessage()
                    + "); name the library's DIR");
            return Cli.INVALID;
        }
        if (Files.isDirectory(code)) {
            return list(code.resolve("library"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(code)) {
            return list(jar.getPath("/library"));
        }
    }

    private static int list(Path root) {
        int exit = Cli.OK;
        List<String> errors = new ArrayList<>();
        List<Path> files = ScenarioFiles.expand(List.of(root), errors);
        errors.forEach(e -> System.err.println("semisync-sim: " + e));
        if (!errors.isEmpty()) {
            exit = Cli.INVALID;
        }
        List<String[]> rows = new ArrayList<>();
        for (Path file : files) {
            try {
                Scenario s = ScenarioReader.read(file);
                rows.add(new String[] {s.name(), String.join(",", s.flavors()), s.description().strip().split("\n", 2)[0]});
            } catch (InvalidScenarioException e) {
                rows.add(new String[] {file.getFileName().toString(), "INVALID", e.problems().get(0).toString()});
                exit = Cli.INVALID;
            }
        }
        // Columns as wide as their widest cell, so every line lines up however long a name is.
        int name = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int flavors = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        for (String[] r : rows) {
            Cli.OUT.println(String.format("%-" + name + "s  %-" + flavors + "s  %s", r[0], r[1], r[2]).stripTrailing());
        }
        return exit;
    }
}
