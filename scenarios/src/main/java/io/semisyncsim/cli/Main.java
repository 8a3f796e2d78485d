package io.semisyncsim.cli;

/** Entry point; replaced below once the CLI exists. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
