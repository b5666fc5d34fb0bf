package dev.descent.train;

import dev.descent.api.Dataset;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run is about to do.
 *
 * @param dataset         the data, as loaded
 * @param epochs          how many epochs will run
 * @param batchSize       the configured minibatch size
 * @param batchesPerEpoch minibatches per epoch, the last one possibly short
 * @param test            the test data scored after every epoch ({@code test = NAME}), as loaded and
 *                        numbered like the training data; empty when the run has none
 */
public record TrainingStart(Dataset dataset, int epochs, int batchSize, int batchesPerEpoch, Optional<Dataset> test) {

    public TrainingStart {
        Objects.requireNonNull(test, "test");
    }

    /** A run without test data. */
    public TrainingStart(Dataset dataset, int epochs, int batchSize, int batchesPerEpoch) {
        this(dataset, epochs, batchSize, batchesPerEpoch, Optional.empty());
    }
}
