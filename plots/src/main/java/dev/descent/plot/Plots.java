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
        chart.getStyler().setXAxisDecimalPattern("0");
        line(chart, "training loss", epochs(data.epochLosses().size()), toArray(data.epochLosses()), new Color(31, 119, 180))
                .setMarker(SeriesMarkers.CIRCLE);
        if (!data.validationLosses().isEmpty()) {
            line(chart, "validation loss", epochs(data.validationLosses().size()), toArray(data.validationLosses()),
                    new Color(255, 127, 14)).setMarker(SeriesMarkers.DIAMOND);
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
        styler.setChartBackgroundColor(Color.WHITE);
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
