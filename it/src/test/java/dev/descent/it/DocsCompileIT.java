package dev.descent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs that show code compile and run: every Java and POM block of docs/writing-a-plugin.md and
 * docs/embedding.md is either a complete file, named in its first line ({@code // path: a complete
 * file}, {@code <!-- path: a complete file -->}), or marked as a fragment. The complete files of a
 * page are one project, built with Maven against a clean local repository, and then used as the
 * page says.
 */
class DocsCompileIT {

    private static final Path DOCS = Path.of(System.getProperty("docs.dir", "../docs")).toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern COMPLETE = Pattern.compile(
            "^(?://|<!--)\\s*(\\S+): a complete file(?:\\s*-->)?\\s*$");
    private static final Pattern EPOCH = Pattern.compile("^epoch \\d+, loss (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** A page's fenced blocks, in order: language and text. */
    private record Block(String language, String text, int line) {
    }

    private static List<Block> blocks(String page) throws IOException {
        String text = Files.readString(DOCS.resolve(page), StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(m.group(1), m.group(2), line));
        }
        return blocks;
    }

    /** The page's complete files by path; fails on a Java or POM block that is neither complete nor a fragment. */
    static Map<String, String> completeFiles(String page, List<Block> blocks) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Block block : blocks) {
            if (!block.language().equals("java") && !block.language().equals("xml")) {
                continue;
            }
            String first = block.text().lines().findFirst().orElse("");
            Matcher complete = COMPLETE.matcher(first.strip());
            if (complete.matches()) {
                files.put(complete.group(1), block.text());
            } else {
                assertThat(first).as("%s line %d: a %s block must start by naming its file (\"// path: a complete"
                        + " file\") or say it is a fragment", page, block.line(), block.language()).contains("fragment");
            }
        }
        return files;
    }

    private Path project(String page) throws IOException {
        Map<String, String> files = completeFiles(page, blocks(page));
        assertThat(files).as(page + ": its complete files").containsKey("pom.xml");
        assertThat(files.get("pom.xml")).as(page + ": the Descent version the page shows")
                .contains(System.getProperty("descent.version"));
        Path project = dir.resolve(page.replace(".md", ""));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = project.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        return project;
    }

    @Test
    void writingAPluginBuildsWithItsTestsAndTrainsAsThePageSays() throws Exception {
        Path project = project("writing-a-plugin.md");
        MavenProjects.Result build = MavenProjects.mvn(project, "package");
        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output()).containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0");
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(project.resolve("target/huber-loss.jar"), plugins.resolve("huber-loss.jar"));
        MavenProjects.Result trained = MavenProjects.run(dir, List.of(MavenProjects.java(), "-jar",
                Path.of(System.getProperty("descent.jar")).toAbsolutePath().toString(), "train", "--plugins",
                plugins.toString(), "--set", "loss=huber", "--set", "optimizer.lr=0.1"));
        assertThat(trained.exitCode()).as(trained.output()).isZero();
        Matcher epoch = EPOCH.matcher(trained.output());
        double last = Double.NaN;
        while (epoch.find()) {
            last = Double.parseDouble(epoch.group(1));
        }
        assertThat(last).as(trained.output()).isLessThan(1e-3);
    }

    @Test
    void embeddingBuildsWithTheBomAndTheBundleAndPrintsWhatThePageShowsWithoutSlf4jWarnings() throws Exception {
        List<Block> blocks = blocks("embedding.md");
        Path project = project("embedding.md");
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
        assertThat(run.output()).as("no SLF4J warning: the application brought its own provider")
                .doesNotContain("SLF4J");
        // The plain block after the program is what the page says it prints.
        int program = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).text().startsWith("// src/main/java/example/Embedded.java")) {
                program = i;
            }
        }
        assertThat(program).as("embedding.md shows Embedded.java").isNotNegative();
        assertThat(run.output()).isEqualTo(blocks.get(program + 1).text());
    }

    @Test
    void aJavaBlockThatIsNeitherCompleteNorAFragmentIsRefused() {
        List<Block> unmarked = List.of(new Block("java", "Loss loss = new HuberLoss();\n", 12));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeFiles("page.md", unmarked))
                .hasMessageContaining("page.md line 12: a java block must start by naming its file");
    }
}
