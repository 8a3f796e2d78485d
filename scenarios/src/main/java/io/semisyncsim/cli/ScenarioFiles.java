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

    /** How a file is read: the scenario reader, with the command's options. */
    @FunctionalInterface
    interface Reader {
        Scenario read(Path file) throws InvalidScenarioException;
    }

    /**
     * One file read: its scenario, or the problems that refuse it, or (a bug in the reader, not in the
     * file) the internal error it met, told in one line that names the file.
     */
    record Read(Scenario scenario, List<Problem> problems, InternalError internalError) {
    }

    /** A file whose reading met a bug, and what was met ({@link Cli#internalErrorText}); both printable. */
    record InternalError(String file, String message) {
        @Override
        public String toString() {
            return file + ": " + message;
        }
    }

    /**
     * Reads one file. A failure the reader did not foresee is that file's internal error only: its stack
     * trace goes to a file (as {@link Cli#internalError} keeps it) and the other files are still read.
     */
    static Read read(Path file, Reader reader) {
        try {
            return new Read(reader.read(file), List.of(), null);
        } catch (InvalidScenarioException e) {
            return new Read(null, e.problems(), null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Read(null, List.of(), new InternalError(Printable.escape(file.toString()),
                    Printable.escape(Cli.internalErrorText(e))));
        }
    }

    /**
     * What the arguments hold: every scenario that reads clean, every problem of those that do not, what
     * is wrong with the arguments themselves (a directory without scenarios, an unreadable one), and the
     * files whose reading met an internal error.
     */
    record Loaded(List<Scenario> scenarios, List<Problem> problems, List<String> errors,
                  List<InternalError> internalErrors) {
        /** Whether anything was refused: the exit code is then at least {@link Cli#INVALID}. */
        boolean anyInvalid() {
            return !problems.isEmpty() || !errors.isEmpty();
        }

        /** {@link Cli#INTERNAL_ERROR} when a file met one, else {@link Cli#INVALID} when anything was refused, else OK. */
        int exitCode() {
            return !internalErrors.isEmpty() ? Cli.INTERNAL_ERROR : anyInvalid() ? Cli.INVALID : Cli.OK;
        }

        /** Prints every refusal and internal error to {@code err}, each on its own line. */
        void report(PrintStream err) {
            errors.forEach(e -> err.println("semisync-sim: " + e));
            problems.forEach(err::println);
            internalErrors.forEach(e -> err.println("semisync-sim: " + e));
        }
    }

    static Loaded load(List<Path> arguments, ScenarioReader.Options options) {
        return load(arguments, file -> ScenarioReader.read(file, options));
    }

    static Loaded load(List<Path> arguments, Reader reader) {
        List<String> errors = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<InternalError> internalErrors = new ArrayList<>();
        for (Path file : expand(arguments, errors)) {
            Read r = read(file, reader);
            if (r.scenario() != null) {
                scenarios.add(r.scenario());
            }
            problems.addAll(r.problems());
            if (r.internalError() != null) {
                internalErrors.add(r.internalError());
            }
        }
        return new Loaded(scenarios, problems, errors, internalErrors);
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
