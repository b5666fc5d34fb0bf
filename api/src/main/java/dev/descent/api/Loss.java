package dev.descent.api;

import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * How far predictions are from the labels, per example.
 *
 * <p>An implementation must guarantee:
 * <ul>
 *   <li>{@link #apply} returns one loss per example: shape {@code (n, 1)} for {@code n} predictions,
 *       whatever their width; the trainer sums it and calls {@code backward()}.</li>
 *   <li>It accepts labels of shape {@code (n)} or {@code (n, outputs)} (the book reshapes {@code y}
 *       to {@code y_hat}'s shape). A classification loss gets one class index per row, as a float,
 *       and predictions that are logits: one per class ({@code (n, k)}), or one for two classes.</li>
 *   <li>It is built from tensor operations only, so that gradients flow, and keeps no state
 *       between calls: it may be called from any thread, once per minibatch and once per epoch
 *       for the reported loss.</li>
 * </ul>
 */
public interface Loss {

    /** Per-example losses of predictions {@code yHat} against labels {@code y}. */
    Tensor apply(Tensor yHat, Tensor y);

    /**
     * The labels this loss compares with: numbers ({@link Task#REGRESSION}, the default) or class
     * indices ({@link Task#CLASSIFICATION}). The trainer refuses a run whose data is the other kind.
     */
    default Task task() {
        return Task.REGRESSION;
    }

    /**
     * Called once before the first epoch with what the training rows hold, for a loss whose figures
     * depend on them: class weights {@code balanced} come from the class counts. A loss that fits
     * something should leave its options saying what it fitted (explicit weights), since a saved
     * model's config re-creates the loss for {@code evaluate} and {@code --resume}. The default does
     * nothing.
     *
     * @param classes     the class names in index order; empty for regression
     * @param classCounts the training rows of each class, in index order; empty for regression, and
     *                    when the rows are not in this JVM (a distributed engine)
     * @throws DescentException when the loss's options do not fit the data (weights for other classes)
     */
    default void fit(List<String> classes, long[] classCounts) {
    }
}
