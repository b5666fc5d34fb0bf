package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    /** The book's data: y = 2 x1 − 3.4 x2 + 4.2 + noise, with a model that fits it. */
    private static PlotData bookLike(int rows, boolean withValidation) {
        Random random = new Random(1);
        float[] x = new float[rows * 2];
        float[] y = new float[rows];
        float[] predictions = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = (float) random.nextGaussian();
            x[2 * i + 1] = (float) random.nextGaussian();
            predictions[i] = 2 * x[2 * i] - 3.4f * x[2 * i + 1] + 4.2f;
            y[i] = predictions[i] + (float) (0.01 * random.nextGaussian());
        }
        double[] lineX = {-3, 3};
        double[] lineY = {4.2 + 3.4 * 3, 4.2 - 3.4 * 3};
        return new PlotData(List.of("x1", "x2"), "y", x, y, predictions, lineX, lineY, List.of(0.04, 1.6e-4, 5.1e-5),
                withValidation ? List.of(0.05, 2e-4, 6e-5) : List.of());
    }

    /** A figure a person could read: decodes, has the promised size, and is far from a blank canvas. */
    private static void assertReadablePng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s decodes as an image", file.getFileName()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Plots.HEIGHT);
        int background = image.getRGB(0, 0);
        long different = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int yy = 0; yy < image.getHeight(); yy += 2) {
            for (int xx = 0; xx < image.getWidth(); xx += 2) {
                int rgb = image.getRGB(xx, yy);
                colours.add(rgb);
                if (rgb != background) {
                    different++;
                }
            }
        }
        assertThat(different).as("%s pixels that are not background", file.getFileName())
                .isGreaterThan(image.getWidth() * image.getHeight() / 4 / 50);
        assertThat(colours.size()).as("%s distinct colours (text, axes, series)", file.getFileName()).isGreaterThan(10);
    }

    @Test
    void rendersEveryFigureAsAReadablePng() throws IOException {
        List<Path> files = Plots.render(bookLike(1000, true), 1, dir, dev.descent.io.OutputPolicy.NO_INPUTS, "--plot");
        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly(Plots.DATA, Plots.LOSS, Plots.PREDICTED_VS_ACTUAL, Plots.RESIDUALS);
        for (Path f : files) {
            assertReadablePng(f);
        }
    }

    @Test
    void withoutPredictionsOrLossesOnlyTheDataIsDrawn() throws IOException {
        PlotData data = bookLike(50, false);
        PlotData bare = new PlotData(data.featureNames(), data.labelName(), data.features(), data.labels(), null, null,
                null, List.of(), List.of());
        assertThat(Plots.render(bare, 0, dir, dev.descent.io.OutputPolicy.NO_INPUTS, "--plot")).extracting(f -> f.getFileName().toString()).containsExactly(Plots.DATA);
        assertReadablePng(dir.resolve(Plots.DATA));
    }

    @Test
    void largeDataSetsAreSampledEvenly() {
        int[] rows = Plots.sample(1_000_000);
        assertThat(rows).hasSize(Plots.MAX_POINTS);
        assertThat(rows[0]).isZero();
        assertThat(rows[rows.length - 1]).isGreaterThan(999_000);
        assertThat(Plots.sample(10)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void titlesAndAxesSayWhatIsShown() {
        PlotData data = bookLike(100, true);
        assertThat(Plots.dataChart(data, 1).getTitle()).isEqualTo("Data: y against x2");
        assertThat(Plots.dataChart(data, 1).getXAxisTitle()).isEqualTo("x2");
        assertThat(Plots.lossChart(data).getSeriesMap()).containsOnlyKeys("training loss", "validation loss");
        assertThat(Plots.lossChart(data).getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(Plots.predictedChart(data).getYAxisTitle()).isEqualTo("predicted y");
    }

    @Test
    void tickLabelsHaveALeadingZeroAndOneNotationPerAxis() {
        assertThat(Plots.tick(0.035)).isEqualTo("0.035");
        assertThat(Plots.tick(-0.005)).isEqualTo("-0.005");
        assertThat(Plots.tick(10000.0)).isEqualTo("10000");
        assertThat(Plots.tick(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Plots.tick(2e-5)).isEqualTo("2e-05");
        assertThat(Plots.tick(1.5e7)).isEqualTo("1.5e+07");
        assertThat(Plots.tick(0.0)).isEqualTo("0");
    }

    @Test
    void lossChartsOfAnyLengthRenderWithTheirLegendOutOfThePointsWay() {
        for (int epochs : new int[] {1, 3, 11, 20, 100, 997}) {
            List<Double> losses = new java.util.ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                losses.add(10000 * Math.exp(-e / 3.0) + 113);
            }
            PlotData data = new PlotData(List.of("x"), "y", new float[] {1}, new float[] {1}, null, null, null, losses,
                    losses);
            assertThat(Plots.png(Plots.lossChart(data))).as("%d epochs", epochs).isNotEmpty();
        }
        assertThat(Plots.predictedChart(bookLike(200, false)).getStyler().getLegendPosition())
                .as("the points lie on the diagonal: the legend goes in the empty corner")
                .isEqualTo(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    }

    @Test
    void aConfusionMatrixSaysWhichRowsItCountsAndHasNoRedundantColourBar() {
        ClassPlotData data = new ClassPlotData(List.of("a", "b"), List.of("no", "yes"), new float[] {0, 0, 1, 1},
                new int[] {0, 1}, new int[] {0, 0}, null, List.of(0.5), List.of(), java.util.Map.of(), "validation rows");
        org.knowm.xchart.HeatMapChart chart = ClassificationPlots.confusionChart(data);
        assertThat(chart.getTitle()).isEqualTo("Confusion matrix of the 2 validation rows");
        assertThat(chart.getStyler().isLegendVisible()).isFalse();
        assertThat(Plots.png(chart)).isNotEmpty();
    }
}
