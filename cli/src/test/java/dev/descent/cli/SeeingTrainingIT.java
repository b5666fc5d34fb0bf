package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plots, plain output and quiet mode through the real CLI. */
class SeeingTrainingIT {

    @TempDir
    Path dir;

    private DescentProcess.Result descent(String... args) {
        return DescentProcess.run(dir, args);
    }

    @Test
    void trainWithPlotWritesTheBooksFigures() throws IOException {
        DescentProcess.Result result = descent("train", "--plot", "out", "--plot-feature", "1");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        for (String name : new String[] {"data.png", "loss.png", "predicted-vs-actual.png", "residuals.png"}) {
            Path png = dir.resolve("out").resolve(name);
            assertThat(png).isRegularFile();
            assertThat(ImageIO.read(png.toFile()).getWidth()).as(name).isEqualTo(800);
        }
        assertThat(result.stderr()).contains("wrote [data.png, loss.png, predicted-vs-actual.png, residuals.png]");
        DescentProcess.Result bad = descent("train", "--plot", "out", "--plot-feature", "x9");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--plot-feature x9 names no feature").contains("x0, x1");
    }

    @Test
    void metricsWritesEveryEpochsFiguresAsCsvThatRoundToTheEpochLines() throws IOException {
        DescentProcess.Result result = descent("train", "--set", "data=synthetic-classes", "--set", "model=softmax",
                "--set", "loss=cross-entropy", "--set", "train.epochs=4", "--set", "schedule=cosine",
                "--metrics", "runs/metrics.csv");
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        java.util.List<String> csv = Files.readAllLines(dir.resolve("runs/metrics.csv"));
        assertThat(csv.get(0)).isEqualTo("epoch,loss,accuracy,validation-loss,validation-accuracy,lr,seconds");
        java.util.List<String> lines = result.stdoutLines();
        assertThat(csv).hasSize(5);
        for (int e = 1; e <= 4; e++) {
            String[] cells = csv.get(e).split(",");
            assertThat(cells[0]).isEqualTo(String.valueOf(e));
            String printed = String.format(java.util.Locale.ROOT,
                    "epoch %d, loss %f, accuracy %.4f, validation loss %f, validation accuracy %.4f", e,
                    Double.parseDouble(cells[1]), Double.parseDouble(cells[2]), Double.parseDouble(cells[3]),
                    Double.parseDouble(cells[4]));
            assertThat(lines.get(e - 1)).isEqualTo(printed);
            assertThat(Double.parseDouble(cells[6])).isPositive();
        }
        assertThat(Double.parseDouble(csv.get(1).split(",")[5])).as("cosine starts at lr").isEqualTo(0.03);
        assertThat(Double.parseDouble(csv.get(4).split(",")[5])).isLessThan(0.03);
    }

    @Test
    void aMetricsFileThatCannotBeWrittenIsOneLineBeforeTraining() throws IOException {
        Files.createDirectories(dir.resolve("taken"));
        DescentProcess.Result folder = descent("train", "--metrics", "taken");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.stdout()).isEmpty();
        assertThat(folder.stderrLines()).singleElement().asString()
                .isEqualTo("descent: --metrics taken is a folder; give a file name in it, such as taken/metrics.csv");
        DescentProcess.Result same = descent("train", "--metrics", "m.json", "--save", "./m.json");
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.stderr()).startsWith("descent: --metrics m.json and --save ./m.json name the same file");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void plotDrawsASavedModelOnADataFileIntoFiguresByDefault() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i % 17).append(',').append(i % 5).append(',').append(3 * (i % 17) - (i % 5) + 1).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        assertThat(descent("train", "--set", "data=csv", "--set", "data.path=t.csv", "--set", "train.epochs=5",
                "--save", "m.json").exitCode()).isZero();
        DescentProcess.Result plot = descent("plot", "--model", "m.json", "--data", "t.csv");
        assertThat(plot.exitCode()).as(plot.stderr()).isZero();
        assertThat(dir.resolve("figures")).isDirectoryContaining("glob:**/loss.png")
                .isDirectoryContaining("glob:**/residuals.png").isDirectoryContaining("glob:**/data.png");
    }

    @Test
    void aReusedFigureFolderKeepsOnlyTheNewRunsFiguresAndTheUsersOwnFiles() throws IOException {
        assertThat(descent("train", "--plot", "figures", "-q").exitCode()).isZero();
        Files.writeString(dir.resolve("figures/notes.txt"), "mine");
        DescentProcess.Result classifier = descent("train", "--set", "data=synthetic-classes", "--set", "model=softmax",
                "--set", "loss=cross-entropy", "--set", "data.features=3", "--plot", "figures", "-q");
        assertThat(classifier.exitCode()).as(classifier.stderr()).isZero();
        try (var files = Files.list(dir.resolve("figures"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("confusion-matrix.png", "loss.png", "notes.txt");
        }
    }

    @Test
    void theDataFiguresAxisIsTheFeatureTheIndexChose() throws IOException {
        assertThat(descent("train", "--plot", "figures", "--plot-feature", "1", "-q").exitCode()).isZero();
        assertThat(descent("train", "--set", "data.weights=2,-3.4,1", "--plot", "other", "--plot-feature", "x2", "-q")
                .exitCode()).isZero();
        // names from 0, as the indices: feature 1 is x1 (the book's features[:, 1])
        assertThat(descent("train", "--plot-feature", "x2", "--plot", "bad", "-q").stderr())
                .contains("--plot-feature x2 names no feature").contains("x0, x1");
    }

    @Test
    void pipedOutputIsPlainLinesWithoutControlCharacters() {
        DescentProcess.Result result = descent("train", "--set", "data.examples=200000", "--set", "train.epochs=2");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(result.stderr()).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("ex/s");
        assertThat(result.stdoutLines()).allMatch(l -> l.startsWith("epoch ") || l.contains(" error: ["));
    }

    @Test
    void quietPrintsOnlyTheFinalResult() {
        DescentProcess.Result result = descent("train", "--quiet");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutLines()).hasSize(3);
        assertThat(result.stdoutLines().get(0)).startsWith("epoch 3, loss ");
        assertThat(result.stderr()).isEmpty();
    }
}
