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
        assertThat(bad.stderr()).contains("--plot-feature x9 names no feature").contains("x1, x2");
    }

    @Test
    void plotDrawsASavedModelOnADataFile() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i % 17).append(',').append(i % 5).append(',').append(3 * (i % 17) - (i % 5) + 1).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        assertThat(descent("train", "--set", "data=csv", "--set", "data.path=t.csv", "--set", "train.epochs=5",
                "--save", "m.json").exitCode()).isZero();
        DescentProcess.Result plot = descent("plot", "--model", "m.json", "--data", "t.csv", "--out", "figures");
        assertThat(plot.exitCode()).as(plot.stderr()).isZero();
        assertThat(dir.resolve("figures")).isDirectoryContaining("glob:**/loss.png")
                .isDirectoryContaining("glob:**/residuals.png").isDirectoryContaining("glob:**/data.png");
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
