package dev.descent.cli;

import java.io.PrintWriter;
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
        StandardOutput.install();
        ExitGuard.install(System.err);
        if (args.length > 0) {
            ExitGuard.running(args[0]);
        }
        ExitGuard.exit(run(args));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Whether a class is Descent's or a library's on its own class path, not a plugin folder's. */
    private static boolean isOwnClass(String name) {
        try {
            Class.forName(name, false, Main.class.getClassLoader());
            return name.startsWith("dev.descent.");
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Runs {@code descent args} and returns the exit code: 0 success, 2 user error, 1 internal failure. */
    public static int run(String... args) {
        StartupClock.start();
        org.slf4j.LoggerFactory.getILoggerFactory();   // logging is set up here, not inside the first command
        StartupClock.mark("logging");
        CommandLine cli = DescentCommand.commandLine(args);
        StartupClock.mark("command model");
        // The results' writer (picocli makes it, with its encoding, and hands it to every subcommand),
        // kept so that a failed write can be noticed: a PrintWriter swallows write errors, and a full
        // disk or a closed pipe would otherwise end with exit 0 and a truncated file. System.out, a
        // PrintStream, swallows the error before the writer sees it, so both are asked.
        PrintWriter out = cli.getOut();
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // What the run held is unreachable now, so there is room for one line.
            long limit = Runtime.getRuntime().maxMemory();
            cli.getErr().println("descent: ran out of memory" + (args.length > 0 ? " while running '"
                    + Messages.shown(args[0]) + "'" : "") + ": Java's heap limit is " + dev.descent.data.Memory.size(limit)
                    + " (" + Messages.shown(String.valueOf(e.getMessage())) + "); "
                    + dev.descent.data.Memory.howToRaise(2 * limit));
            cli.getErr().flush();
            return ExitCodes.USER_ERROR;
        } catch (StackOverflowError e) {
            // A thousand frames of one recursion say less than the one frame that recursed.
            StackTraceElement top = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            String where = top == null ? "unknown code" : top.getClassName() + "." + top.getMethodName()
                    + (top.getFileName() == null ? "" : " (" + top.getFileName() + ":" + top.getLineNumber() + ")");
            boolean ours = top != null && isOwnClass(top.getClassName());
            cli.getErr().println("descent: the stack overflowed in " + where + ", which calls itself without end"
                    + (ours ? "; please report it" : "; it is a plugin's code (or a library's): fix it, or report it to"
                    + " its author"));
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(cli.getErr());
            }
            cli.getErr().flush();
            return ours ? ExitCodes.INTERNAL : ExitCodes.USER_ERROR;
        }
        if (out.checkError() | System.out.checkError()) {   // the writer wraps System.out, which keeps its own error
            if (StandardOutput.pipeClosed()) {
                // Its reader has all it wanted (head, a pager that quit): end quietly, with the status a
                // shell gives a writer that SIGPIPE ended, as other Unix tools do.
                return ExitCodes.PIPE_CLOSED;
            }
            cli.getErr().println("descent: cannot write to standard output (a full disk, or a closed pipe);"
                    + " the output is incomplete");
            cli.getErr().flush();
            return code == ExitCodes.OK ? ExitCodes.USER_ERROR : code;
        }
        return code;
    }
}
