package dev.descent.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built launcher and Spark's own daemons as processes, for the integration tests. */
final class SparkProcesses {

    private SparkProcesses() {
    }

    /** What a finished process printed. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Path launcher() {
        return Path.of(System.getProperty("descent.spark.launcher", "../bin/descent-spark")).toAbsolutePath();
    }

    /** Runs {@code bin/descent-spark args} in {@code dir}, loopback only. */
    static Result descentSpark(Path dir, String... args) throws IOException, InterruptedException {
        Process process = start(dir, command(args), dir.resolve("descent.out"), dir.resolve("descent.err"));
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("descent-spark " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("descent.out")),
                Files.readString(dir.resolve("descent.err")));
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("sh", launcher().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command} in {@code dir}, its output into files, with SPARK_LOCAL_IP=127.0.0.1. */
    static Process start(Path dir, List<String> command, Path stdout, Path stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().remove("SPARK_HOME");
        return builder.start();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
