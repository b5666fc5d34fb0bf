package dev.descent.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table of examples held in host memory: features {@code X} ({@code examples × features},
 * row-major) and labels {@code y} ({@code examples × outputs}).
 *
 * <p>The arrays are owned by the data set once passed in; nobody modifies them afterwards.
 */
public final class Dataset {

    private final float[] features;
    private final float[] labels;
    private final int examples;
    private final int featureCount;
    private final int outputs;
    private final List<String> featureNames;
    private final String labelName;
    private final Map<String, float[]> trueParameters;
    private Dataset validation;
    private Standardization standardization;

    /**
     * @param features       {@code examples × featureNames.size()} values, row-major
     * @param labels         {@code examples × 1} values
     * @param featureNames   one name per feature column, e.g. {@code x1, x2}
     * @param labelName      the label column's name, e.g. {@code y}
     * @param trueParameters the parameters that generated the data, by model parameter name
     *                       ({@code w}, {@code b}), when the source knows them; else empty
     */
    public Dataset(float[] features, float[] labels, List<String> featureNames, String labelName,
                   Map<String, float[]> trueParameters) {
        this.features = Objects.requireNonNull(features, "features");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.featureNames = List.copyOf(featureNames);
        this.labelName = Objects.requireNonNull(labelName, "labelName");
        this.trueParameters = Map.copyOf(trueParameters);
        this.featureCount = this.featureNames.size();
        this.outputs = 1;
        this.examples = labels.length;
        if (featureCount == 0) {
            throw new IllegalArgumentException("a data set needs at least one feature");
        }
        if ((long) examples * featureCount != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + examples + " examples × " + featureCount + " features");
        }
    }

    public int examples() {
        return examples;
    }

    public int features() {
        return featureCount;
    }

    public int outputs() {
        return outputs;
    }

    /** The feature matrix, row-major; not to be modified. */
    public float[] featureMatrix() {
        return features;
    }

    /** The labels, one per example; not to be modified. */
    public float[] labelVector() {
        return labels;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    /** The generating parameters by name, for sources that know them (synthetic data); else empty. */
    public Map<String, float[]> trueParameters() {
        return trueParameters;
    }

    /**
     * This data set with a held-out validation set (same features, scaled the same way), whose
     * loss the trainer reports after each epoch.
     */
    public Dataset withValidation(Dataset heldOut) {
        if (heldOut.features() != featureCount) {
            throw new IllegalArgumentException("validation data has " + heldOut.features() + " features, not "
                    + featureCount);
        }
        this.validation = heldOut;
        return this;
    }

    /** The held-out validation set, or {@code null} when there is none. */
    public Dataset validation() {
        return validation;
    }

    /** Records that the features were standardised with {@code statistics}, so a saved model can repeat it. */
    public Dataset withStandardization(Standardization statistics) {
        if (statistics.features() != featureCount) {
            throw new IllegalArgumentException("standardization for " + statistics.features() + " features, not "
                    + featureCount);
        }
        this.standardization = statistics;
        return this;
    }

    /** How the features were standardised, or {@code null} when they are raw. */
    public Standardization standardization() {
        return standardization;
    }
}
