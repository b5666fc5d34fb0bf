package dev.descent.train;

import dev.descent.api.DataContext;
import dev.descent.api.DataException;
import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.LoadingProgress;
import dev.descent.plugin.ComponentInfo;
import dev.descent.plugin.Names;
import dev.descent.tensor.Device;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's test data ({@code test = NAME}, options under {@code test.}): loaded by its own source as
 * the training data was, scaled with the training data's statistics, its labels numbered as the
 * training data's classes, and held on the run's device to be scored after every epoch, as the
 * book's {@code train_ch3} reports the test accuracy. Never learned from, never monitored by a
 * schedule or early stopping (choosing by the test figures would leak them into the model).
 */
final class TestData implements AutoCloseable {

    private final Dataset rows;
    private final Tensor x;
    private final Tensor y;

    private TestData(Dataset rows, Device device) {
        this.rows = rows;
        this.x = Tensor.adopt(device, rows.featureMatrix(), Shape.of(rows.examples(), rows.features()));
        this.y = Tensor.adopt(device, rows.labelVector(), Shape.of(rows.examples(), rows.outputs()));
    }

    /** The run's test data matching {@code training}, or empty when the run has none. */
    static Optional<TestData> load(Run run, Dataset training, RandomStreams random, LoadingProgress progress) {
        if (run.test().isEmpty()) {
            return Optional.empty();
        }
        DataSource source = run.test().get();
        String where = "the test data (test = " + ComponentInfo.of(source).name() + ")";
        Dataset loaded;
        try {
            loaded = source.load(new DataContext(random.stream("test"), progress,
                    Optional.ofNullable(training.standardization()), Optional.of(run.loss().task()),
                    Optional.ofNullable(training.encoding())));
        } catch (DataException e) {
            if (training.standardization() != null) {
                // A source speaks of the statistics it was given as a saved model's; say what is wrong
                // with the test data itself when loading it raw tells (other features, other labels).
                Dataset raw;
                try {
                    raw = source.load(new DataContext(random.stream("test"), LoadingProgress.NONE, Optional.empty(),
                            Optional.of(run.loss().task()), Optional.ofNullable(training.encoding())));
                } catch (DataException rawToo) {
                    throw new DataException(where + ": " + rawToo.getMessage(), rawToo);
                }
                aligned(raw, training, where, false);
            }
            throw new DataException(where + ": " + e.getMessage(), e);
        }
        Dataset rows = aligned(withHeldOut(loaded), training, where, true);
        return Optional.of(new TestData(rows, run.device()));
    }

    /** The rows scored: all of them, a part the source held out for validation included. */
    Dataset rows() {
        return rows;
    }

    Tensor x() {
        return x;
    }

    Tensor y() {
        return y;
    }

    @Override
    public void close() {
        x.close();
        y.close();
    }

    /** Every row the source gave: a part it held out (its own validation fraction) is test data too. */
    private static Dataset withHeldOut(Dataset loaded) {
        Dataset heldOut = loaded.validation();
        if (heldOut == null || heldOut.examples() == 0) {
            return loaded;
        }
        float[] features = concat(loaded.featureMatrix(), heldOut.featureMatrix());
        float[] labels = concat(loaded.labelVector(), heldOut.labelVector());
        Dataset all = new Dataset(features, labels, loaded.featureNames(), loaded.labelNames(), loaded.classes(),
                Map.of());
        if (loaded.encoding() != null) {
            all.withEncoding(loaded.encoding());
        }
        return loaded.standardization() == null ? all : all.withStandardization(loaded.standardization());
    }

    /**
     * Checks the test rows are rows the model can score (the training data's features, scaled the
     * same way, the same kind of labels) and numbers their classes as the training data's.
     *
     * @param scaled whether the scaling is checked too: not for rows loaded raw to explain an error
     */
    private static Dataset aligned(Dataset test, Dataset training, String where, boolean scaled) {
        if (test.examples() == 0) {
            throw new DataException(where + " has no rows; choose a test file or split that has some, or remove test");
        }
        if (!test.featureNames().equals(training.featureNames())) {
            throw new DataException(where + " gives the features " + Names.summary(test.featureNames())
                    + ", but the model trains on " + Names.summary(training.featureNames())
                    + "; give the test data the same feature columns (test.features for csv)");
        }
        if (!java.util.Objects.equals(test.encoding(), training.encoding())) {
            throw new DataException(where + (training.encoding() == null ? " fills or one-hot encodes its columns, but"
                    + " the training data's columns are read as they are" : test.encoding() == null ? " does not fill"
                    + " or encode its columns as the training data's are (a test source that cannot)"
                    : " encoded its columns anew instead of with the training data's encoding"));
        }
        if (scaled && training.standardization() != null && test.standardization() == null) {
            throw new DataException(where + " gives raw features, but the training features are standardised: set"
                    + " test.standardize = true");
        }
        if (scaled && training.standardization() == null && test.standardization() != null) {
            throw new DataException(where + " standardises its features, but the training features are raw: set"
                    + " test.standardize = false");
        }
        if (test.isClassification() != training.isClassification()) {
            throw new DataException(where + " gives " + (test.isClassification() ? "class labels" : "numeric targets")
                    + ", but the training data " + (training.isClassification() ? "has classes" : "numeric targets"));
        }
        if (!test.isClassification()) {
            if (!test.labelNames().equals(training.labelNames())) {
                throw new DataException(where + " has the targets " + test.labelNames() + ", but the model predicts "
                        + training.labelNames() + "; choose the same target columns (test.target for csv)");
            }
            return test;
        }
        if (test.classes().equals(training.classes())) {
            return test;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < training.classes().size(); c++) {
            index.put(training.classes().get(c), c);
        }
        float[] from = test.labelVector();
        float[] labels = new float[from.length];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            String name = test.classes().get((int) from[i]);
            Integer c = index.get(name);
            if (c == null) {
                if (!unknown.contains(name)) {
                    unknown.add(name);
                }
                continue;
            }
            labels[i] = c;
        }
        if (!unknown.isEmpty()) {
            throw new DataException(where + " has the class" + (unknown.size() == 1 ? " " : "es ")
                    + Names.summary(unknown) + ", which the training data does not (" + Names.summary(training.classes())
                    + "); the model cannot predict " + (unknown.size() == 1 ? "it" : "them") + ": drop those rows, or"
                    + " train on data that has them");
        }
        Dataset renumbered = new Dataset(test.featureMatrix(), labels, test.featureNames(), test.labelNames(),
                training.classes(), Map.of());
        if (test.encoding() != null) {
            renumbered.withEncoding(test.encoding());
        }
        return test.standardization() == null ? renumbered : renumbered.withStandardization(test.standardization());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
