package dev.descent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the built {@code descent.jar} as a separate process, as a user would. */
final class DescentProcess {

    /** What a run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

        private static final Pattern EPOCH_LINE = Pattern.compile("epoch (\\d+), loss (\\d+\\.\\d{6})");

        /** The losses of the {@code epoch N, loss X} lines, in order. */
        List<Double> epochLosses() {
            return stdoutLines().stream().map(EPOCH_LINE::matcher).filter(Matcher::matches)
                    .map(m -> Double.parseDouble(m.group(2))).toList();
        }

        static boolean isEpochLine(String line) {
            return EPOCH_LINE.matcher(line).matches();
        }

        List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\\R"));
        }

        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : Arrays.asList(stderr.split("\\R"));
        }
    }

    private DescentProcess() {
    }

    /** A JDK of version {@code atLeast} or later under /usr/lib/jvm (Temurin 25 on this project's machines), or null. */
    static Path jdk(int atLeast) {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (java.util.stream.Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> feature(home) >= atLeast).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature version a JDK's release file names ({@code JAVA_VERSION="25.0.3"}: 25), or 0. */
    private static int feature(Path javaHome) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static Path jar() {
        String path = System.getProperty("descent.jar", "target/descent.jar");
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run 'mvn package' first");
        }
        return jar;
    }

    static Result run(Path workingDirectory, String... args) {
        return run(workingDirectory, Map.of(), args);
    }

    /** Runs with extra environment variables, e.g. {@code OCL_ICD_VENDORS} pointing at an empty folder. */
    static Result run(Path workingDirectory, Map<String, String> environment, String... args) {
        return run(workingDirectory, environment, List.of(), args);
    }

    /** Runs with options for the JVM, e.g. {@code -Xmx256m}. */
    static Result run(Path workingDirectory, Map<String, String> environment, List<String> jvmOptions,
                      String... args) {
        return runOn(Path.of(System.getProperty("java.home")), workingDirectory, environment, jvmOptions, args);
    }

    /**
     * Runs on the JDK at {@code javaHome} (see {@link #jdk}), e.g. JDK 25 where the tests run on 17;
     * on JDK 23 and later without Guava's {@code sun.misc.Unsafe} warnings, as {@code bin/descent} runs it.
     */
    static Result runOn(Path javaHome, Path workingDirectory, Map<String, String> environment,
                        List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        if (!javaHome.equals(Path.of(System.getProperty("java.home"))) && feature(javaHome) >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("descent-out", ".txt");
            Path err = Files.createTempFile("descent-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("descent " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
