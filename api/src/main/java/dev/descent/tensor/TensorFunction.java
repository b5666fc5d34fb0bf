package dev.descent.tensor;

import java.util.List;

/**
 * A differentiable operation on tensors: a named forward over any number of inputs and its
 * backward. Every operation of {@link Tensor} is one ({@code add}, {@code matmul}, {@code sum}, ...),
 * and a plugin adds its own the same way, for a fused or numerically stable computation with a
 * gradient written by hand:
 *
 * <pre>{@code
 * public final class LogCosh implements TensorFunction {
 *     public String name() { return "log-cosh"; }
 *     public Tensor forward(Tensor... x) { ... }                      // the value, from tensor ops or kernels
 *     public void backward(Gradients g) { g.add(0, g.outputGrad().mul(tanh(g.input(0)))); }
 * }
 * Tensor y = Tensor.apply(new LogCosh(), x);                          // tracked like any op
 * }</pre>
 *
 * Contract, checked by the test kit's {@code TensorGradientContract} for every function a
 * {@link FunctionLibrary} registers:
 * <ul>
 *   <li>{@link #forward} computes the value only: it runs with gradient tracking off and must not
 *       change its inputs.</li>
 *   <li>{@link #backward} adds to each input that {@linkplain Gradients#needs needs} one the gradient
 *       of the output with respect to it; it runs with tracking off, inside the backward pass.</li>
 *   <li>A function object may carry parameters ({@code pow(3)}'s 3); it is kept by the result for
 *       its backward, so it must not change afterwards.</li>
 * </ul>
 */
public interface TensorFunction {

    /** The function's name in graphs and errors, lower case with dashes: {@code matmul}, {@code log-cosh}. */
    String name();

    /** The result for {@code inputs} (as many as the function takes), on their device. */
    Tensor forward(Tensor... inputs);

    /** Adds each input's gradient, given the gradient of the result ({@link Gradients#outputGrad()}). */
    void backward(Gradients gradients);

    /**
     * Where the gradient contract checks this function against finite differences: input shapes and
     * value ranges. A function without cases is reported by the contract as unchecked.
     */
    default List<GradientCase> gradientCases() {
        return List.of();
    }
}
