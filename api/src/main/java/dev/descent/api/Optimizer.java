package dev.descent.api;

import java.util.List;

/**
 * Updates parameters from their gradients: {@code θ ← θ − lr · ∇θ / batch_size} for {@code sgd}.
 *
 * <p>Life cycle: the registry creates the optimizer and sets its {@link Option}s; the trainer calls
 * {@link #initialize} once with the model's parameters, then (when a run resumes) {@link #restoreState},
 * then {@link #step} after each minibatch's {@code backward()}, outside gradient tracking, and zeroes
 * the gradients afterwards (so an optimizer need not). {@link #saveState} is called whenever the run
 * is saved. An implementation must guarantee:
 * <ul>
 *   <li>It changes parameter values only in place ({@code value().addScaledInPlace(...)} and the
 *       like); the tensors themselves stay the same objects.</li>
 *   <li>Per-parameter state (momentum, running averages) belongs to this instance: two optimizers
 *       never share state. State tensors are made with {@link dev.descent.tensor.Tensor#persistentZeros},
 *       since {@code step} runs inside the trainer's per-batch {@link dev.descent.tensor.TensorScope}.</li>
 *   <li>It is deterministic: the same gradients give the same updates, and an optimizer restored from
 *       {@link #saveState} makes exactly the updates the saved one would have made.</li>
 * </ul>
 * A learning rate, if the optimizer has one, is the {@link Option} named {@code lr}: that is the value
 * a {@link Schedule} changes between epochs.
 */
public interface Optimizer {

    /**
     * Creates the state the optimizer keeps per parameter, before the first step. The default keeps
     * none. {@code parameters} are the same objects, in the same order, that {@link #step} receives.
     */
    default void initialize(List<Parameter> parameters) {
    }

    /**
     * Applies one update to every parameter.
     *
     * @param parameters the model's parameters, each with its gradient summed over the batch
     * @param batchSize  the number of examples in this batch; the last batch of an epoch may be
     *                   smaller than the configured size, and the update must use the real count
     */
    void step(List<Parameter> parameters, int batchSize);

    /** Everything besides the parameters that later steps depend on (velocities, step counts); empty by default. */
    default State saveState() {
        return State.EMPTY;
    }

    /**
     * Continues from a state {@link #saveState} returned, after {@link #initialize}. Throws
     * {@link IllegalArgumentException} naming what does not fit (a missing entry, another length).
     */
    default void restoreState(State state) {
    }
}
