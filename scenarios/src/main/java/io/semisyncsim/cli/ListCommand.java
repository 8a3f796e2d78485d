package io.semisyncsim.cli;

import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.ScenarioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the scenario library (or DIR), one line each: name, flavor, what it teaches or guards.")
final class ListCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Default: scenarios/library.")
    Path dir;

    @Override
    public Integer call() {
        Path root = dir != null ? dir : Path.of("scenarios", "library");
        if (!Files.isDirectory(root)) {
            System.err.println("semisync-sim: no directory " + root + " (run from the repository root or name a DIR)");
            return Cli.INVALID;
        }
        int exit = Cli.OK;
        List<String> errors = new java.util.ArrayList<>();
        List<Path> files = ScenarioFiles.expand(List.of(root), errors);
        errors.forEach(e -> System.err.println("semisync-sim: " + e));
        if (!errors.isEmpty()) {
            exit = Cli.INVALID;
        }
        for (Path file : files) {
            try {
                Scenario s = ScenarioReader.read(file);
                String first = s.description().strip().split("\n", 2)[0];
                Cli.OUT.printf("%-44s %-30s %s%n", s.name(), String.join(",", s.flavors()), first);
            } catch (InvalidScenarioException e) {
                Cli.OUT.printf("%-44s %-30s %s%n", file.getFileName(), "INVALID", e.problems().get(0));
                exit = Cli.INVALID;
            }
        }
        return exit;
    }
}
