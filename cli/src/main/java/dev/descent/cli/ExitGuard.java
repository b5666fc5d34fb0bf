package dev.descent.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Tells a plugin's {@code System.exit} apart from Descent's own. A plugin that exits (from its
 * static initialiser, its constructor or a training step) would otherwise end {@code descent train}
 * with the plugin's exit code, often 0, no message and no model. A shutdown hook runs on every exit:
 * when Descent did not ask for it, it finds the thread blocked in {@link Runtime#exit}, names the
 * method that called it, and ends the process with exit code 2 instead. Signals (Ctrl-C, SIGTERM)
 * do not go through {@code Runtime.exit} and are left alone.
 *
 * <p>Java 17 still has the security manager that could veto the exit, but it is deprecated for
 * removal and gone in Java 24; this works on every Java Descent runs on.
 */
final class ExitGuard {

    private static volatile boolean descentExits;
    private static volatile String running = "starting";

    private ExitGuard() {
    }

    /** Installs the hook; {@code err} is where its one line goes. */
    static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> check(err), "descent-exit-guard"));
    }

    /** What the program is doing, for the message: e.g. {@code "train"}. */
    static void running(String what) {
        running = what;
    }

    /** Descent's own exit. */
    static void exit(int code) {
        descentExits = true;
        System.exit(code);
    }

    private static void check(PrintStream err) {
        if (descentExits) {
            return;
        }
        StackTraceElement caller = exitCaller();
        if (caller == null) {
            return;   // a signal, or an exit this guard cannot explain: nothing to add
        }
        err.println("descent: a plugin ended the program while running '" + running + "': "
                + caller.getClassName() + "." + caller.getMethodName() + " (" + caller.getFileName() + ":"
                + caller.getLineNumber() + ") called System.exit, so nothing after that point ran and nothing was"
                + " saved; a plugin must throw an exception instead of exiting: fix or remove that plugin");
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.USER_ERROR);
    }

    /** The first frame outside the JDK below {@code Runtime.exit} in the thread that called it, or null. */
    private static StackTraceElement exitCaller() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = e.getValue();
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    for (int j = i + 1; j < stack.length; j++) {
                        String c = stack[j].getClassName();
                        if (!c.equals("java.lang.System") && !c.equals("java.lang.Runtime")) {
                            return stack[j];
                        }
                    }
                }
            }
        }
        return null;
    }
}
