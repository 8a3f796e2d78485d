package io.semisyncsim.cli;

/**
 * Entry point. Any fatal error, on any thread, ends the process at once with exit 3 and one line: an
 * {@link OutOfMemoryError} must not leave a JVM that Akka's non-daemon threads keep alive for ever.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Fatal.prepare();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> Fatal.halt(error));
        int code;
        try {
            code = Cli.run(args);
        } catch (Throwable e) { // an Error picocli let through (OutOfMemoryError, StackOverflowError)
            Fatal.halt(e);
            return;
        }
        System.exit(code);
    }
}
