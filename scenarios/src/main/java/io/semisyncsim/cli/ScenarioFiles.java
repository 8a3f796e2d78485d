package io.semisyncsim.cli;

import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands FILE|DIR arguments into scenario files, sorted, so every run visits them in the same order,
 * and reads them: the one path by which `run`, `check`, `real` and `diff` read scenarios, so that they
 * refuse exactly the same files. One invalid file does not stop the others from being read.
 */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * What the arguments hold: every scenario that reads clean, every problem of those that do not, and
     * what is wrong with the arguments themselves (a directory without scenarios, an unreadable one).
     */
    record Loaded(List<Scenario> scenarios, List<Problem> problems, List<String> errors) {
        /** Whether anything was refused: the exit code is then at least {@link Cli#INVALID}. */
        boolean anyInvalid() {
            return !problems.isEmpty() || !errors.isEmpty();
        }

        /** Prints every refusal to {@code err}, each on its own line. */
        void report(PrintStream err) {
            errors.forEach(e -> err.println("semisync-sim: " + e));
            problems.forEach(err::println);
        }
    }

    static Loaded load(List<Path> arguments, ScenarioReader.Options options) {
        List<String> errors = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : expand(arguments, errors)) {
            try {
                scenarios.add(ScenarioReader.read(file, options));
            } catch (InvalidScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        return new Loaded(scenarios, problems, errors);
    }

    /** The scenario files the arguments name; {@code errors} gets what is wrong with a directory argument. */
    static List<Path> expand(List<Path> arguments, List<String> errors) {
        List<Path> out = new ArrayList<>();
        for (Path p : arguments) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                List<Path> found = walk.filter(f -> Files.isRegularFile(f)
                        && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))).sorted().toList();
                if (found.isEmpty()) {
                    errors.add(Printable.escape(p.toString()) + ": no scenario files (*.yaml, *.yml) in this directory");
                }
                out.addAll(found);
            } catch (IOException | java.io.UncheckedIOException e) {
                errors.add(Printable.escape(p.toString()) + ": cannot read this directory: " + e.getMessage());
            }
        }
        return out;
    }
}
