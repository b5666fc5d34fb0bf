package dev.descent.train;

import dev.descent.api.Dataset;

/**
 * What a run is about to do.
 *
 * @param dataset         the data, as loaded
 * @param epochs          how many epochs will run
 * @param batchSize       the configured minibatch size
 * @param batchesPerEpoch minibatches per epoch, the last one possibly short
 */
public record TrainingStart(Dataset dataset, int epochs, int batchSize, int batchesPerEpoch) {
}
