package dev.descent.train;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished run produced.
 *
 * @param epochLosses    the mean full-data loss after each epoch, first epoch first
 * @param parameters     the trained parameters by name, in the model's order, row-major
 * @param trueParameters the generating parameters by name when the data source knows them
 * @param elapsed        wall-clock training time
 */
public record TrainingResult(List<Double> epochLosses, Map<String, float[]> parameters,
                             Map<String, float[]> trueParameters, Duration elapsed) {

    public TrainingResult {
        epochLosses = List.copyOf(epochLosses);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        trueParameters = Map.copyOf(trueParameters);
    }

    /** The loss after the last epoch. */
    public double finalLoss() {
        return epochLosses.get(epochLosses.size() - 1);
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
}
