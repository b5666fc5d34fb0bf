package dev.descent.cli;

import picocli.CommandLine;

/** {@code java -jar descent.jar ...}: runs the command and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code descent args} and returns the exit code: 0 success, 2 user error, 1 internal failure. */
    public static int run(String... args) {
        return DescentCommand.commandLine().execute(args);
    }
}
