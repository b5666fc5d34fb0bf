package dev.descent.data;

import java.util.random.RandomGenerator;

/**
 * The book's {@code data_iter}: each epoch, shuffle the example indices, then take consecutive
 * minibatches of {@code batchSize}; the last batch is smaller when the size does not divide the
 * data. Holds one index array, reshuffled in place, so iterating allocates nothing.
 *
 * <pre>{@code
 * Minibatches batches = new Minibatches(n, 10, random);
 * batches.shuffle();
 * for (int b = 0; b < batches.count(); b++) {
 *     Tensor xb = x.gatherRows(batches.order(), batches.from(b), batches.size(b));
 * }
 * }</pre>
 */
public final class Minibatches {

    private final int[] order;
    private final int batchSize;
    private final RandomGenerator random;

    public Minibatches(int examples, int batchSize, RandomGenerator random) {
        if (examples < 0 || batchSize < 1) {
            throw new IllegalArgumentException("need examples >= 0 and batchSize >= 1, got " + examples + " and "
                    + batchSize);
        }
        this.order = new int[examples];
        for (int i = 0; i < examples; i++) {
            order[i] = i;
        }
        this.batchSize = batchSize;
        this.random = random;
    }

    /** Starts a new epoch: a fresh random order of all examples (Fisher–Yates, as {@code random.shuffle}). */
    public void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Minibatches per epoch (in long arithmetic: a batch size near 2^31 must not overflow to none). */
    public int count() {
        return (int) (((long) order.length + batchSize - 1) / batchSize);
    }

    /** The example indices of this epoch, in order; batch {@code b} is {@code [from(b), from(b) + size(b))}. */
    public int[] order() {
        return order;
    }

    public int from(int batch) {
        return (int) Math.min((long) batch * batchSize, order.length);
    }

    /** The number of examples in batch {@code batch}: {@code batchSize}, or fewer for the last one. */
    public int size(int batch) {
        return (int) Math.min(batchSize, order.length - (long) batch * batchSize);
    }
}
