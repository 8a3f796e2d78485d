package io.semisyncsim.cli;

import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.ScenarioReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate scenarios without running them; every problem as file:line:column: message.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or directories of them.")
    List<Path> files;

    @Override
    public Integer call() {
        int exit = Cli.OK;
        for (Path file : ScenarioFiles.expand(files)) {
            try {
                ScenarioReader.read(file);
                Cli.OUT.println("ok   " + file);
            } catch (InvalidScenarioException e) {
                e.problems().forEach(p -> System.err.println(p));
                exit = Cli.INVALID;
            }
        }
        return exit;
    }
}
