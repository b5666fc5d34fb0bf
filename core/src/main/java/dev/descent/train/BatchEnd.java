package dev.descent.train;

import dev.descent.tensor.Tensor;

/**
 * One finished minibatch. Valid only during {@link TrainingListener#batchEnded}: the loss is read
 * from the device on demand, so a listener that does not ask for it costs nothing.
 */
public final class BatchEnd {

    private final int epoch;
    private final int batch;
    private final int batchesPerEpoch;
    private final int examples;
    private final Tensor lossSum;

    public BatchEnd(int epoch, int batch, int batchesPerEpoch, int examples, Tensor lossSum) {
        this.epoch = epoch;
        this.batch = batch;
        this.batchesPerEpoch = batchesPerEpoch;
        this.examples = examples;
        this.lossSum = lossSum;
    }

    /** 1 for the first epoch. */
    public int epoch() {
        return epoch;
    }

    /** 1 for the first batch of an epoch. */
    public int batch() {
        return batch;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Examples in this batch. */
    public int examples() {
        return examples;
    }

    /** The mean per-example loss of this batch, before the step. Reads one value from the device. */
    public double loss() {
        return lossSum.item() / examples;
    }
}
