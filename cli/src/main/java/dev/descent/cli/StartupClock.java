package dev.descent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a command's time went before its work began: the JVM's own start, logging, picocli's
 * command model and parsing, the config, the plugin scan, resolving the components, and the wiring
 * (Guice) and data loading up to the first epoch. {@code descent train --verbose} prints it as one
 * DEBUG line ({@code start-up: JVM 0.101 s, logging 0.024 s, ...}); docs/performance.md keeps the
 * figures. A mark costs one {@code System.nanoTime()}; nothing is printed unless asked.
 */
final class StartupClock {

    private static long started = System.nanoTime();
    private static long last = started;
    private static final List<String> phases = new ArrayList<>();
    private static final List<Long> nanos = new ArrayList<>();

    private StartupClock() {
    }

    /** Starts the clock again: a new command in this process (tests run many). */
    static synchronized void start() {
        started = System.nanoTime();
        last = started;
        phases.clear();
        nanos.clear();
    }

    /** Ends the phase {@code name}, which began where the last one ended. */
    static synchronized void mark(String name) {
        long now = System.nanoTime();
        phases.add(name);
        nanos.add(now - last);
        last = now;
    }

    /**
     * The phases so far, e.g. {@code JVM 0.101 s, logging 0.024 s, plugins 0.030 s (0.155 s in
     * all)}: the JVM's part is the time from its start to {@code main}.
     */
    static synchronized String summary() {
        List<String> parts = new ArrayList<>();
        long total = last - started;
        Optional<Long> jvm = jvmNanos();
        if (jvm.isPresent()) {
            parts.add("JVM " + seconds(jvm.get()));
            total += jvm.get();
        }
        for (int i = 0; i < phases.size(); i++) {
            parts.add(phases.get(i) + " " + seconds(nanos.get(i)));
        }
        return String.join(", ", parts) + " (" + seconds(total) + " in all)";
    }

    /** From the JVM's start to the clock's: what the JVM spent before {@code main} (milliseconds apart). */
    private static Optional<Long> jvmNanos() {
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        long jvm = uptime - (System.nanoTime() - started);
        // A process that ran many commands (a test) is long past its start: its JVM's part is not this command's.
        return jvm < 0 || jvm > 10_000_000_000L ? Optional.empty() : Optional.of(jvm);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
