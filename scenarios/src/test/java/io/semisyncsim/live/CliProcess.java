package io.semisyncsim.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that starts semisync-sim's CLI in a process of its own, on this test run's classpath. */
public final class CliProcess {
    private CliProcess() {
    }

    public static List<String> command(String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "io.semisyncsim.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }
}
