package dev.descent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new plugin author's first ten minutes: generate a project from the archetype, build it (its
 * contract tests run and pass), drop the jar into a plugin folder and train with it by name.
 */
class ArchetypeIT {

    private static final Pattern TESTS = Pattern.compile(
            "Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern EPOCH = Pattern.compile("^epoch \\d+, loss (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void aGeneratedPluginBuildsPassesItsTestsAndTrainsTheBooksProblemByName() throws Exception {
        MavenProjects.Result generate = MavenProjects.mvn(dir, "org.apache.maven.plugins:maven-archetype-plugin:"
                        + System.getProperty("archetype-plugin.version") + ":generate", "-DinteractiveMode=false",
                "-DarchetypeGroupId=dev.descent", "-DarchetypeArtifactId=descent-plugin-archetype",
                "-DarchetypeVersion=" + System.getProperty("descent.version"), "-DgroupId=com.example",
                "-DartifactId=my-plugin", "-Dversion=1.0.0", "-Dpackage=com.example.myplugin");
        assertThat(generate.exitCode()).as(generate.output()).isZero();
        Path project = dir.resolve("my-plugin");
        assertThat(project.resolve("src/main/java/com/example/myplugin/HuberLoss.java")).exists();
        assertThat(project.resolve("src/test/java/com/example/myplugin/MomentumSgdTest.java")).exists();

        MavenProjects.Result build = MavenProjects.mvn(project, "package");
        assertThat(build.exitCode()).as(build.output()).isZero();
        Matcher tests = TESTS.matcher(build.output());
        int run = 0;
        while (tests.find()) {   // the last match is the summary of all test classes
            run = Integer.parseInt(tests.group(1));
            assertThat(tests.group(2) + tests.group(3)).as("failures and errors").isEqualTo("00");
            assertThat(tests.group(4)).as("skipped: the generated POM brings what the contracts use")
                    .isEqualTo("0");
        }
        assertThat(run).as("the contract tests of the loss and the optimizer ran").isGreaterThanOrEqualTo(10);
        Path jar = project.resolve("target/my-plugin.jar");
        assertThat(jar).as("finalName: the jar's name is the artifact's").exists();

        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(jar, plugins.resolve("my-plugin.jar"));
        List<String> train = new ArrayList<>(List.of(MavenProjects.java(), "-jar",
                Path.of(System.getProperty("descent.jar")).toAbsolutePath().toString(), "train", "--plugins",
                plugins.toString(), "--set", "loss=my-plugin-huber", "--set", "optimizer.lr=0.1"));
        MavenProjects.Result trained = MavenProjects.run(dir, train);
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        Matcher epochs = EPOCH.matcher(trained.output());
        double last = Double.NaN;
        int count = 0;
        while (epochs.find()) {
            last = Double.parseDouble(epochs.group(1));
            count++;
        }
        assertThat(count).as(trained.output()).isEqualTo(3);
        // Huber's gradient is capped at delta, so the bias (4.2, from 0) needs a larger step than the
        // squared loss's 0.03 to get there in three epochs (the generated README says so too).
        assertThat(last).as("the book's problem, trained with the generated loss").isLessThan(1e-3);

        List<String> momentum = new ArrayList<>(train.subList(0, train.size() - 4));
        momentum.addAll(List.of("--set", "optimizer=my-plugin-momentum", "--set", "optimizer.lr=0.01"));
        MavenProjects.Result withMomentum = MavenProjects.run(dir, momentum);
        assertThat(withMomentum.exitCode()).as(withMomentum.output()).isZero();
        assertThat(withMomentum.output()).contains("epoch 3, loss 0.0000");
    }
}
