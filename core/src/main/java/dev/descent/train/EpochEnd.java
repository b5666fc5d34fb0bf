package dev.descent.train;

import java.time.Duration;

/**
 * One finished epoch.
 *
 * @param epoch   1 for the first epoch
 * @param epochs  how many epochs the run has
 * @param loss    the mean loss over the whole data set after this epoch, as the book prints it
 * @param elapsed time since training started
 */
public record EpochEnd(int epoch, int epochs, double loss, Duration elapsed) {
}
