package dev.descent.train;

import dev.descent.api.Task;
import dev.descent.io.ModelFile;
import dev.descent.api.Encoding;
import dev.descent.api.Standardization;
import dev.descent.tensor.Shape;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a finished run produced.
 *
 * @param epochLosses      the mean full-data training loss after each epoch, first epoch first
 * @param validationLosses the mean validation loss after each epoch; empty without validation data
 * @param parameters       the trained parameters by name, in the model's order, row-major
 * @param shapes           each parameter's shape, by name
 * @param trueParameters   the generating parameters by name when the data source knows them
 * @param featureNames     the feature columns, in the order the model reads them
 * @param labelName        the label column
 * @param outputs          values the model predicts per row
 * @param standardization  how the features were scaled, or {@code null} for raw features
 * @param encoding         how the table's columns became the features, or {@code null}
 * @param elapsed          wall-clock time of the training loop (epochs and their loss evaluation), without
 *                         loading the data and initialising the model
 * @param state            where the run stands besides its parameters, to resume from
 * @param stopReason       why a callback ended the run before its last epoch, if one did
 * @param run              the run as it trained: the components it actually used (an instance bound in
 *                         code included), its settings and seed, which the model file describes
 * @param keptIndex        where in {@code epochLosses} the epoch lies whose parameters are kept, when a
 *                         callback wrote back an earlier epoch's (early stopping); the last one otherwise
 * @param classes          the class names in index order, for classification; empty for regression
 * @param epochMetrics     each epoch's figures besides the loss, by name ({@code accuracy},
 *                         {@code validation-accuracy}), first epoch first; empty for regression
 */
public record TrainingResult(List<Double> epochLosses, List<Double> validationLosses, Map<String, float[]> parameters,
                             Map<String, Shape> shapes, Map<String, float[]> trueParameters, List<String> featureNames,
                             String labelName, int outputs, Standardization standardization, Encoding encoding, Duration elapsed,
                             TrainingState state, Optional<String> stopReason,
                             Run run, OptionalInt keptIndex,
                             List<String> classes, Map<String, List<Double>> epochMetrics) {

    public TrainingResult {
        epochLosses = List.copyOf(epochLosses);
        validationLosses = List.copyOf(validationLosses);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        trueParameters = Map.copyOf(trueParameters);
        featureNames = List.copyOf(featureNames);
        classes = List.copyOf(classes);
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        epochMetrics.forEach((name, values) -> metrics.put(name, List.copyOf(values)));
        epochMetrics = Collections.unmodifiableMap(metrics);
    }

    /**
     * The model file of this run: parameters, scaling, the state to resume from, config and provenance
     * (see docs/model-format.md); write it with {@link dev.descent.io.ModelFiles#write}.
     */
    public ModelFile toModelFile(Instant created) {
        return RunFile.of(this, created);
    }

    /** Classification when the data had classes, else regression. */
    public Task task() {
        return classes.isEmpty() ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    /** A figure of the kept epoch besides the loss ({@code accuracy}), when the run has it. */
    public OptionalDouble finalMetric(String name) {
        List<Double> values = epochMetrics.get(name);
        return values == null || values.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(values.get(keptIndex.orElse(values.size() - 1)));
    }

    /** The training loss of the parameters the run ends with: after the last epoch, or the kept one. */
    public double finalLoss() {
        return epochLosses.get(keptIndex.orElse(epochLosses.size() - 1));
    }

    /** The validation loss of the parameters the run ends with, when there was validation data. */
    public OptionalDouble finalValidationLoss() {
        return validationLosses.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(validationLosses.get(keptIndex.orElse(validationLosses.size() - 1)));
    }

    /**
     * {@code true − learned} for every parameter whose truth is known, as the book prints it
     * ({@code w error}, {@code b error}); in the model's parameter order.
     */
    public Map<String, float[]> estimationErrors() {
        Map<String, float[]> errors = new LinkedHashMap<>();
        parameters.forEach((name, learned) -> {
            float[] truth = trueParameters.get(name);
            if (truth != null && truth.length == learned.length) {
                float[] error = new float[learned.length];
                for (int i = 0; i < error.length; i++) {
                    error[i] = truth[i] - learned[i];
                }
                errors.put(name, error);
            }
        });
        return Collections.unmodifiableMap(errors);
    }

    /** Beyond this many values a parameter is summarised, as PyTorch prints tensors. */
    private static final int SUMMARY_THRESHOLD = 1000;

    /**
     * The result as a person reads it (JShell prints it): the epochs and their losses, each parameter
     * with its shape and values, the estimation errors when the truth is known, the features and the
     * target, and why training stopped early, if it did.
     *
     * <pre>
     * TrainingResult: 3 epochs (1 to 3) in 0.035 s
     *   loss per epoch: 0.041703, 0.000162, 0.000051
     *   w (2x1) = [1.9999, -3.3997]
     *   b (1) = [4.1988]
     *   w error = [8.5711e-05, -3.0875e-04]
     *   b error = [1.1625e-03]
     *   features x0, x1 -> target y
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TrainingResult: ");
        int last = state.epoch();
        int first = last - epochLosses.size() + 1;
        s.append(epochLosses.size()).append(epochLosses.size() == 1 ? " epoch" : " epochs");
        if (!epochLosses.isEmpty()) {
            s.append(" (").append(first).append(" to ").append(last).append(')');
        }
        s.append(String.format(java.util.Locale.ROOT, " in %.3f s", elapsed.toNanos() / 1e9)).append('\n');
        s.append("  loss per epoch: ").append(numbers(epochLosses)).append('\n');
        if (!validationLosses.isEmpty()) {
            s.append("  validation loss per epoch: ").append(numbers(validationLosses)).append('\n');
        }
        epochMetrics.forEach((name, values) -> s.append("  ").append(name).append(" per epoch: ")
                .append(numbers(values)).append('\n'));
        keptIndex.ifPresent(i -> s.append("  kept the parameters of epoch ").append(first + i).append('\n'));
        stopReason.ifPresent(reason -> s.append("  stopped early: ").append(reason).append('\n'));
        parameters.forEach((name, values) -> s.append("  ").append(name).append(" (")
                .append(dimensions(shapes.get(name))).append(") = ").append(values(values, "%.4f")).append('\n'));
        estimationErrors().forEach((name, error) -> s.append("  ").append(name).append(" error = ")
                .append(values(error, "%.4e")).append('\n'));
        s.append("  features ").append(String.join(", ", featureNames)).append(" -> target ").append(labelName);
        if (!classes.isEmpty()) {
            s.append(" (classes ").append(String.join(", ", classes)).append(')');
        }
        if (standardization != null) {
            s.append(", standardised");
        }
        return s.toString();
    }

    private static String numbers(List<Double> values) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < values.size(); i++) {
            if (values.size() > 10 && i == 5) {
                s.append(", …");
                i = values.size() - 5;
            }
            s.append(shown++ == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.6f", values.get(i)));
        }
        return s.toString();
    }

    private static String dimensions(Shape shape) {
        if (shape == null) {
            return "?";
        }
        StringBuilder s = new StringBuilder();
        for (int d : shape.dims()) {
            s.append(s.length() == 0 ? "" : "x").append(d);
        }
        return s.toString();
    }

    private static String values(float[] values, String format) {
        StringBuilder s = new StringBuilder("[");
        boolean summarise = values.length > SUMMARY_THRESHOLD;
        for (int i = 0; i < values.length; i++) {
            if (summarise && i == 3) {
                s.append(", ...");
                i = values.length - 3;
            }
            s.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, format, values[i]));
        }
        s.append(']');
        if (summarise) {
            s.append(" (").append(values.length).append(" values)");
        }
        return s.toString();
    }
}
