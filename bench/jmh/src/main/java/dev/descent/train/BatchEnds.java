package dev.descent.train;

import dev.descent.tensor.Tensor;

/** Makes {@link BatchEnd}s for benchmarks, whose constructor only the trainer calls. */
public final class BatchEnds {

    private BatchEnds() {
    }

    public static BatchEnd of(int epoch, int batch, int batches, int examples, Tensor lossSum) {
        return new BatchEnd(epoch, batch, batches, examples, lossSum);
    }
}
