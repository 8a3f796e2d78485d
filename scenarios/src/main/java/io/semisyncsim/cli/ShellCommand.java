package io.semisyncsim.cli;

import io.semisyncsim.live.LiveSession;
import io.semisyncsim.shell.Shell;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"A mysql-client-like terminal on a live simulated cluster: a prompt per node, SQL ended by ;"
                + " or \\G, and meta commands for faults, commits and the clock (\\help lists them); \\save FILE writes"
                + " the session as a scenario that `run` replays to the same trace.",
                "From a pipe it reads the lines and prints each after its prompt, with what it did."},
        footer = {"", "Exit codes: 0 every line ran and every check held,",
                "            1 a line was refused or a check failed,",
                "            2 invalid FILE or usage, 3 internal error."})
final class ShellCommand implements Callable<Integer> {
    @Mixin
    LiveSetup live;

    @Option(names = "--speed", paramLabel = "S", description = "Virtual time per wall time: a number (1 = real time)"
            + " or instant (default: 1 at a terminal, instant from a pipe).")
    String speed;

    @Override
    public Integer call() throws Exception {
        boolean interactive = System.console() != null;
        LiveSession.Setup setup = live.setup(speed, interactive ? "1" : "instant");
        if (setup == null) {
            return Cli.INVALID;
        }
        try (LiveSession session = LiveSession.start(setup)) {
            Shell shell = new Shell(session, Cli.OUT, interactive);
            if (interactive) {
                try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                    shell.runOn(terminal);
                }
            } else {
                shell.runFrom(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            }
            return shell.failed() ? Cli.EXPECTATION_FAILED : Cli.OK;
        }
    }
}
