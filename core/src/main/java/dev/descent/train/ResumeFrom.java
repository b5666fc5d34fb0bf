package dev.descent.train;

import dev.descent.api.Standardization;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a resumed run starts: the parameters of a saved model and the scaling its data had, so the
 * parameters keep their meaning on the new data.
 *
 * @param source          where the state came from, for messages (e.g. the model file)
 * @param parameters      the saved parameters by name
 * @param featureNames    the feature columns the parameters were trained on, in order
 * @param standardization the saved scaling, or {@code null} for raw features
 */
public record ResumeFrom(String source, Map<String, float[]> parameters, List<String> featureNames,
                         Standardization standardization) {

    public ResumeFrom {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        featureNames = List.copyOf(featureNames);
    }
}
