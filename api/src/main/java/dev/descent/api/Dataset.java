package dev.descent.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table of examples held in host memory: features {@code X} ({@code examples × features},
 * row-major) and labels {@code y} ({@code examples × outputs}).
 *
 * <p>The task follows from the labels: <b>regression</b> when they are numbers (one column per
 * target, {@link #outputs()} of them), <b>classification</b> when the data set names its
 * {@link #classes()}: then {@code y} is one column holding each example's class index
 * ({@code 0 … classes − 1}, as floats) into that list.
 *
 * <p>The arrays are owned by the data set once passed in; nobody modifies them afterwards.
 */
public final class Dataset {

    private final float[] features;
    private final float[] labels;
    /** Where the rows are when this JVM does not hold them ({@link #described}); null when it does. */
    private final String elsewhere;
    private final int examples;
    private final int featureCount;
    private final int outputs;
    private final List<String> featureNames;
    private final List<String> labelNames;
    private final List<String> classes;
    private final Map<String, float[]> trueParameters;
    private Dataset validation;
    private Standardization standardization;
    private Encoding encoding;

    /**
     * A regression data set with one target.
     *
     * @param features       {@code examples × featureNames.size()} values, row-major
     * @param labels         {@code examples × 1} values
     * @param featureNames   one name per feature column, e.g. {@code x0, x1}
     * @param labelName      the label column's name, e.g. {@code y}
     * @param trueParameters the parameters that generated the data, by model parameter name
     *                       ({@code w}, {@code b}), when the source knows them; else empty
     */
    public Dataset(float[] features, float[] labels, List<String> featureNames, String labelName,
                   Map<String, float[]> trueParameters) {
        this(features, labels, featureNames, List.of(Objects.requireNonNull(labelName, "labelName")), List.of(),
                trueParameters);
    }

    /**
     * Any data set.
     *
     * @param labels     {@code examples × labelNames.size()} values, row-major; for classification
     *                   one class index per example
     * @param labelNames the target columns' names: one or more for regression, one for classification
     * @param classes    the class names, in the order the indices in {@code labels} refer to; empty for
     *                   regression, at least two for classification
     */
    public Dataset(float[] features, float[] labels, List<String> featureNames, List<String> labelNames,
                   List<String> classes, Map<String, float[]> trueParameters) {
        this.elsewhere = null;
        this.features = Objects.requireNonNull(features, "features");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.featureNames = List.copyOf(featureNames);
        this.labelNames = List.copyOf(labelNames);
        this.classes = List.copyOf(classes);
        this.trueParameters = Map.copyOf(trueParameters);
        this.featureCount = this.featureNames.size();
        this.outputs = this.labelNames.size();
        if (featureCount == 0) {
            throw new IllegalArgumentException("a data set needs at least one feature");
        }
        if (outputs == 0) {
            throw new IllegalArgumentException("a data set needs at least one label column");
        }
        if (labels.length % outputs != 0) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values, not a multiple of "
                    + outputs + " label columns");
        }
        this.examples = labels.length / outputs;
        if ((long) examples * featureCount != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + examples + " examples × " + featureCount + " features");
        }
        if (!this.classes.isEmpty()) {
            if (outputs != 1) {
                throw new IllegalArgumentException("a classification data set has one label column, not " + outputs);
            }
            if (this.classes.size() < 2) {
                throw new IllegalArgumentException("classification needs at least two classes, not " + this.classes);
            }
            for (int i = 0; i < examples; i++) {
                float label = labels[i];
                if (!(label >= 0 && label < this.classes.size() && label == Math.rint(label))) {
                    throw new IllegalArgumentException("example " + i + " has the class index " + label + ", not one of 0 to "
                            + (this.classes.size() - 1));
                }
            }
        }
    }

    /**
     * A data set whose rows this JVM does not hold, e.g. rows a cluster's executors read and keep
     * (the Spark engine): its size, names and classes, for the model and the trainer to set up with.
     * {@link #featureMatrix()} and {@link #labelVector()} refuse, naming {@code where}.
     *
     * @param examples     how many rows there are
     * @param where        where the rows are, for messages (e.g. "the Spark executors")
     * @param classes      the class names for classification; empty for regression
     */
    public static Dataset described(int examples, String where, List<String> featureNames, List<String> labelNames,
                                    List<String> classes, Map<String, float[]> trueParameters) {
        return new Dataset(examples, Objects.requireNonNull(where, "where"), featureNames, labelNames, classes,
                trueParameters);
    }

    private Dataset(int examples, String where, List<String> featureNames, List<String> labelNames,
                    List<String> classes, Map<String, float[]> trueParameters) {
        if (examples < 0) {
            throw new IllegalArgumentException("a data set cannot have " + examples + " examples");
        }
        this.elsewhere = where;
        this.features = null;
        this.labels = null;
        this.examples = examples;
        this.featureNames = List.copyOf(featureNames);
        this.labelNames = List.copyOf(labelNames);
        this.classes = List.copyOf(classes);
        this.trueParameters = Map.copyOf(trueParameters);
        this.featureCount = this.featureNames.size();
        this.outputs = this.labelNames.size();
        if (featureCount == 0 || outputs == 0) {
            throw new IllegalArgumentException("a data set needs at least one feature and one label column");
        }
        if (!this.classes.isEmpty() && (outputs != 1 || this.classes.size() < 2)) {
            throw new IllegalArgumentException("a classification data set has one label column and two classes or"
                    + " more, not " + labelNames + " " + classes);
        }
    }

    /** Whether this JVM holds the rows: false for a data set {@link #described} elsewhere. */
    public boolean hasRows() {
        return elsewhere == null;
    }

    private void requireRows() {
        if (elsewhere != null) {
            throw new IllegalStateException("the rows of this data set are in " + elsewhere + ", not in this JVM");
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
        requireRows();
        return features;
    }

    /** The labels, {@code examples × outputs} row-major (class indices for classification); not to be modified. */
    public float[] labelVector() {
        requireRows();
        return labels;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The target column's name; several joined with commas for multi-output regression. */
    public String labelName() {
        return String.join(",", labelNames);
    }

    /** The target columns' names, one per output. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The class names, in index order, for classification; empty for regression. */
    public List<String> classes() {
        return classes;
    }

    /** Whether the labels are classes (see {@link #classes()}) rather than numbers to regress. */
    public boolean isClassification() {
        return !classes.isEmpty();
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
        if (heldOut.outputs() != outputs || !heldOut.classes().equals(classes)) {
            throw new IllegalArgumentException("validation data has other labels: " + heldOut.labelNames() + " "
                    + heldOut.classes() + ", not " + labelNames + " " + classes);
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

    /**
     * Records how the table's columns became these features (missing cells filled, categories
     * one-hot), so a saved model can prepare new rows the same way.
     */
    public Dataset withEncoding(Encoding fitted) {
        if (!fitted.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("the encoding gives the features " + fitted.featureNames() + ", not "
                    + featureNames);
        }
        this.encoding = fitted;
        return this;
    }

    /** How the table's columns became the features, or {@code null} when they were read as they are. */
    public Encoding encoding() {
        return encoding;
    }

    /** How the features were standardised, or {@code null} when they are raw. */
    public Standardization standardization() {
        return standardization;
    }
}
