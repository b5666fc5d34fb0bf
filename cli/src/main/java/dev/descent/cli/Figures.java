package dev.descent.cli;

import dev.descent.api.Outputs;
import dev.descent.api.Standardization;
import dev.descent.config.ConfigException;
import dev.descent.plot.ClassPlotData;
import dev.descent.plot.ClassificationPlots;
import dev.descent.plot.PlotData;
import dev.descent.plot.Plots;
import dev.descent.predict.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the figures of a model on a data set, in the data's own units, and writes them. */
final class Figures {

    private static final Logger LOG = LoggerFactory.getLogger(Figures.class);
    private static final int LINE_POINTS = 100;

    private Figures() {
    }

    /**
     * @param raw       {@code rows × features} unscaled feature values (not modified)
     * @param feature   the {@code --plot-feature} text: an index from 0 (as the book's {@code features[:, 1]}),
     *                  a column name, or null for the last feature
     */
    static List<Path> write(Path folder, Outputs outputs, String what, Predictor model, float[] raw, float[] labels,
                            List<Double> epochLosses, List<Double> validationLosses, List<Double> testLosses,
                            String feature) {
        List<String> names = model.features();
        int d = names.size();
        int rows = labels.length;
        int column = column(names, feature);
        float[] predictions = model.predict(raw.clone(), rows);

        double[] mean = new double[d];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += raw[i * d + j];
            }
            low = Math.min(low, raw[i * d + column]);
            high = Math.max(high, raw[i * d + column]);
        }
        float[] grid = new float[LINE_POINTS * d];
        double[] lineX = new double[LINE_POINTS];
        for (int p = 0; p < LINE_POINTS; p++) {
            lineX[p] = low + (high - low) * p / (LINE_POINTS - 1);
            for (int j = 0; j < d; j++) {
                grid[p * d + j] = (float) (j == column ? lineX[p] : mean[j] / rows);
            }
        }
        float[] lineYf = model.predict(grid, LINE_POINTS);
        double[] lineY = new double[LINE_POINTS];
        for (int p = 0; p < LINE_POINTS; p++) {
            lineY[p] = lineYf[p];
        }
        PlotData data = new PlotData(names, model.target(), raw, labels, predictions, lineX, lineY, epochLosses,
                validationLosses, testLosses);
        List<Path> files = Plots.render(data, column, folder, outputs, what);
        logWritten(files, folder, what);
        removeStale(folder, files);
        return files;
    }

    /**
     * Removes the figures of an earlier run that this one did not draw (a regression's {@code data.png}
     * beside a classifier's {@code confusion-matrix.png}), so a reused folder shows one run. Only
     * Descent's own figure names are touched, which the run's output check already claimed.
     */
    private static void removeStale(Path folder, List<Path> written) {
        List<String> names = written.stream().map(f -> f.getFileName().toString()).toList();
        for (String name : Plots.ALL_FILES) {
            Path stale = folder.resolve(name);
            if (!names.contains(name) && Files.isRegularFile(stale, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.delete(stale);
                    LOG.info("removed {} of an earlier run from {}", name, folder);
                } catch (IOException e) {
                    throw new ConfigException(stale + " is a figure of an earlier run and cannot be removed ("
                            + e.getMessage() + "); remove it, or draw into another folder");
                }
            }
        }
    }

    /** Points per side of the grid {@code decision-regions.png} colours by the predicted class. */
    private static final int REGION_GRID = 150;

    /**
     * A classifier's figures: {@code loss.png} with the accuracy, {@code confusion-matrix.png}, and
     * for two features {@code decision-regions.png}.
     *
     * @param raw    {@code rows × features} unscaled feature values (not modified)
     * @param actual each row's true class, an index into the model's classes
     * @param rowsDescription which rows these are, for the titles ({@code validation rows})
     */
    static List<Path> writeClassifier(Path folder, Outputs outputs, String what, Predictor model, float[] raw,
                                      int[] actual, List<Double> epochLosses, List<Double> validationLosses,
                                      Map<String, List<Double>> epochMetrics, String rowsDescription) {
        int rows = actual.length;
        int d = model.features().size();
        int[] predicted = model.classify(raw.clone(), rows).classes();
        ClassPlotData.Regions regions = null;
        if (d == 2 && rows > 0) {
            double[] x = span(raw, rows, 0);
            double[] y = span(raw, rows, 1);
            float[] grid = new float[REGION_GRID * REGION_GRID * 2];
            for (int j = 0; j < REGION_GRID; j++) {
                for (int i = 0; i < REGION_GRID; i++) {
                    grid[(j * REGION_GRID + i) * 2] = (float) x[i];
                    grid[(j * REGION_GRID + i) * 2 + 1] = (float) y[j];
                }
            }
            regions = new ClassPlotData.Regions(x, y, model.classify(grid, REGION_GRID * REGION_GRID).classes());
        }
        ClassPlotData data = new ClassPlotData(model.features(), model.classes(), raw, actual, predicted, regions,
                epochLosses, validationLosses, epochMetrics, rowsDescription);
        List<Path> files = ClassificationPlots.render(data, folder, outputs, what);
        logWritten(files, folder, what);
        removeStale(folder, files);
        return files;
    }

    /** {@link #REGION_GRID} values across column {@code j} of the rows, with a margin of 5% each side. */
    private static double[] span(float[] raw, int rows, int j) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            low = Math.min(low, raw[i * 2 + j]);
            high = Math.max(high, raw[i * 2 + j]);
        }
        double margin = Math.max(1e-6, (high - low) * 0.05);
        low -= margin;
        high += margin;
        double[] values = new double[REGION_GRID];
        for (int p = 0; p < REGION_GRID; p++) {
            values[p] = low + (high - low) * p / (REGION_GRID - 1);
        }
        return values;
    }

    /** Undoes the training data's standardisation, for plots in the data's units. */
    static float[] unscaled(float[] scaled, int rows, Standardization standardization) {
        float[] raw = scaled.clone();
        if (standardization != null) {
            int d = standardization.features();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    raw[i * d + j] = (float) (raw[i * d + j] * standardization.std()[j] + standardization.mean()[j]);
                }
            }
        }
        return raw;
    }

    static int column(List<String> names, String feature) {
        if (feature == null) {
            return names.size() - 1;
        }
        int byName = names.indexOf(feature);
        if (byName >= 0) {
            return byName;
        }
        try {
            int index = Integer.parseInt(feature.strip());
            if (index >= 0 && index < names.size()) {
                return index;
            }
        } catch (NumberFormatException e) {
            // not a number: reported below
        }
        throw new ConfigException("--plot-feature " + feature + " names no feature; give an index from 0 to "
                + (names.size() - 1) + " or one of " + String.join(", ", names) + " (features: "
                + Arrays.toString(names.toArray()) + ")");
    }

    /** Says which figures went where; those drawn for a callback (what = "figures") only at debug level. */
    private static void logWritten(List<Path> files, Path folder, String what) {
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        if (what.equals("figures")) {
            LOG.debug("drew {} for the callbacks that take figures", names);
        } else {
            LOG.info("wrote {} to {}", names, folder);
        }
    }
}
