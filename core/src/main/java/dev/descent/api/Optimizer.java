package dev.descent.api;

import java.util.List;

/**
 * Updates parameters from their gradients: {@code θ ← θ − lr · ∇θ / batch_size} for {@code sgd}.
 *
 * <p>The trainer calls {@link #step} after each minibatch's {@code backward()}, outside gradient
 * tracking, and zeroes the gradients afterwards (so an optimizer need not). An implementation must
 * guarantee:
 * <ul>
 *   <li>It changes parameter values only in place ({@code value().addScaledInPlace(...)} and the
 *       like); the tensors themselves stay the same objects.</li>
 *   <li>Per-parameter state (momentum, running averages) is keyed by the {@link Parameter} and
 *       belongs to this instance: two optimizers never share state. State tensors are made with
 *       {@link dev.descent.tensor.Tensor#persistentZeros}, since {@code step} runs inside the
 *       trainer's per-batch {@link dev.descent.tensor.TensorScope}.</li>
 *   <li>It is deterministic: the same gradients give the same updates.</li>
 * </ul>
 */
public interface Optimizer {

    /**
     * Applies one update to every parameter.
     *
     * @param parameters the model's parameters, each with its gradient summed over the batch
     * @param batchSize  the number of examples in this batch; the last batch of an epoch may be
     *                   smaller than the configured size, and the update must use the real count
     */
    void step(List<Parameter> parameters, int batchSize);
}
