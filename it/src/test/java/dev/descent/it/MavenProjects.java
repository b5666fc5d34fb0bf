package dev.descent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a project with Maven as a user would, against a clean local repository that holds only
 * Descent's artifacts and their dependencies (installed by maven-invoker-plugin); anything else
 * Maven needs comes from the outer build's repository, used as a remote one, or else from Maven
 * Central.
 */
final class MavenProjects {

    static final Path LOCAL_REPO = Path.of(System.getProperty("it.local.repo", "target/local-repo")).toAbsolutePath();
    static final Path REMOTE_REPO = Path.of(System.getProperty("it.remote.repo",
            System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();

    record Result(int exitCode, String output) {
    }

    private MavenProjects() {
    }

    /** Runs {@code mvn -B args} in {@code project}: the clean local repository, the outer one as its mirror. */
    static Result mvn(Path project, String... args) throws IOException, InterruptedException {
        Path settings = settings(project.resolve("it-settings.xml"));
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + LOCAL_REPO));
        command.addAll(List.of(args));
        return run(project, command);
    }

    /**
     * Writes Maven settings that resolve from the outer build's repository first (no download for what
     * it already has), then from Maven Central; returns {@code file}.
     */
    static Path settings(Path file) throws IOException {
        Files.writeString(file, """
                <settings>
                  <profiles>
                    <profile>
                      <id>outer-build</id>
                      <repositories>
                        <repository><id>outer-build</id><url>%1$s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>outer-build</id><url>%1$s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>outer-build</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(REMOTE_REPO.toUri()));
        return file;
    }

    static Result run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("it-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
