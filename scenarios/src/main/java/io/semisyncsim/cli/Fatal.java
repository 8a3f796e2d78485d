package io.semisyncsim.cli;

/**
 * The end of the process after an error nothing can recover from: one line on stderr, then exit 3
 * without running shutdown hooks (Akka's could wait on a simulation nobody drives any more).
 */
public final class Fatal {
    /** Room to print the line in after the heap ran out: let go of first thing. */
    private static byte[] reserve;

    private Fatal() {
    }

    /**
     * Loads and warms what {@link #halt} needs (this class, string concatenation's bootstrap) and sets
     * memory aside, while there is memory: at the moment of an OutOfMemoryError there may be none.
     */
    static void prepare() {
        reserve = new byte[1 << 20];
        if (message(new OutOfMemoryError("warm-up")).isEmpty() || message(new IllegalStateException()).isEmpty()) {
            throw new AssertionError("the fatal message is never empty");
        }
    }

    /** Prints what went wrong on one line and halts with {@link Cli#INTERNAL_ERROR}. Never returns. */
    public static void halt(Throwable error) {
        reserve = null;
        try {
            Cli.OUT.flush();
            System.err.println(message(error));
            System.err.flush();
        } catch (Throwable ignored) {
            // printing can fail for the same reason (no memory left): the exit code still says it
        } finally {
            Runtime.getRuntime().halt(Cli.INTERNAL_ERROR);
        }
    }

    /** The line printed: what happened and, for a full heap, what to do about it. */
    static String message(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && !(root instanceof VirtualMachineError)) {
            root = root.getCause();
        }
        if (root instanceof OutOfMemoryError) {
            return "semisync-sim: fatal: out of memory (" + oneLine(root.getMessage())
                    + "); give the JVM more heap, e.g. JAVA_OPTS=-Xmx2g";
        }
        return "semisync-sim: fatal: " + root.getClass().getName() + (root.getMessage() == null ? ""
                : ": " + oneLine(root.getMessage()));
    }

    private static String oneLine(String text) {
        return text == null ? "no detail" : text.replaceAll("\\s+", " ").strip();
    }
}
