package io.semisyncsim.cli;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate scenarios without running them; every problem as file:line:column: message.",
                "Refuses exactly what run refuses (both read files the same way)."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files or directories of them.")
    List<Path> files;

    @Option(names = "--allow-large", description = "Accept topologies of more than "
            + ScenarioReader.MAX_NODES + " nodes (up to " + ScenarioReader.MAX_NODES_LARGE + ").")
    boolean allowLarge;

    @Override
    public Integer call() {
        ScenarioFiles.Loaded loaded = ScenarioFiles.load(files, new ScenarioReader.Options(allowLarge));
        for (Scenario s : loaded.scenarios()) {
            Cli.OUT.println("ok   " + Printable.escape(s.file()));
        }
        loaded.report(System.err);
        return loaded.exitCode();
    }
}
