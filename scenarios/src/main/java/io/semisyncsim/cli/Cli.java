package io.semisyncsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code semisync-sim}: run, check and list scenarios; bench the kernel. Exit codes: 0 every
 * expectation held, 1 an expectation failed, 2 invalid scenario or usage, 3 internal error.
 */
@Command(name = "semisync-sim", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "A deterministic simulator of MySQL semisynchronous replication.",
        subcommands = {RunCommand.class, CheckCommand.class, ListCommand.class, BenchCommand.class, RealCommand.class, DiffCommand.class,
                SweepCommand.class, MergeCommand.class, ExploreCommand.class,
                ShellCommand.class, LabCommand.class,
                picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 every expectation held, 1 an expectation failed,",
                "            2 invalid scenario or usage,",
                "            3 internal error (stack trace in a file),",
                "            130 / 143 interrupted by SIGINT / SIGTERM."})
public final class Cli implements Runnable {
    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int INVALID = 2;
    public static final int INTERNAL_ERROR = 3;

    static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(OUT);
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(new PrintWriter(OUT, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true); // bench --workload replicas, not REPLICAS
        cli.setExitCodeExceptionMapper(e -> INTERNAL_ERROR);
        cli.setParameterExceptionHandler((e, a) -> {
            String value = badValue(e);
            if (value != null) { // one line, as the commands' own checks say it: --seed abc: 'abc' is not a seed
                System.err.println("semisync-sim: " + value);
                return INVALID;
            }
            // The problem and where to read more, not thirty lines of usage above the terminal's fold.
            System.err.println("semisync-sim: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                System.err.println("  did you mean " + String.join(" or ", u.getSuggestions()) + "?");
            }
            System.err.println("  see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return INVALID;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> internalError(e));
        return cli.execute(args);
    }

    /**
     * {@code --seed abc: 'abc' is not a seed; write a whole number such as 7} for an option value of the wrong
     * type, in the words of the commands' own checks (not picocli's "is not a long"); null for other errors.
     */
    static String badValue(CommandLine.ParameterException e) {
        if (!(e.getCause() instanceof CommandLine.TypeConversionException t)
                || !(e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) || e.getValue() == null) {
            return null;
        }
        String reason = t.getMessage().replaceFirst("is not an? (long|int|integer|short)$", "is not a whole number")
                .replaceFirst("is not an? (double|float)$", "is not a number");
        return option.longestName() + " " + e.getValue() + ": " + reason;
    }

    /** A seed: a whole number, said as sweep's --seeds says it. */
    static final class Seed implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (!value.strip().matches("-?\\d{1,18}")) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a seed; write a whole number such as 7"
                        + " (at most 18 digits)");
            }
            return Long.parseLong(value.strip());
        }
    }

    /** A bug: say so briefly, and keep the stack trace in a file for the report. */
    static int internalError(Throwable e) {
        Path file = traceFile(e);
        if (file != null) {
            System.err.println("semisync-sim: internal error: " + e + "\n  stack trace: " + file
                    + "\n  this is a bug; please report it with that file and the scenario.");
        } else {
            System.err.println("semisync-sim: internal error: " + e + "\n" + trace(e));
        }
        return INTERNAL_ERROR;
    }

    /**
     * A bug met while doing one thing among others (reading one of several files): the stack trace kept in
     * a file, as {@link #internalError} keeps it, and one line that says so, for the caller to print and go on.
     */
    static String internalErrorText(Throwable e) {
        Path file = traceFile(e);
        return "internal error while reading it: " + e + " (" + (file == null ? "no stack trace file"
                : "stack trace: " + file) + "; this is a bug, please report it with that file and the scenario)";
    }

    /** Writes {@code e}'s stack trace to a new temporary file; null when none can be written. */
    private static Path traceFile(Throwable e) {
        try {
            Path file = Files.createTempFile("semisync-sim-error-", ".txt");
            Files.writeString(file, trace(e));
            return file;
        } catch (IOException io) {
            return null;
        }
    }

    private static String trace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** {@code 1 run}, {@code 2 runs}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("/semisync-sim-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"semisync-sim " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
