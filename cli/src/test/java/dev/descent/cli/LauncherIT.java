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
    /** The java running the tests; the launcher names its archive after this JDK's version. */
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String BOOK = "epoch 1, loss 0.041703\nepoch 2, loss 0.000162\nepoch 3, loss 0.000051\n"
            + "w error: [8.5711e-05, -3.0875e-04]\nb error: [1.1625e-03]\n";

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return launch(LAUNCHER, environment, args);
    }

    private Run launch(Path launcher, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA", JAVA.toString());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("DESCENT_JAVA");
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
        assertThat(first.out()).isEqualTo(BOOK);
        assertThat(archive()).isNotEmptyFile();
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
        assertThat(archive()).doesNotExist();
    }

    @Test
    void anArchiveOlderThanTheJarIsRecordedAgain() throws Exception {
        Path jar = copyOfTheJar();
        Path archive = archive();
        Files.writeString(archive, "stale");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Run run = launch(Map.of("DESCENT_JAR", jar.toString()), "train", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
    }

    /** The class-data archive the launcher records for the tests' JDK: descent-17.0.15.jsa. */
    private Path archive() {
        return dir.resolve("descent-" + System.getProperty("java.version") + ".jsa");
    }

    /**
     * A JDK folder {@code root/name} whose release file says {@code version} and whose java writes its
     * name to {@code ran.txt} and then runs the tests' java (without the flags only JDK 23+ knows).
     */
    private Path fakeJdk(Path root, String name, String version) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho " + name + " >> '" + dir.resolve("ran.txt") + "'\n"
                + "for a; do shift; [ \"$a\" = --sun-misc-unsafe-memory-access=allow ] || set -- \"$@\" \"$a\"; done\n"
                + "exec '" + JAVA + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return home;
    }

    /** A PATH with the tools the launcher uses and no java, so that only the fake JDKs are candidates. */
    private Path pathWithoutJava() throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("readlink", "dirname", "grep", "mv", "rm", "cat")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            // A wrapper rather than a link, which JUnit would warn about when it deletes the folder.
            Path wrapper = Files.writeString(tools.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        return tools;
    }

    @Test
    void withoutAChosenJavaTheNewestJdkOf17OrLaterIsUsedAndItsArchiveIsNamedAfterIt() throws Exception {
        Path jar = copyOfTheJar();
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        fakeJdk(jdks, "jdk-11", "11.0.2");
        fakeJdk(jdks, "jdk-8", "1.8.0_402");
        Path newest = fakeJdk(jdks, "jdk-24", "24.0.1");
        Map<String, String> env = Map.of("DESCENT_JAR", jar.toString(), "DESCENT_JDKS", jdks.toString(), "JAVA", "",
                "PATH", pathWithoutJava().toString());

        Run first = launch(env, "train");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(BOOK);
        assertThat(Files.readString(dir.resolve("ran.txt"))).isEqualTo("jdk-24\n");
        Path archive = dir.resolve("descent-24.0.1.jsa");
        assertThat(archive).isNotEmptyFile();

        // The JDK changed in place (its release file is newer than the archive): recorded again.
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(7200)));
        Files.writeString(newest.resolve("release"), "JAVA_VERSION=\"24.0.1\"\n");
        Run again = launch(env, "train", "--quiet");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.getLastModifiedTime(archive).toInstant()).isAfter(Instant.now().minusSeconds(600));
    }

    @Test
    void aJavaOlderThan17IsOneLineSayingWhatToSet() throws Exception {
        Path jar = copyOfTheJar();
        Path old = fakeJdk(Files.createDirectories(dir.resolve("jdks")), "jdk-11", "11.0.2");
        Run run = launch(Map.of("DESCENT_JAR", jar.toString(), "JAVA", "", "JAVA_HOME", old.toString()), "train");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: " + old.resolve("bin/java") + " is Java 11.0.2; Descent needs Java 17"
                + " or newer (set DESCENT_JAVA or JAVA_HOME to one)\n");
        assertThat(dir.resolve("ran.txt")).doesNotExist();
    }

    /** JDK 25 or later on this machine (Temurin 25 under /usr/lib/jvm on this project's machines), or null. */
    private static Path jdk25() {
        return DescentProcess.jdk(25);
    }

    @Test
    void onJdk25TheFirstTrainingRunRecordsAnAotCacheSilentlyAndLaterRunsUseIt() throws Exception {
        Path home = jdk25();
        org.junit.jupiter.api.Assumptions.assumeTrue(home != null, "no JDK 25 or later under /usr/lib/jvm");
        Path jar = copyOfTheJar();
        Map<String, String> env = Map.of("DESCENT_JAR", jar.toString(), "JAVA", "",
                "DESCENT_JAVA", home.resolve("bin/java").toString());

        Run first = launch(env, "train");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(BOOK);   // nothing from the JVM's recording on standard output
        assertThat(first.err()).matches("INFO  trained 3 epoch\\(s\\) in [0-9.]+ s\\R");
        // The cache is assembled in the background after the command ended: it appears whole, and the
        // recording's temporary files go.
        List<String> names = List.of();
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString()).toList();
            }
            if (names.stream().noneMatch(name -> name.endsWith(".tmp"))
                    && names.stream().anyMatch(name -> name.endsWith(".aot"))) {
                break;
            }
        }
        assertThat(names).noneMatch(name -> name.endsWith(".tmp"));
        assertThat(names).anyMatch(name -> name.matches("descent-2[5-9][0-9.]*\\.aot|descent-[3-9][0-9][0-9.]*\\.aot"));

        Run second = launch(env, "train");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(BOOK);
        assertThat(second.err()).matches("INFO  trained 3 epoch\\(s\\) in [0-9.]+ s\\R");   // no JVM warnings
    }

    @Test
    void onJdk25OpenClRunsWithoutRestrictedMethodWarningsThroughTheLauncherAndTheJar() throws Exception {
        Path home = jdk25();
        org.junit.jupiter.api.Assumptions.assumeTrue(home != null, "no JDK 25 or later under /usr/lib/jvm");
        Path jar = copyOfTheJar();
        Map<String, String> env = Map.of("DESCENT_JAR", jar.toString(), "JAVA", "",
                "DESCENT_JAVA", home.resolve("bin/java").toString());
        Run devices = launch(env, "devices");
        org.junit.jupiter.api.Assumptions.assumeFalse(devices.out().contains("none usable:"),
                () -> "no OpenCL device here: " + devices.out());

        Run launched = launch(env, "train", "--set", "device=opencl", "-q");
        assertThat(launched.exitCode()).as(launched.err()).isZero();
        assertThat(launched.err()).isEmpty();
        // java -jar on its own: the manifest's Enable-Native-Access grants it (Guava's Unsafe warnings,
        // which no manifest attribute can silence, are the launcher's to handle).
        List<String> command = List.of(home.resolve("bin/java").toString(), "-jar", jar.toString(), "train",
                "--set", "device=opencl", "-q");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).doesNotContain("restricted method").doesNotContain("enable-native-access");
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
