package io.semisyncsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands FILE|DIR arguments into scenario files, sorted, so every run visits them in the same order. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    static List<Path> expand(List<Path> arguments) {
        List<Path> out = new ArrayList<>();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
