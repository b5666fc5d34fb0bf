package dev.descent.plot;

import java.util.List;

/**
 * Everything the figures of a run show, in the data's own units (features not standardised).
 *
 * @param featureNames     the feature columns
 * @param labelName        the label column
 * @param features         {@code rows × featureNames.size()} values, row-major
 * @param labels           one label per row
 * @param predictions      the trained model's prediction per row, or {@code null} without a model
 * @param lineX            x values of the fitted line over the plotted feature (others at their means),
 *                         or {@code null}
 * @param lineY            the model's predictions at {@code lineX}, or {@code null}
 * @param epochLosses      training loss per epoch (may be empty)
 * @param validationLosses validation loss per epoch (may be empty)
 * @param testLosses       the test data's loss per epoch ({@code test = NAME}; may be empty)
 */
public record PlotData(List<String> featureNames, String labelName, float[] features, float[] labels,
                       float[] predictions, double[] lineX, double[] lineY, List<Double> epochLosses,
                       List<Double> validationLosses, List<Double> testLosses) {

    /** The figures of a run without test data. */
    public PlotData(List<String> featureNames, String labelName, float[] features, float[] labels,
                    float[] predictions, double[] lineX, double[] lineY, List<Double> epochLosses,
                    List<Double> validationLosses) {
        this(featureNames, labelName, features, labels, predictions, lineX, lineY, epochLosses, validationLosses,
                List.of());
    }

    public int rows() {
        return labels.length;
    }
}
