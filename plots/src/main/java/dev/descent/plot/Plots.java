package dev.descent.plot;

import java.awt.Color;
import java.io.IOException;
import dev.descent.api.Outputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a regression run's figures as PNG files with XChart, headless. File names are stable:
 * {@code data.png}, {@code loss.png}, {@code predicted-vs-actual.png}, {@code residuals.png}; a
 * classifier's are {@link ClassificationPlots}'.
 */
public final class Plots {

    public static final String DATA = "data.png";
    public static final String LOSS = "loss.png";
    public static final String PREDICTED_VS_ACTUAL = "predicted-vs-actual.png";
    public static final String RESIDUALS = "residuals.png";
    /** Every file a run's figures may write, whatever its task: what is checked before training. */
    public static final List<String> ALL_FILES = List.of(DATA, LOSS, PREDICTED_VS_ACTUAL, RESIDUALS,
            "confusion-matrix.png", "decision-regions.png");

    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;

    /** Scatter plots show at most this many points (an even stride through the rows). */
    static final int MAX_POINTS = 5_000;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * Writes every figure the data allows into {@code folder}: {@code data.png} always; {@code loss.png}
     * when there are epoch losses; the prediction figures when there are predictions.
     *
     * @param feature the feature (column index) {@code data.png} plots the label against
     * @return the files written
     */
    public static List<Path> render(PlotData data, int feature, Path folder, Outputs outputs, String what) {
        List<Path> written = new ArrayList<>();
        written.add(save(dataChart(data, feature), folder.resolve(DATA), outputs, what));
        if (!data.epochLosses().isEmpty()) {
            written.add(save(lossChart(data), folder.resolve(LOSS), outputs, what));
        }
        if (data.predictions() != null) {
            written.add(save(predictedChart(data), folder.resolve(PREDICTED_VS_ACTUAL), outputs, what));
            written.add(save(residualChart(data), folder.resolve(RESIDUALS), outputs, what));
        }
        return written;
    }

    /** The label against one feature, as the book's {@code d2l.plt.scatter(features[:, 1], labels)}, with the fit. */
    static XYChart dataChart(PlotData data, int feature) {
        String x = data.featureNames().get(feature);
        XYChart chart = chart("Data: " + data.labelName() + " against " + x + shown(data.rows()), x, data.labelName());
        int d = data.featureNames().size();
        int[] rows = sample(data.rows());
        double[] xs = new double[rows.length];
        double[] ys = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            xs[i] = data.features()[rows[i] * d + feature];
            ys[i] = data.labels()[rows[i]];
        }
        scatter(chart, "examples", xs, ys, new Color(31, 119, 180, 110));
        if (data.lineX() != null) {
            line(chart, "fitted model (other features at their means)", data.lineX(), data.lineY(), new Color(214, 39, 40));
        }
        return chart;
    }

    /** Training (and validation) loss per epoch on a log scale. */
    static XYChart lossChart(PlotData data) {
        XYChart chart = chart("Loss per epoch", "epoch", "mean loss (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        // XChart's log axis takes a pattern, not the formatting function: plain decimals, or powers of
        // ten throughout when the losses go below 0.0001 (never 1E-4 beside 0.001).
        chart.getStyler().setyAxisTickLabelsFormattingFunction(null);
        double least = data.epochLosses().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double most = data.epochLosses().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (List<Double> other : List.of(data.validationLosses(), data.testLosses())) {
            for (double v : other) {
                least = Math.min(least, v);
                most = Math.max(most, v);
            }
        }
        // Within two decades, ticks at 1, 2, …, 9 of each decade as well: a plateau between two decades
        // (a loss near 190, between 100 and 1000) can then be read off the axis. Over more decades
        // those would crowd each other, and the decades are enough.
        chart.getStyler().setYAxisLogarithmicDecadeOnly(!(most / least < 100));
        chart.getStyler().setYAxisDecimalPattern(least < 1e-4 ? "0.#E0" : "#,##0.####");
        epochAxis(chart, data.epochLosses().size(), data.epochLosses().isEmpty() ? 1 : data.epochLosses().get(0));
        line(chart, "training loss", epochs(data.epochLosses().size()), toArray(data.epochLosses()), new Color(31, 119, 180))
                .setMarker(SeriesMarkers.CIRCLE);
        if (!data.validationLosses().isEmpty()) {
            line(chart, "validation loss", epochs(data.validationLosses().size()), toArray(data.validationLosses()),
                    new Color(255, 127, 14)).setMarker(SeriesMarkers.DIAMOND);
        }
        if (!data.testLosses().isEmpty()) {
            line(chart, "test loss", epochs(data.testLosses().size()), toArray(data.testLosses()),
                    new Color(148, 103, 189)).setMarker(SeriesMarkers.TRIANGLE_DOWN);
        }
        return chart;
    }

    /** Predicted against actual values, with the diagonal where they would be equal. */
    static XYChart predictedChart(PlotData data) {
        String label = data.labelName();
        XYChart chart = chart("Predicted against actual " + label + shown(data.rows()), "actual " + label,
                "predicted " + label);
        int[] rows = sample(data.rows());
        double[] actual = new double[rows.length];
        double[] predicted = new double[rows.length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.length; i++) {
            actual[i] = data.labels()[rows[i]];
            predicted[i] = data.predictions()[rows[i]];
            low = Math.min(low, Math.min(actual[i], predicted[i]));
            high = Math.max(high, Math.max(actual[i], predicted[i]));
        }
        scatter(chart, "examples", actual, predicted, new Color(31, 119, 180, 110));
        line(chart, "perfect prediction (y = x)", new double[] {low, high}, new double[] {low, high}, new Color(214, 39, 40));
        // The points lie along the diagonal: the bottom-right corner is the empty one.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    /** Residuals (actual − predicted) against the prediction, with the zero line. */
    static XYChart residualChart(PlotData data) {
        String label = data.labelName();
        XYChart chart = chart("Residuals: actual − predicted " + label + shown(data.rows()), "predicted " + label,
                "residual");
        int[] rows = sample(data.rows());
        double[] predicted = new double[rows.length];
        double[] residual = new double[rows.length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.length; i++) {
            predicted[i] = data.predictions()[rows[i]];
            residual[i] = data.labels()[rows[i]] - (double) data.predictions()[rows[i]];
            low = Math.min(low, predicted[i]);
            high = Math.max(high, predicted[i]);
        }
        scatter(chart, "examples", predicted, residual, new Color(31, 119, 180, 110));
        line(chart, "zero", new double[] {low, high}, new double[] {0, 0}, new Color(214, 39, 40));
        return chart;
    }

    static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        // See-through, so that a point under the legend still shows.
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 170));
        styler.setChartBackgroundColor(Color.WHITE);
        // One way of writing numbers on every axis: 0.035 (not .035), 10000 and 0.0001 (not 1E4 beside 0.001).
        styler.setxAxisTickLabelsFormattingFunction(Plots::tick);
        styler.setyAxisTickLabelsFormattingFunction(Plots::tick);
        styler.setPlotGridLinesColor(new Color(230, 230, 230));
        styler.setMarkerSize(5);
        styler.setAntiAlias(true);
        return chart;
    }

    private static XYSeries scatter(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        return series;
    }

    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        return series;
    }

    private static Path save(XYChart chart, Path file, Outputs outputs, String what) {
        byte[] png = png(chart);   // encoded first: a full disk is then reported as such, not as a PNG error
        outputs.write(file, what, out -> out.write(png));
        return file;
    }

    /** The chart as PNG bytes. */
    static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot encode the figure '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** Up to {@link #MAX_POINTS} rows, evenly spread. */
    static int[] sample(int rows) {
        int count = Math.min(rows, MAX_POINTS);
        int[] picked = new int[count];
        for (int i = 0; i < count; i++) {
            picked[i] = (int) ((long) i * rows / count);
        }
        return picked;
    }

    static String shown(int rows) {
        return rows > MAX_POINTS ? String.format(Locale.ROOT, " (%,d of %,d rows shown)", MAX_POINTS, rows) : "";
    }

    /**
     * An axis of epochs 1 to {@code n}: up to 10 epochs a tick on each; beyond, ticks at round numbers
     * (10, 20, …, 100 rather than 1, 5, 9, …, 97).
     */
    static void epochAxis(XYChart chart, int n, double firstY) {
        // XChart puts the ticks of evenly spaced x values (epochs 1, 2, …) on every k-th value from the
        // first: 1, 5, 9, …. A hidden point half an epoch before the first makes the values not evenly
        // spaced, and XChart then places ticks at round numbers.
        if (n > 10) {
            XYSeries hidden = chart.addSeries(" ", new double[] {0.5}, new double[] {firstY});
            hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            hidden.setMarker(SeriesMarkers.NONE);
            hidden.setShowInLegend(false);
        }
        // Labels as every axis writes numbers: distinct values get distinct labels, which XChart's tick
        // search needs to end (blank labels for fractional epochs would make it search forever).
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Plots::tick);
    }

    /**
     * A tick label: at most 6 significant digits, with a leading zero ({@code 0.035}), without trailing
     * zeros; beyond 1e6 or below 1e-4 in scientific notation ({@code 2e-05}, {@code 1.5e+07}).
     */
    static String tick(Double value) {
        double v = value;
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e6 || magnitude < 1e-4) {
            String text = String.format(Locale.ROOT, "%.3g", v);   // e.g. 2.00e-05
            int e = text.indexOf('e');
            String mantissa = new java.math.BigDecimal(text.substring(0, e)).stripTrailingZeros().toPlainString();
            return mantissa + text.substring(e);
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(v).round(new java.math.MathContext(6));
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
