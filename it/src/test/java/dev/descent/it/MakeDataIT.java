package dev.descent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The made-up data sets in data/ are what the documented command writes, byte for byte. */
class MakeDataIT {

    private static final Path REPO = Path.of(System.getProperty("docs.dir", "../docs")).toAbsolutePath().normalize()
            .getParent();

    @TempDir
    Path dir;

    @Test
    void javaDataMakeDataWritesTheCommittedFiles() throws Exception {
        MavenProjects.Result run = MavenProjects.run(REPO, List.of(MavenProjects.java(), "data/MakeData.java",
                dir.toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        for (String name : List.of("houses.csv", "test-houses.csv", "new-houses.csv", "churn.csv")) {
            assertThat(Files.readAllBytes(dir.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(REPO.resolve("data").resolve(name)));
        }
    }
}
