package dev.descent.train;

import dev.descent.api.Encoding;
import dev.descent.api.Standardization;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a resumed run starts: the parameters of a saved model, the scaling its data had (so the
 * parameters keep their meaning on the new data), and the state of its optimizer, schedule and
 * callbacks (so momentum and the like carry on).
 *
 * @param source          where the state came from, for messages (e.g. the model file)
 * @param parameters      the saved parameters by name
 * @param featureNames    the feature columns the parameters were trained on, in order
 * @param standardization the saved scaling, or {@code null} for raw features
 * @param encoding        the saved filling and encoding of the table's columns, or {@code null}
 * @param state           the saved state; {@link TrainingState#START} when the file had none (format 1)
 * @param components      the saved run's component of each kind, by kind key ({@code optimizer = sgd}): a
 *                        state is restored only into a component of the same name
 * @param history         the saved run's figures per epoch, its last epoch last ({@link History#NONE} when
 *                        unknown): the resumed run's result continues them, so early stopping may keep an
 *                        epoch of the saved run and its losses are known
 */
public record ResumeFrom(String source, Map<String, float[]> parameters, List<String> featureNames,
                         Standardization standardization, Encoding encoding, TrainingState state,
                         Map<String, String> components, History history) {

    public ResumeFrom {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        featureNames = List.copyOf(featureNames);
        components = Map.copyOf(components);
    }

    /** A saved run without its history. */
    public ResumeFrom(String source, Map<String, float[]> parameters, List<String> featureNames,
                      Standardization standardization, TrainingState state, Map<String, String> components) {
        this(source, parameters, featureNames, standardization, null, state, components, History.NONE);
    }

    /**
     * The training loss, validation loss (empty without validation data) and other figures
     * ({@code accuracy}) after each of the saved run's last epochs, in order.
     */
    public record History(List<Double> losses, List<Double> validationLosses, Map<String, List<Double>> metrics) {

        public static final History NONE = new History(List.of(), List.of(), Map.of());

        public History {
            losses = List.copyOf(losses);
            validationLosses = List.copyOf(validationLosses);
            Map<String, List<Double>> copy = new LinkedHashMap<>();
            metrics.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            metrics = Collections.unmodifiableMap(copy);
        }
    }
}
