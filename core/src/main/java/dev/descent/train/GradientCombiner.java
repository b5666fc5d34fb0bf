package dev.descent.train;

import dev.descent.api.Parameter;
import java.util.List;

/**
 * The step of the loop between {@code backward()} and the optimizer where gradients computed by
 * several workers become one: on one machine there is nothing to combine ({@link #LOCAL}); a
 * data-parallel engine sums each parameter's gradient over its workers here, in a fixed order, so
 * every worker's optimizer makes the same update.
 */
@FunctionalInterface
public interface GradientCombiner {

    /** One worker: the gradients stay as they are. */
    GradientCombiner LOCAL = (parameters, examples) -> examples;

    /**
     * Replaces each parameter's gradient (summed over this worker's {@code examples}) with the sum over
     * every worker.
     *
     * @return how many examples the combined gradients are summed over: what the optimizer divides by
     */
    int combine(List<Parameter> parameters, int examples);
}
