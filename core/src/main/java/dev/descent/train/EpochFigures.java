package dev.descent.train;

import java.util.OptionalDouble;

/**
 * What an epoch scored on one data set (training or validation).
 *
 * @param loss     the mean per-example loss
 * @param accuracy the share of examples classified right, for classification; empty for regression
 */
public record EpochFigures(double loss, OptionalDouble accuracy) {
}
