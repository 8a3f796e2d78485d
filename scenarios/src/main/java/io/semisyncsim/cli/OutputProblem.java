package io.semisyncsim.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Something wrong with where a run's output goes (a --report or --trace path that is a file, missing
 * its parent, unwritable, or a full disk): a usage error (exit 2) with a message, never a stack trace.
 */
final class OutputProblem extends RuntimeException {
    OutputProblem(String message) {
        super(message, null, false, false);
    }

    /** {@code cannot write PATH: No space left on device}, from what the file system said. */
    static OutputProblem of(String doing, Path path, IOException e) {
        return new OutputProblem(doing + " " + path + ": " + reason(e));
    }

    static String reason(IOException e) {
        return io.semisyncsim.scenario.lang.IoFailure.reason(e);
    }

    /** A file a run writes: not a directory, and its parent directory must exist. */
    static void checkFile(String option, Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new OutputProblem(option + " " + file + ": is a directory, not a file");
        }
        OutputDir.checkParent(option, file);
    }
}
