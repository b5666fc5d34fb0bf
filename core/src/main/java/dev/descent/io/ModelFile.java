package dev.descent.io;

import dev.descent.api.Encoding;
import dev.descent.api.State;
import dev.descent.api.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as stored on disk (format version 3, described in {@code docs/model-format.md};
 * versions 1 and 2 are still read). Plain data: {@link ModelFiles} writes and reads it.
 *
 * @param format          always {@code descent-model}
 * @param formatVersion   {@link ModelFiles#FORMAT_VERSION}
 * @param model           the model plugin and its options
 * @param features        the feature columns, in the order the model reads them
 * @param target          the label column
 * @param outputs         values the model predicts per row: one per target for regression, one per
 *                        class for classification; 1 when a version 1 file does not say
 * @param task            {@code regression} or {@code classification}; regression when a file before
 *                        version 3 does not say
 * @param classes         the class names in index order, for classification; empty for regression
 * @param standardization the feature scaling applied before the model, or {@code null}
 * @param encoding        how the table's columns become the features (missing cells filled, categories
 *                        one-hot), or {@code null} when the features are the columns as read (format 4)
 * @param parameters      the trained parameters, in the model's order
 * @param state           what a resumed run continues from besides the parameters (optimizer, schedule
 *                        and callbacks), or {@code null} in a version 1 file
 * @param config          the full resolved config of the run (every key, defaults included)
 * @param provenance      how the model was made
 */
public record ModelFile(String format, int formatVersion, Component model, List<String> features, String target,
                        Integer outputs, String task, List<String> classes, Scaling standardization, Encoding encoding, List<ParameterValues> parameters, SavedState state,
                        Map<String, String> config, Provenance provenance) {

    public ModelFile {
        if (outputs == null) {
            outputs = 1;
        }
        if (task == null) {
            task = Task.REGRESSION.label();
        }
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    /**
     * The state of a run beyond its parameters, as saved.
     *
     * @param epoch        the epochs completed
     * @param learningRate the learning rate of the next epoch, as the schedule left it, or {@code null}
     * @param optimizer the optimizer's state
     * @param schedule  the schedule's state
     * @param callbacks each callback's state, by name
     */
    public record SavedState(int epoch, Double learningRate, State optimizer, State schedule, Map<String, State> callbacks) {

        public SavedState {
            optimizer = optimizer == null ? State.EMPTY : optimizer;
            schedule = schedule == null ? State.EMPTY : schedule;
            callbacks = callbacks == null ? Map.of() : new LinkedHashMap<>(callbacks);
        }
    }

    /** A plugin: its name, version and jar, and (for the model) its option values. */
    public record Component(String name, String version, String jar, Map<String, String> options) {
    }

    /** Per-feature mean and standard deviation. */
    public record Scaling(double[] mean, double[] std) {
    }

    /** One parameter: name, shape and row-major values. */
    public record ParameterValues(String name, int[] shape, float[] values) {
    }

    /**
     * @param descentVersion      the Descent that trained the model
     * @param seed                the run seed
     * @param created             when the file was written, ISO-8601 UTC
     * @param epochs              epochs trained
     * @param finalLoss           the training loss after the last epoch
     * @param finalValidationLoss the validation loss after the last epoch, or {@code null}
     * @param epochLosses         the training loss after each epoch
     * @param validationLosses    the validation loss after each epoch (empty without validation data)
     * @param components          every component of the run by kind ({@code data}, {@code model}, …)
     * @param epochMetrics        each epoch's figures besides the loss ({@code accuracy},
     *                            {@code validation-accuracy}), by name; empty for regression and before version 3
     */
    public record Provenance(String descentVersion, long seed, String created, int epochs, double finalLoss,
                             Double finalValidationLoss, List<Double> epochLosses, List<Double> validationLosses,
                             Map<String, Component> components, Map<String, List<Double>> epochMetrics) {

        public Provenance {
            epochMetrics = epochMetrics == null ? Map.of() : new LinkedHashMap<>(epochMetrics);
        }
    }

    /** Whether the model classifies (it has classes) rather than regresses. */
    public boolean isClassification() {
        return !classes.isEmpty();
    }
}
