package dev.descent.train;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One finished epoch.
 *
 * @param epoch          1 for the first epoch
 * @param epochs         how many epochs the run has
 * @param loss           the mean loss over the whole training set after this epoch, as the book prints it
 * @param validationLoss the mean loss over the held-out validation set, when the data has one
 * @param elapsed        time since the first epoch started
 */
public record EpochEnd(int epoch, int epochs, double loss, OptionalDouble validationLoss, Duration elapsed) {
}
