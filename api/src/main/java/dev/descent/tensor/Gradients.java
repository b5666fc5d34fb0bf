package dev.descent.tensor;

/**
 * What a {@link TensorFunction}'s backward sees of one node of the graph: its inputs, its result and
 * the result's gradient, and where to add the inputs' gradients. Valid only during
 * {@link TensorFunction#backward}.
 */
public interface Gradients {

    /** ∂loss/∂result, the shape of {@link #output()}. */
    Tensor outputGrad();

    /** Input {@code i} of the call, as it was passed to forward. */
    Tensor input(int i);

    /** How many inputs the call had. */
    int inputs();

    /** The result forward returned. */
    Tensor output();

    /** Whether input {@code i} wants a gradient; skip the work for the others. */
    boolean needs(int i);

    /**
     * Adds {@code gradient} to input {@code i}'s gradient. A gradient of the broadcast shape (as an
     * elementwise op produces) is summed down to the input's shape first. Ignored for inputs that do
     * not {@linkplain #needs need} one.
     */
    void add(int i, Tensor gradient);

    /**
     * Adds the product {@code op(a) · op(b)} ({@code m × n}, inner dimension {@code k}) to input
     * {@code i}'s gradient: into a parameter's gradient in place, without a temporary.
     */
    void addProduct(int i, Tensor a, boolean transposeA, Tensor b, boolean transposeB, int m, int n, int k);
}
