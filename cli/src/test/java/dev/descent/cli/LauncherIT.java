package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/descent}, the launcher, run as a user runs it, on a copy of the built jar. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("descent.launcher", "../bin/descent"))
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return launch(LAUNCHER, environment, args);
    }

    private Run launch(Path launcher, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private Path copyOfTheJar() throws IOException {
        Path jar = dir.resolve("descent.jar");
        Files.copy(DescentProcess.jar(), jar);
        return jar;
    }

    @Test
    void theFirstTrainingRunRecordsAClassArchiveThatLaterRunsUseWithTheSameOutput() throws Exception {
        Path jar = copyOfTheJar();
        Map<String, String> env = Map.of("DESCENT_JAR", jar.toString());

        Run first = launch(env, "train");
        assertThat(first.exitCode()).as(first.err()).isZero();
        // The book's run, bit for bit: the five lines the README shows.
        assertThat(first.out()).isEqualTo("epoch 1, loss 0.041703\nepoch 2, loss 0.000162\nepoch 3, loss 0.000051\n"
                + "w error: [8.5711e-05, -3.0875e-04]\nb error: [1.1625e-03]\n");
        assertThat(dir.resolve("descent.jsa")).isNotEmptyFile();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        Run second = launch(env, "train");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).matches("INFO  trained 3 epoch\\(s\\) in [0-9.]+ s\\R");   // no JVM warnings
    }

    @Test
    void theLauncherWorksThroughChainsOfSymbolicLinks() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Path absolute = Files.createSymbolicLink(bin.resolve("descent"), LAUNCHER);
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        Path relative = Files.createSymbolicLink(other.resolve("d"), other.relativize(absolute));
        for (Path link : List.of(absolute, relative)) {
            Run version = launch(link, Map.of(), "--version");
            assertThat(version.exitCode()).as(link + ": " + version.err()).isZero();
            assertThat(version.out()).startsWith("descent ");
        }
    }

    @Test
    void otherCommandsNeitherRecordAnArchiveNorNeedOne() throws Exception {
        Path jar = copyOfTheJar();
        Run version = launch(Map.of("DESCENT_JAR", jar.toString()), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("descent ");
        assertThat(dir.resolve("descent.jsa")).doesNotExist();
    }

    @Test
    void anArchiveOlderThanTheJarIsRecordedAgain() throws Exception {
        Path jar = copyOfTheJar();
        Path archive = dir.resolve("descent.jsa");
        Files.writeString(archive, "stale");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Run run = launch(Map.of("DESCENT_JAR", jar.toString()), "train", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
    }

    @Test
    void userErrorsKeepTheirExitCodeAndOneLineMessage() throws Exception {
        Path jar = copyOfTheJar();
        Run run = launch(Map.of("DESCENT_JAR", jar.toString()), "train", "--set", "train.epochs=0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("descent: invalid value '0' for train.epochs");
    }

    @Test
    void aMissingJarIsOneLineSayingHowToBuildIt() throws Exception {
        Run run = launch(Map.of("DESCENT_JAR", dir.resolve("nowhere.jar").toString()), "train");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: no jar at " + dir.resolve("nowhere.jar")
                + "; build it first: mvn -q -B -DskipTests package\n");
    }
}
