package dev.descent.cli;

import picocli.CommandLine;

/** {@code java -jar descent.jar ...}: runs the command and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Guice: no generated classes (reflection is as fast for a handful of objects, and skips
        // ~0.05 s of class generation at start-up), and no stack walk per binding for error
        // messages, which the CLI words itself. A user's own -D settings win.
        setIfAbsent("guice_bytecode_gen_option", "DISABLED");
        setIfAbsent("guice_include_stack_traces", "OFF");
        System.exit(run(args));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Runs {@code descent args} and returns the exit code: 0 success, 2 user error, 1 internal failure. */
    public static int run(String... args) {
        return DescentCommand.commandLine(args).execute(args);
    }
}
