package dev.descent.api;

import dev.descent.tensor.Tensor;

/**
 * How far predictions are from the labels, per example.
 *
 * <p>An implementation must guarantee:
 * <ul>
 *   <li>{@link #apply} returns one loss per example: shape {@code (n, 1)} for predictions of shape
 *       {@code (n, 1)}; the trainer sums it and calls {@code backward()}.</li>
 *   <li>It accepts labels of shape {@code (n)} or {@code (n, 1)} (the book reshapes {@code y} to
 *       {@code y_hat}'s shape).</li>
 *   <li>It is built from tensor operations only, so that gradients flow, and keeps no state
 *       between calls: it may be called from any thread, once per minibatch and once per epoch
 *       for the reported loss.</li>
 * </ul>
 */
public interface Loss {

    /** Per-example losses of predictions {@code yHat} against labels {@code y}. */
    Tensor apply(Tensor yHat, Tensor y);
}
