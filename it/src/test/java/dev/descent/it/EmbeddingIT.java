package dev.descent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application that depends on descent-bom and descent-bundle only, and brings its own SLF4J provider. */
class EmbeddingIT {

    @TempDir
    Path dir;

    @Test
    void anApplicationWithTheBomAndTheBundleTrainsAndPredictsWithoutSlf4jWarnings() throws Exception {
        Path project = MavenProjects.copy("embedder", dir);
        MavenProjects.Result build = MavenProjects.mvn(project, "-q", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=classpath.txt");
        assertThat(build.exitCode()).as(build.output()).isZero();
        String classpath = project.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(project.resolve("classpath.txt")).strip();
        assertThat(classpath).contains("descent-linreg").contains("descent-cpu").contains("slf4j-simple")
                .doesNotContain("logback");

        MavenProjects.Result run = MavenProjects.run(project, List.of(MavenProjects.java(), "-cp", classpath,
                "example.Embedded"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as("the book's run, bit for bit").startsWith("epoch 1, loss 0.041703\nepoch 2, loss"
                + " 0.000162\nepoch 3, loss 0.000051\n");
        assertThat(run.output()).as("2·1 − 3.4·1 + 4.2 = 2.8").containsPattern("prediction for \\(1, 1\\): 2\\.(79|80)\\d")
                .doesNotContain("SLF4J");
    }
}
