package dev.descent.plot;

import java.awt.Color;
import java.io.IOException;
import dev.descent.api.Outputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A classifier's figures as PNG files: {@code loss.png} (loss and accuracy per epoch),
 * {@code confusion-matrix.png}, and for two features {@code decision-regions.png} (the examples over
 * the classes the model predicts across the plane).
 */
public final class ClassificationPlots {

    public static final String CONFUSION_MATRIX = "confusion-matrix.png";
    public static final String DECISION_REGIONS = "decision-regions.png";

    /** One colour per class, as matplotlib's tab10, repeating beyond ten classes. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private ClassificationPlots() {
    }

    /** Writes every figure the data allows into {@code folder}; returns the files written. */
    public static List<Path> render(ClassPlotData data, Path folder, Outputs outputs, String what) {
        List<Path> written = new ArrayList<>();
        if (!data.epochLosses().isEmpty()) {
            written.add(save(lossChart(data), folder.resolve(Plots.LOSS), outputs, what));
        }
        written.add(save(confusionChart(data), folder.resolve(CONFUSION_MATRIX), outputs, what));
        if (data.regions() != null) {
            written.add(save(regionsChart(data), folder.resolve(DECISION_REGIONS), outputs, what));
        }
        return written;
    }

    /** Loss per epoch on the left axis, accuracy (0 to 1) on the right. */
    static XYChart lossChart(ClassPlotData data) {
        XYChart chart = Plots.chart("Loss and accuracy per epoch", "epoch", "mean loss");
        Plots.epochAxis(chart, data.epochLosses().size(), data.epochLosses().isEmpty() ? 1 : data.epochLosses().get(0));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        Plots.line(chart, "training loss", Plots.epochs(data.epochLosses().size()), Plots.toArray(data.epochLosses()),
                PALETTE[0]).setMarker(SeriesMarkers.CIRCLE);
        if (!data.validationLosses().isEmpty()) {
            Plots.line(chart, "validation loss", Plots.epochs(data.validationLosses().size()),
                    Plots.toArray(data.validationLosses()), PALETTE[1]).setMarker(SeriesMarkers.DIAMOND);
        }
        List<Double> testLoss = data.epochMetrics().get("test-loss");
        if (testLoss != null && !testLoss.isEmpty()) {
            Plots.line(chart, "test loss", Plots.epochs(testLoss.size()), Plots.toArray(testLoss), PALETTE[4])
                    .setMarker(SeriesMarkers.TRIANGLE_DOWN);
        }
        List<Double> accuracy = data.epochMetrics().get("accuracy");
        if (accuracy != null && !accuracy.isEmpty()) {
            XYSeries a = Plots.line(chart, "training accuracy", Plots.epochs(accuracy.size()), Plots.toArray(accuracy),
                    PALETTE[2]);
            a.setMarker(SeriesMarkers.SQUARE);
            a.setYAxisGroup(1);
            accuracyLine(chart, "validation accuracy", data.epochMetrics().get("validation-accuracy"), PALETTE[3],
                    SeriesMarkers.TRIANGLE_UP);
            accuracyLine(chart, "test accuracy", data.epochMetrics().get("test-accuracy"), PALETTE[5],
                    SeriesMarkers.CROSS);
            chart.setYAxisGroupTitle(1, "accuracy");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.getStyler().setYAxisMin(1, 0.0);
            chart.getStyler().setYAxisMax(1, 1.0);
        }
        return chart;
    }

    /** An accuracy per epoch on the right axis, when there is one. */
    private static void accuracyLine(XYChart chart, String name, List<Double> values, Color color,
                                     Marker marker) {
        if (values != null && !values.isEmpty()) {
            XYSeries line = Plots.line(chart, name, Plots.epochs(values.size()), Plots.toArray(values), color);
            line.setMarker(marker);
            line.setYAxisGroup(1);
        }
    }

    /** Counts of true (down) against predicted (across) classes, each cell labelled with its count. */
    static HeatMapChart confusionChart(ClassPlotData data) {
        int k = data.classes().size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < data.rows(); i++) {
            counts[data.actual()[i]][data.predicted()[i]]++;
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Confusion matrix of the " + data.rows() + " " + data.rowsDescription()).xAxisTitle("predicted class")
                .yAxisTitle("true class").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        // Every cell shows its count: a colour bar would only repeat them (and XChart writes its ends as
        // 50.0 and 0.0).
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(8, 81, 156)});
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setMin(0);
        List<Number[]> cells = new ArrayList<>();
        long largest = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                // Row 0 of the y axis is drawn at the bottom: the first class goes on top, as matrices are read.
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
                largest = Math.max(largest, counts[t][p]);
            }
        }
        chart.getStyler().setMax(Math.max(1, largest));
        List<String> reversed = new ArrayList<>(data.classes());
        java.util.Collections.reverse(reversed);
        chart.addSeries("rows", data.classes(), reversed, cells);
        return chart;
    }

    /** The plane of the two features coloured by the predicted class, with the examples by their true class. */
    static XYChart regionsChart(ClassPlotData data) {
        String x = data.featureNames().get(0);
        String y = data.featureNames().get(1);
        XYChart chart = Plots.chart("Decision regions over " + x + " and " + y + ", with the " + data.rows() + " "
                + data.rowsDescription() + Plots.shown(data.rows()), x, y);
        chart.getStyler().setMarkerSize(4);
        ClassPlotData.Regions regions = data.regions();
        int k = data.classes().size();
        int columns = regions.x().length;
        for (int c = 0; c < k; c++) {
            List<Double> gx = new ArrayList<>();
            List<Double> gy = new ArrayList<>();
            for (int i = 0; i < regions.classes().length; i++) {
                if (regions.classes()[i] == c) {
                    gx.add(regions.x()[i % columns]);
                    gy.add(regions.y()[i / columns]);
                }
            }
            if (!gx.isEmpty()) {
                Color base = PALETTE[c % PALETTE.length];
                XYSeries region = chart.addSeries("predicted " + data.classes().get(c), gx, gy);
                region.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                region.setMarker(SeriesMarkers.SQUARE);
                region.setMarkerColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), 40));
                region.setShowInLegend(false);
            }
        }
        int[] rows = Plots.sample(data.rows());
        for (int c = 0; c < k; c++) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int r : rows) {
                if (data.actual()[r] == c) {
                    px.add((double) data.features()[r * 2]);
                    py.add((double) data.features()[r * 2 + 1]);
                }
            }
            if (!px.isEmpty()) {
                XYSeries points = chart.addSeries(data.classes().get(c), px, py);
                points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                points.setMarker(SeriesMarkers.CIRCLE);
                points.setMarkerColor(PALETTE[c % PALETTE.length]);
            }
        }
        return chart;
    }

    private static Path save(Chart<?, ?> chart, Path file, Outputs outputs, String what) {
        byte[] png = Plots.png(chart);   // encoded first: a full disk is then reported as such, not as a PNG error
        outputs.write(file, what, out -> out.write(png));
        return file;
    }
}
