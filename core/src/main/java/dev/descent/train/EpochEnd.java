package dev.descent.train;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One finished epoch.
 *
 * @param epoch          1 for the first epoch
 * @param epochs         how many epochs the run has
 * @param loss           the mean loss over the whole training set after this epoch, as the book prints it
 * @param validationLoss the mean loss over the held-out validation set, when the data has one
 * @param elapsed        time since the first epoch started
 * @param metrics        the epoch's figures besides the loss, by name, in the order to print them:
 *                       {@code accuracy} and {@code validation-accuracy} for classification; empty for
 *                       regression
 */
public record EpochEnd(int epoch, int epochs, double loss, OptionalDouble validationLoss, Duration elapsed,
                       Map<String, Double> metrics) {

    public EpochEnd {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public EpochEnd(int epoch, int epochs, double loss, OptionalDouble validationLoss, Duration elapsed) {
        this(epoch, epochs, loss, validationLoss, elapsed, Map.of());
    }
}
