package dev.descent.tensor;

import java.util.Arrays;

/**
 * Frees the device memory of every tensor created inside it when it closes: the trainer opens one
 * per minibatch, so a step's temporaries go back to the device (the OpenCL device reuses them)
 * instead of waiting for the garbage collector.
 *
 * <pre>{@code
 * try (var scope = TensorScope.open()) {
 *     Tensor l = loss.apply(model.forward(x), y);
 *     l.sum().backward();
 * } // every tensor made above is released here; parameters and their gradients are not
 * }</pre>
 *
 * Parameters and tensors made outside any scope are never released by a scope. Scopes nest and
 * belong to the thread that opened them.
 */
public final class TensorScope implements AutoCloseable {

    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

    private final TensorScope parent;
    /** The tensors made in this scope, {@code tensors[0 .. count)}; a training step makes ~15. */
    private Tensor[] tensors = new Tensor[16];
    private int count;
    private boolean closed;

    private TensorScope(TensorScope parent) {
        this.parent = parent;
    }

    public static TensorScope open() {
        TensorScope scope = new TensorScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    static void register(Tensor tensor) {
        TensorScope scope = CURRENT.get();
        if (scope != null) {
            scope.add(tensor);
        }
    }

    private void add(Tensor tensor) {
        if (count == tensors.length) {
            tensors = Arrays.copyOf(tensors, count * 2);
        }
        tensors[count++] = tensor;
    }

    /** Moves {@code tensor} out of this scope into the enclosing one (or none), so it survives the close. */
    public Tensor keep(Tensor tensor) {
        for (int i = count - 1; i >= 0; i--) {
            if (tensors[i] == tensor) {
                System.arraycopy(tensors, i + 1, tensors, i, count - i - 1);
                tensors[--count] = null;
                if (parent != null) {
                    parent.add(tensor);
                }
                break;
            }
        }
        return tensor;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = count - 1; i >= 0; i--) {
            tensors[i].close();
            tensors[i] = null;
        }
        count = 0;
        CURRENT.set(parent);
    }
}
