package io.semisyncsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one rule for a directory a command fills with its output ({@code run --report}, {@code real --report},
 * {@code diff --out}, {@code sweep --out}, {@code explore --out}, {@code merge --out}):
 * <ul>
 * <li>a missing directory is created, but its parent must exist (and be a directory);</li>
 * <li>an empty directory is used;</li>
 * <li>a directory holding {@value #MARKER} is an earlier output of ours: its whole contents are replaced, so
 *     nothing of the earlier output is left that the new one does not list;</li>
 * <li>any other non-empty directory, or a file, is refused (exit 2, naming it): we never delete files we did
 *     not write.</li>
 * </ul>
 * The marker is written first, so even an output stopped half-way is recognised the next time.
 */
final class OutputDir {
    static final String MARKER = ".semisync-sim-output";

    private OutputDir() {
    }

    /**
     * Says why {@code dir} cannot take an output, before any work (a command that starts servers checks
     * first and claims when it has something to write), and changes nothing.
     */
    static void check(String option, Path dir) {
        if (dir.toString().isEmpty()) {
            throw new OutputProblem(option + " is empty: name a directory");
        }
        checkParent(option, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new OutputProblem(option + " " + dir + ": is a file, not a directory");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
            throw foreignFiles(option, dir);
        }
    }

    private static OutputProblem foreignFiles(String option, Path dir) {
        return new OutputProblem(option + " " + dir + ": the directory holds files semisync-sim did not write;"
                + " name a new or empty directory (an earlier output of ours, marked by " + MARKER
                + ", is replaced)");
    }

    /** Makes {@code dir} an empty directory of ours for {@code command}'s output, or says why it cannot be. */
    static void claim(String option, Path dir, String command) {
        check(option, dir);
        if (!Files.exists(dir)) {
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                throw OutputProblem.of("cannot create " + option, dir, e);
            }
        } else if (!Files.isWritable(dir)) {
            throw new OutputProblem(option + " " + dir + ": the directory is not writable");
        } else if (Files.exists(dir.resolve(MARKER))) {
            if (!isEmpty(dir)) {
                System.err.println("semisync-sim: replacing the earlier output in " + dir);
            }
            emptyOut(dir);
        } else if (!isEmpty(dir)) {
            throw foreignFiles(option, dir);
        }
        try {
            Files.writeString(dir.resolve(MARKER), "Written by semisync-sim " + command + ". The next command that"
                    + " writes its output here replaces everything in this directory.\n");
        } catch (IOException e) {
            throw OutputProblem.of("cannot write", dir.resolve(MARKER), e);
        }
    }

    /** The parent of an output path must exist and be a directory: we create one level, never a tree. */
    static void checkParent(String option, Path path) {
        if (Files.exists(path)) {
            return;
        }
        Path parent = path.toAbsolutePath().normalize().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new OutputProblem(option + " " + path + ": " + p + " is a file, not a directory");
            }
        }
        throw new OutputProblem(option + " " + path + ": its parent directory " + parent + " does not exist");
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw OutputProblem.of("cannot read", dir, e);
        }
    }

    /** Deletes everything under {@code dir}, keeping {@code dir}; symbolic links are removed, never followed. */
    private static void emptyOut(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(f -> !f.equals(dir)).sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p); // deepest first: a directory is empty by the time it is deleted
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException cause = e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause();
            throw OutputProblem.of("cannot replace the earlier output in", dir, cause);
        }
    }
}
