package dev.descent.plot;

import java.util.List;
import java.util.Map;

/**
 * Everything the figures of a classifier show, in the data's own units.
 *
 * @param featureNames     the feature columns
 * @param classes          the class names, in index order
 * @param features         {@code rows × featureNames.size()} values, row-major
 * @param actual           each row's true class (an index into {@code classes})
 * @param predicted        each row's predicted class
 * @param regions          the predicted class over a grid of the two features, for
 *                         {@code decision-regions.png}; {@code null} unless there are exactly two features
 * @param epochLosses      training loss per epoch (may be empty)
 * @param validationLosses validation loss per epoch (may be empty)
 * @param epochMetrics     per epoch figures besides the loss ({@code accuracy}, {@code validation-accuracy},
 *                         {@code test-loss}, {@code test-accuracy})
 * @param rowsDescription  which rows {@code features} holds, for titles: {@code validation rows},
 *                         {@code training rows}, {@code test rows}, {@code rows of test.csv}
 */
public record ClassPlotData(List<String> featureNames, List<String> classes, float[] features, int[] actual,
                            int[] predicted, Regions regions, List<Double> epochLosses, List<Double> validationLosses,
                            Map<String, List<Double>> epochMetrics, String rowsDescription) {

    public int rows() {
        return actual.length;
    }

    /**
     * A grid over the plane of the two features: point {@code (x[i], y[j])} is predicted as
     * {@code classes[j * x.length + i]}.
     */
    public record Regions(double[] x, double[] y, int[] classes) {
    }
}
