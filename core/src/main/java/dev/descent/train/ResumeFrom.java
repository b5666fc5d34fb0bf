package dev.descent.train;

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
 * @param state           the saved state; {@link TrainingState#START} when the file had none (format 1)
 * @param components      the saved run's component of each kind, by kind key ({@code optimizer = sgd}): a
 *                        state is restored only into a component of the same name
 */
public record ResumeFrom(String source, Map<String, float[]> parameters, List<String> featureNames,
                         Standardization standardization, TrainingState state, Map<String, String> components) {

    public ResumeFrom {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        featureNames = List.copyOf(featureNames);
        components = Map.copyOf(components);
    }
}
