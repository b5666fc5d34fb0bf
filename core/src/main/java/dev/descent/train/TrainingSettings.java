package dev.descent.train;

import dev.descent.api.Option;

/** The trainer's own settings, the {@code train.*} keys. Defaults are the book's. */
public final class TrainingSettings {

    @Option(name = "epochs", description = "Passes over the whole data set", min = 1)
    private int epochs = 3;

    @Option(name = "batch-size", description = "Examples per minibatch; the last batch of an epoch may be smaller", min = 1)
    private int batchSize = 10;

    public TrainingSettings() {
    }

    public TrainingSettings(int epochs, int batchSize) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1");
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }
}
